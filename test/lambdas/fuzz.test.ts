/**
 * Property tests of every Connect handler and the Lex code hook under bad input: fuzzed events
 * carrying PII, downstream clients that answer garbage, fail with errors carrying PII in their
 * message, cause and own properties, answer late, or hang (with or without honouring the abort
 * signal). Seeded, so every run tries the same events.
 *
 * For each event: the handler must not throw; its answer must be a flat string map with a known
 * result under Connect's 32 KB (or a Lex V2 response within Lex's limits); nothing from the PII
 * corpus may appear in what it wrote to stdout/stderr (logs and EMF metrics); and it must answer
 * within its budget, in virtual time (Jest's fake timers).
 *
 * `FUZZ_RUNS=<n>` tries more events per handler; `FUZZ_REPORT=1` prints the table of counts.
 * The limits are written out here (not imported) so the suite can be run against older code.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { AnyHandler, CONNECT_HANDLERS, CONTACT_ID, HANDLER_ENV, LEX_HANDLER } from './fixtures';
import { captureOutput, isFlatConnectResponse, settleWithinBudget, useFakeClock } from './helpers';

const SEED = 20261127;
const RUNS = Number(process.env.FUZZ_RUNS ?? 80);

/** Amazon Connect: "The size of the returned data must be less than 32 KB of UTF-8 data." */
const CONNECT_MAX_BYTES = 32 * 1024 - 1;
/** Lex: at most 25 KB out, 12 KB of it session attributes; a message at most 1,000 characters. */
const LEX_MAX_BYTES = 25 * 1024;
const LEX_MAX_SESSION_BYTES = 12 * 1024;
const LEX_MAX_MESSAGE_CHARS = 1000;

const ddbMock = mockClient(DynamoDBClient);
const s3Mock = mockClient(S3Client);
const ssmMock = mockClient(SSMClient);

// ---------------------------------------------------------------------------------------------
// The PII corpus: what must never reach the logs, in the shapes callers and systems write it.

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const sep = fc.constantFrom('-', ' ', '.');

/** A PII value and the forms of it that must not appear in the output. */
interface Pii {
  readonly text: string;
  readonly forbidden: readonly string[];
}

/** A number-like PII value: neither its text nor its digits as one run may appear. */
const numberPii = (text: string): Pii => ({ text, forbidden: [text, text.replace(/\D/g, '')] });

function luhnComplete(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

const piiArb: fc.Arbitrary<Pii> = fc.oneof(
  fc.tuple(digits(3), sep, digits(2), digits(4)).map(([a, s, b, c]) => numberPii(`${a}${s}${b}${s}${c}`)), // SSN
  fc.tuple(digits(3), digits(3), digits(4), fc.constantFrom('(%a) %b-%c', '%a-%b-%c', '%a.%b.%c', '+1 %a %b %c', '+1%a%b%c')).map(([a, b, c, f]) =>
    numberPii(f.replace('%a', `2${a.slice(1)}`).replace('%b', b).replace('%c', c)),
  ), // US phone
  fc.tuple(fc.constantFrom('44 20', '52 55', '34 91', '49 30'), digits(4), digits(4)).map(([cc, a, b]) => numberPii(`+${cc} ${a} ${b}`)), // international
  fc.tuple(fc.constantFrom('cs', 'CS', 'cse', 'A'), fc.constantFrom('-', '.', ''), digits(3), fc.constantFrom(' ', '-', ''), digits(4)).map(([p, s1, a, s2, b]) => ({
    text: `${p}${s1}${a}${s2}${b}`,
    forbidden: [`${p}${s1}${a}${s2}${b}`, `${a}${b}`],
  })), // the kit's case numbers
  fc.tuple(fc.constantFrom('4', '51', '37'), digits(12), fc.constantFrom(' ', '-', '')).map(([prefix, body, s]) => {
    const card = luhnComplete(`${prefix}${body}`.slice(0, 15));
    return numberPii(card.replace(/(\d{4})(?=\d)/g, `$1${s}`));
  }), // card numbers (Luhn)
  fc.tuple(fc.constantFrom('pin', 'PIN', 'my pin is', 'NIP', 'passcode'), fc.constantFrom(' ', ': ', '='), digits(4)).map(([k, s, pin]) => ({
    text: `${k}${s}${pin}`,
    forbidden: [`${k}${s}${pin}`],
  })), // PINs named as such
  fc.tuple(fc.constantFrom('jane.doe', 'j.smith+claims', 'maria_garcia'), fc.constantFrom('example.gov', 'mail.example.org')).map(([l, d]) => ({
    text: `${l}@${d}`,
    forbidden: [`${l}@${d}`],
  })), // e-mail
);

// ---------------------------------------------------------------------------------------------
// Events.

const garbage = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }));
const hugeText = fc.constantFrom(1_000, 40_000, 200_000).map((n) => 'Bring every document you have. '.repeat(Math.ceil(n / 31)).slice(0, n));

/** Text a field may hold: PII, valid values, random strings, huge strings. */
function textWith(corpus: Pii[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...corpus.map((p) => p.text)),
    fc.constantFrom('CS1234567', 'cs-123 4567', '4821', '19800214', '4', '5', 'es-US', 'en-US', 'General', ''),
    fc.string({ maxLength: 40 }),
    hugeText,
  );
}

/** A Connect event for `base`, with fields replaced by PII, junk and huge values. */
function connectEventArb(base: Record<string, unknown>, corpus: Pii[]): fc.Arbitrary<unknown> {
  const keys = fc.oneof(fc.constantFrom('caseNumber', 'pin', 'dob', 'language', 'satisfaction', 'trust', 'ease', 'queue'), fc.constantFrom(...corpus.map((p) => p.text)));
  const mutated = fc
    .record({
      parameters: fc.dictionary(keys, textWith(corpus), { maxKeys: 6 }),
      attributes: fc.dictionary(keys, fc.oneof({ weight: 4, arbitrary: textWith(corpus) }, { weight: 1, arbitrary: garbage as fc.Arbitrary<unknown> }), { maxKeys: 4 }),
      queue: fc.oneof(fc.constant(undefined), fc.constant(null), textWith(corpus).map((Name) => ({ Name }))),
      address: textWith(corpus),
      keepParameters: fc.boolean(),
    })
    .map(({ parameters, attributes, queue, address, keepParameters }) => {
      const details = base.Details as { ContactData: Record<string, unknown>; Parameters: Record<string, string> };
      const contactData: Record<string, unknown> = { ...details.ContactData, Attributes: attributes, CustomerEndpoint: { Address: address, Type: 'TELEPHONE_NUMBER' } };
      if (queue === undefined) delete contactData.Queue;
      else contactData.Queue = queue;
      return { ...base, Details: { ContactData: contactData, Parameters: keepParameters ? { ...details.Parameters, ...parameters } : parameters } };
    });
  return fc.oneof({ weight: 8, arbitrary: mutated }, { weight: 1, arbitrary: fc.anything() }, { weight: 1, arbitrary: fc.constant(base) });
}

/** A Lex event for the citizen-services bot, with slots, transcript and session attributes fuzzed. */
function lexEventArb(base: Record<string, unknown>, corpus: Pii[]): fc.Arbitrary<unknown> {
  const intents = fc.constantFrom('CheckCaseStatus', 'OfficeHoursAndLocations', 'SpeakToAgent', 'ReportProblem', 'Help', 'Repeat', 'FallbackIntent', 'Unknown');
  const mutated = fc
    .record({
      intent: intents,
      source: fc.constantFrom('DialogCodeHook', 'FulfillmentCodeHook'),
      locale: fc.constantFrom('en_US', 'es_US', 'fr_FR'),
      caseNumber: textWith(corpus),
      problemType: textWith(corpus),
      transcript: textWith(corpus),
      session: fc.dictionary(fc.oneof(fc.constantFrom('fallbackCount', 'caseNumberTries', 'language'), fc.constantFrom(...corpus.map((p) => p.text))), fc.oneof({ weight: 4, arbitrary: textWith(corpus) }, { weight: 1, arbitrary: garbage as fc.Arbitrary<unknown> }), { maxKeys: 4 }),
    })
    .map(({ intent, source, locale, caseNumber, problemType, transcript, session }) => {
      const slot = (text: string) => ({ value: { originalValue: text, interpretedValue: text, resolvedValues: [text] } });
      const state = base.sessionState as Record<string, unknown>;
      return {
        ...base,
        invocationSource: source,
        inputTranscript: transcript,
        bot: { ...(base.bot as object), localeId: locale },
        sessionState: { ...state, sessionAttributes: session, intent: { name: intent, slots: { caseNumber: slot(caseNumber), problemType: slot(problemType) }, state: 'InProgress', confirmationState: 'None' } },
      };
    });
  return fc.oneof({ weight: 8, arbitrary: mutated }, { weight: 1, arbitrary: fc.anything() }, { weight: 1, arbitrary: fc.constant(base) });
}

// ---------------------------------------------------------------------------------------------
// What the downstream clients do.

type Behaviour =
  | { readonly kind: 'resolve'; readonly value: unknown }
  | { readonly kind: 'reject'; readonly error: Error }
  | { readonly kind: 'late'; readonly ms: number; readonly value: unknown }
  | { readonly kind: 'hang' }
  | { readonly kind: 'hangUntilAbort' };

/** An error as the SDK raises them, with PII in its message, its cause and its own properties. */
function sdkErrorArb(corpus: Pii[]): fc.Arbitrary<Error> {
  const pii = fc.constantFrom(...corpus.map((p) => p.text));
  return fc
    .record({
      name: fc.constantFrom('ConditionalCheckFailedException', 'ThrottlingException', 'ValidationException', 'AccessDeniedException', 'TimeoutError', 'Error', 'Jane Doe'),
      message: pii.map((p) => `request for ${p} failed`),
      item: pii,
      cause: fc.option(pii, { nil: undefined }),
      status: fc.constantFrom(400, 429, 500),
    })
    .map(({ name, message, item, cause, status }) => {
      const error = Object.assign(new Error(message), {
        name,
        $fault: 'client',
        $metadata: { httpStatusCode: status, requestId: 'REQ-1' },
        Item: { caseNumber: { S: item }, salt: { S: item }, lockedUntil: { N: '1' } },
        Body: item,
      });
      if (cause !== undefined) (error as { cause?: unknown }).cause = Object.assign(new Error(`socket for ${cause}`), { Input: cause });
      return error;
    });
}

/** What GetItem/UpdateItem/PutObject/GetParameter may answer: real shapes, junk, PII and huge texts. */
function answerArb(corpus: Pii[]): fc.Arbitrary<unknown> {
  const text = textWith(corpus);
  const caseItem = fc.record({
    status: fc.record({ S: fc.oneof(fc.constantFrom('IN_REVIEW', 'NEEDS_INFO', 'ON_HOLD'), text) }),
    nextStep: fc.record({ M: fc.record({ 'en-US': fc.record({ S: text }), 'es-US': fc.record({ S: text }) }) }),
    updatedAt: fc.record({ S: text }),
  });
  const closure = fc
    .record({ closed: fc.boolean(), reason: fc.constantFrom('WEATHER', 'HOLIDAY', 'EMERGENCY', 'OTHER', 'x'), message: fc.record({ 'en-US': text, 'es-US': text }) })
    .map((c) => ({ Parameter: { Value: JSON.stringify(c) } }));
  return fc.oneof(
    caseItem.map((Item) => ({ Item })),
    fc.constant({}),
    fc.record({ Attributes: fc.record({ failedAttempts: fc.record({ N: fc.constantFrom('1', '3', 'x') }), salt: fc.record({ S: text }) }) }),
    closure,
    text.map((Value) => ({ Parameter: { Value } })),
    fc.anything(),
  );
}

function behaviourArb(corpus: Pii[]): fc.Arbitrary<Behaviour> {
  return fc.oneof(
    { weight: 4, arbitrary: answerArb(corpus).map((value): Behaviour => ({ kind: 'resolve', value })) },
    { weight: 3, arbitrary: sdkErrorArb(corpus).map((error): Behaviour => ({ kind: 'reject', error })) },
    { weight: 1, arbitrary: fc.record({ ms: fc.integer({ min: 1, max: 6000 }), value: answerArb(corpus) }).map(({ ms, value }): Behaviour => ({ kind: 'late', ms, value })) },
    { weight: 1, arbitrary: fc.constant<Behaviour>({ kind: 'hang' }) },
    { weight: 1, arbitrary: fc.constant<Behaviour>({ kind: 'hangUntilAbort' }) },
  );
}

/** Makes every mocked client act out `behaviours`, one per call, in turn. */
function actOut(behaviours: readonly Behaviour[]): void {
  let next = 0;
  const send = (_command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown> => {
    const b = behaviours[next++ % behaviours.length];
    switch (b.kind) {
      case 'resolve':
        return Promise.resolve(b.value);
      case 'reject':
        return Promise.reject(b.error);
      case 'late':
        return new Promise((resolve) => setTimeout(() => resolve(b.value), b.ms));
      case 'hang':
        return new Promise(() => undefined);
      case 'hangUntilAbort':
        return new Promise((_resolve, reject) =>
          options?.abortSignal?.addEventListener('abort', () => reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' })), { once: true }),
        );
    }
  };
  for (const mock of [ddbMock, s3Mock, ssmMock]) {
    mock.reset();
    // The answers are deliberately not what the commands return.
    mock.send.callsFake(send as never);
  }
}

// ---------------------------------------------------------------------------------------------
// Checks.

function isValidLexResponse(response: unknown): boolean {
  if (typeof response !== 'object' || response === null) return false;
  const r = response as { sessionState?: { sessionAttributes?: unknown; dialogAction?: { type?: unknown } }; messages?: unknown };
  if (!['Close', 'Delegate', 'ElicitSlot', 'ElicitIntent', 'ConfirmIntent'].includes(r.sessionState?.dialogAction?.type as string)) return false;
  const attributes = r.sessionState?.sessionAttributes;
  if (attributes !== undefined) {
    if (typeof attributes !== 'object' || attributes === null || !Object.values(attributes).every((v) => typeof v === 'string')) return false;
    if (Buffer.byteLength(JSON.stringify(attributes), 'utf8') > LEX_MAX_SESSION_BYTES) return false;
  }
  if (r.messages !== undefined) {
    if (!Array.isArray(r.messages)) return false;
    if (!r.messages.every((m) => typeof m?.content === 'string' && m.content.length <= LEX_MAX_MESSAGE_CHARS)) return false;
  }
  return Buffer.byteLength(JSON.stringify(response), 'utf8') <= LEX_MAX_BYTES;
}

function isValidConnectResponse(response: unknown): boolean {
  return isFlatConnectResponse(response) && Buffer.byteLength(JSON.stringify(response), 'utf8') <= CONNECT_MAX_BYTES;
}

/** A PII form appears in the output on its own (not as part of a longer run of digits). */
function leaked(output: string, corpus: readonly Pii[]): string | undefined {
  for (const pii of corpus) {
    for (const form of pii.forbidden) {
      if (form.length < 4) continue;
      const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (new RegExp(`(?<![0-9])${escaped}(?![0-9])`).test(output)) return form;
    }
  }
  return undefined;
}

/** Counts per handler, printed with FUZZ_REPORT=1. */
interface Tally {
  tried: number;
  thrown: number;
  badResponse: number;
  piiLeak: number;
  overBudget: number;
  /** Over budget although every client either answered in time or honoured its abort signal. */
  overBudgetWithCooperativeClients: number;
  examples: string[];
}

const tallies = new Map<string, Tally>();

afterAll(() => {
  if (!process.env.FUZZ_REPORT) return;
  const rows = [...tallies].map(([name, t]) => `| ${name} | ${t.tried} | ${t.thrown} | ${t.badResponse} | ${t.piiLeak} | ${t.overBudget} (${t.overBudgetWithCooperativeClients}) |`);
  const total = [...tallies.values()].reduce(
    (a, t) => ({ tried: a.tried + t.tried, thrown: a.thrown + t.thrown, bad: a.bad + t.badResponse, leak: a.leak + t.piiLeak, over: a.over + t.overBudget, coop: a.coop + t.overBudgetWithCooperativeClients }),
    { tried: 0, thrown: 0, bad: 0, leak: 0, over: 0, coop: 0 },
  );
  process.stdout.write(
    [
      `fuzz seed ${SEED}, ${RUNS} events per handler`,
      '| handler | events | thrown | bad response | PII leak | over budget (of which with clients that honour the abort signal) |',
      '|---|---|---|---|---|---|',
      ...rows,
      `| all | ${total.tried} | ${total.thrown} | ${total.bad} | ${total.leak} | ${total.over} (${total.coop}) |`,
      ...[...tallies].flatMap(([name, t]) => t.examples.slice(0, 3).map((e) => `  ${name}: ${e}`)),
      '',
    ].join('\n'),
  );
});

// ---------------------------------------------------------------------------------------------

const savedEnv = { ...process.env };
let output: string[] = [];

beforeEach(() => {
  output = captureOutput();
  useFakeClock();
});

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
  process.env = { ...savedEnv };
});

/** Runs one fuzzed invocation and tallies what went wrong. */
async function tryOnce(name: string, handler: AnyHandler, event: unknown, behaviours: Behaviour[], budgetMs: number, corpus: Pii[], valid: (r: unknown) => boolean, reset?: () => void): Promise<void> {
  const tally = tallies.get(name) ?? { tried: 0, thrown: 0, badResponse: 0, piiLeak: 0, overBudget: 0, overBudgetWithCooperativeClients: 0, examples: [] };
  tallies.set(name, tally);
  reset?.();
  actOut(behaviours);
  process.env = { ...savedEnv, ...HANDLER_ENV, TIME_BUDGET_MS: String(budgetMs) };
  output.length = 0;
  const outcome = await settleWithinBudget(() => handler(event), budgetMs);
  jest.clearAllTimers();
  tally.tried++;
  const note = (what: string) => tally.examples.length < 5 && tally.examples.push(what);
  if (!outcome.settled || outcome.elapsedMs > budgetMs) {
    tally.overBudget++;
    if (behaviours.every((b) => b.kind !== 'hang' && (b.kind !== 'late' || b.ms <= budgetMs))) tally.overBudgetWithCooperativeClients++;
    note(`over budget (${budgetMs} ms) with ${behaviours.map((b) => b.kind).join(',')}`);
  } else if (outcome.error !== undefined) {
    tally.thrown++;
    note(`threw ${String(outcome.error)}`);
  } else if (!valid(outcome.value)) {
    tally.badResponse++;
    note(`bad response of ${Buffer.byteLength(JSON.stringify(outcome.value) ?? '')} bytes: ${JSON.stringify(outcome.value)?.slice(0, 120)}`);
  }
  const leak = leaked(output.join(''), corpus);
  if (leak !== undefined) {
    tally.piiLeak++;
    note(`leaked ${JSON.stringify(leak)}`);
  }
}

const budgetArb = fc.constantFrom(50, 500, 3000);

describe('handlers under fuzzed events and misbehaving clients', () => {
  test.each(CONNECT_HANDLERS.map((h) => [h.name, h] as const))(
    '%s never throws, answers a flat string map under 32 KB within budget, and logs no PII',
    async (name, { handler, event, reset }) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(piiArb, { minLength: 1, maxLength: 4 }).chain((corpus) =>
            fc.tuple(fc.constant(corpus), connectEventArb(event(), corpus), fc.array(behaviourArb(corpus), { minLength: 1, maxLength: 4 }), budgetArb),
          ),
          async ([corpus, fuzzed, behaviours, budget]) => {
            await tryOnce(name, handler, fuzzed, behaviours, budget, corpus, isValidConnectResponse, reset);
          },
        ),
        { seed: SEED, numRuns: RUNS },
      );
      const { tried, thrown, badResponse, piiLeak, overBudget, examples } = tallies.get(name)!;
      expect({ tried, thrown, badResponse, piiLeak, overBudget, examples }).toEqual({ tried: RUNS, thrown: 0, badResponse: 0, piiLeak: 0, overBudget: 0, examples: [] });
    },
  );

  test('lex-fulfillment never throws, answers a Lex response within its limits within budget, and logs no PII', async () => {
    const name = LEX_HANDLER.name;
    await fc.assert(
      fc.asyncProperty(
        fc.array(piiArb, { minLength: 1, maxLength: 4 }).chain((corpus) =>
          fc.tuple(fc.constant(corpus), lexEventArb(LEX_HANDLER.event(), corpus), fc.array(behaviourArb(corpus), { minLength: 1, maxLength: 4 }), budgetArb),
        ),
        async ([corpus, fuzzed, behaviours, budget]) => {
          await tryOnce(name, LEX_HANDLER.handler, fuzzed, behaviours, budget, corpus, isValidLexResponse);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    const { tried, thrown, badResponse, piiLeak, overBudget, examples } = tallies.get(name)!;
    expect({ tried, thrown, badResponse, piiLeak, overBudget, examples }).toEqual({ tried: RUNS, thrown: 0, badResponse: 0, piiLeak: 0, overBudget: 0, examples: [] });
  });

  test('the leak check finds PII written in any of its forms, and not digits that merely contain it', () => {
    const corpus = [numberPii('123 45 6789'), { text: 'pin 4821', forbidden: ['pin 4821'] }];
    expect(leaked('{"message":"ssn 123456789"}', corpus)).toBe('123456789');
    expect(leaked('{"message":"ssn 123 45 6789"}', corpus)).toBe('123 45 6789');
    expect(leaked('{"message":"my pin 4821"}', corpus)).toBe('pin 4821');
    expect(leaked('{"requestId":"91234567890"}', corpus)).toBeUndefined();
    expect(CONTACT_ID).toMatch(/^[0-9a-f-]{36}$/);
  });
});
