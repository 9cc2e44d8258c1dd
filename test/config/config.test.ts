/**
 * The config specs (loader, schema, cross-checks, early errors) run in one jest test file: each
 * file of its own paid a jest environment and loaded zod, yaml and the config modules again
 * before its first assertion. Each spec keeps its own file, named for what it proves.
 * test/config/fuzz.test.ts stays a file of its own (one of the longest).
 */
import './loader.spec';
import './json-schema.spec';
import './selection.spec';
import './cross-checks.spec';
import './early-errors.spec';
import './agent-checks.spec';
import './bot-roles.spec';
import './chat-checks.spec';
import './flow-texts.spec';
import './follow-up-checks.spec';
import './lex-locale.spec';
import './prompt-checks.spec';
