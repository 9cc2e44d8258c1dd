/**
 * The handlers' pure checks (event and input parsers against their zod references, PII redaction,
 * the phone-number ledger decision, handler bundle sizes) run in one jest test file: each file of its
 * own paid a jest environment and loaded fast-check, zod and the kit modules again (about 0.15
 * CPU-seconds a file in a warm jest worker). Each spec keeps its own file, named for what it proves.
 * A spec may join only if it shares no state with the others in one module registry: no
 * aws-sdk-client-mock `mockClient` (a second mock of the same client class cancels the first), no
 * process.env it sets or reads at load, no jest.mock, jest.resetModules or fake timers, and hooks
 * only inside its own describe. The handler tests with mocks, env or clocks keep files of their own.
 */
import './shared/connect-event.spec';
import './shared/lex-event.spec';
import './shared/redact.spec';
import './case-status-item.spec';
import './chat-start-request.spec';
import './contact-center-closure.spec';
import './lex-fulfillment-inputs.spec';
import './phone-number-ledger.spec';
import './bundle-size.spec';
