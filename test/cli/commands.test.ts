/**
 * The specs of the gcck commands that need no synthesis (lint, import, diagram, web, test-flows,
 * help and early errors) run in one jest test file: each file of its own paid a jest environment
 * and loaded the CLI and its modules again. Each spec keeps its own file, named for what it
 * proves. main.test.ts and validate.test.ts stay files of their own.
 */
import './early-errors.spec';
import './lazy-commands.spec';
import './lint-flows.spec';
import './lint-bots.spec';
import './import-flow.spec';
import './import-bot.spec';
import './diagram.spec';
import './web.spec';
import './test-flows-fork.spec';
