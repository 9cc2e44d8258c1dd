/**
 * The construct specs, each in a small stack of its own, run in one jest test file: a file of its
 * own paid about 1.5 to 2 CPU-seconds to start a jest environment and load aws-cdk-lib and the kit
 * before its first assertion. Each spec keeps its own file, named for the construct it proves.
 * test/live/smoke-bots.spec.ts (gcck smoke recognises the bots by the names LexBot gives them)
 * builds LexBot stacks too and runs here.
 */
import './connect-function.spec';
import './contact-analytics.spec';
import './contact-center-monitoring.spec';
import './follow-up-tasks.spec';
import './hours-of-operation.spec';
import './json-content.spec';
import './lex-bot.spec';
import './phone-number.spec';
import './routing-profile.spec';
import './security-profiles.spec';
import './web-chat-api.spec';
import '../live/smoke-bots.spec';
