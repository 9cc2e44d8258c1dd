import { main } from '../../lib/cli/main';
import { mutatedRiverton, replaceOnce } from '../helpers/mutated-config';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

/** Runs `gcck validate` on the Riverton example changed by `edit`; returns the exit code, output and file. */
async function validateRiverton(edit: (text: string) => string) {
  const { dir, file } = mutatedRiverton(edit);
  const { io, out, err } = capture();
  const code = await main(['validate', '--config-dir', dir], io);
  return { code, out, err, file };
}

const WEEKDAYS = '- { days: [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY], start: "07:30", end: "18:00" }';

// Each case here once passed `gcck validate` and then failed `cdk synth` (with a stack trace,
// a plain Error, a JSON parse error naming no file, or never finishing).
describe('gcck validate finds what synthesis would fail on', () => {
  test('an alarm address listed twice (was a SubscriptionAlreadyExists stack trace)', async () => {
    const { code, out, err, file } = await validateRiverton((t) =>
      replaceOnce(t, 'alarmEmails: [it-oncall@riverton.example]', 'alarmEmails: [it-oncall@riverton.example, IT-Oncall@Riverton.example]'),
    );
    expect({ code, out }).toEqual({ code: 1, out: [] });
    expect(err).toEqual([
      `Configuration has 1 problem:\n  ${file}: monitoring.alarmEmails[1]: "IT-Oncall@Riverton.example" is a duplicate alarm address (already listed as alarmEmails[0]; list each once)`,
    ]);
  });

  test('a weekly slot that overlaps another on the same day (was a plain Error from the hours construct)', async () => {
    const { code, err, file } = await validateRiverton((t) => replaceOnce(t, WEEKDAYS, `${WEEKDAYS}\n      - { days: [MONDAY], start: "17:00", end: "20:00" }`));
    expect(code).toBe(1);
    expect(err).toEqual([`Configuration has 1 problem:\n  ${file}: hours[0].schedule[1]: MONDAY 17:00-20:00 overlaps schedule[0] (slots on one day must not overlap)`]);
  });

  test('a day listed twice in one slot', async () => {
    const { code, err, file } = await validateRiverton((t) => replaceOnce(t, 'days: [MONDAY, TUESDAY', 'days: [MONDAY, MONDAY, TUESDAY'));
    expect(code).toBe(1);
    expect(err).toEqual([`Configuration has 1 problem:\n  ${file}: hours[0].schedule[0].days[1]: "MONDAY" is a duplicate day (already listed as days[0]; list each once)`]);
  });

  test('more entries than one stack can hold, before building anything', async () => {
    const statuses = Array.from({ length: 520 }, (_, i) => `  - { name: status-${i} }`).join('\n');
    const started = Date.now();
    const { code, err, file } = await validateRiverton((t) => `${t}agentStatuses:\n${statuses}\n`);
    expect(code).toBe(1);
    expect(err.filter((line) => !line.startsWith('warning: '))).toEqual([
      `Configuration has 1 problem:\n  ${file}: agentStatuses: 1 hours + 1 queues + 1 routingProfiles + 520 agentStatuses + 1 phoneNumbers make at least 524 resources in the contact-center stack, over the 500 CloudFormation allows in one stack (use fewer entries)`,
    ]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test('a stack the built app finds over 500 resources (was TooManyResourcesInStack), with the exact count', async () => {
    // 440 entries pass the config-level estimate; the stack's own functions, roles and
    // security profiles take it over the limit.
    const statuses = Array.from({ length: 440 }, (_, i) => `  - { name: status-${i} }`).join('\n');
    const { code, err, file } = await validateRiverton((t) => `${t}agentStatuses:\n${statuses}\n`);
    expect(code).toBe(1);
    expect(err.filter((line) => !line.startsWith('warning: '))).toEqual([
      expect.stringMatching(
        new RegExp(`^Configuration has 1 problem:\\n  ${file}: \\(stack riverton-311-contact-center\\): 5\\d\\d resources exceed the 500 CloudFormation allows in one stack \\(fewer hours, queues, routing profiles, quick connects, agent statuses, phone numbers or flows\\)$`),
      ),
    ]);
  });

  test('a Lex locale listed a hundred times (synthesis never finished)', async () => {
    const started = Date.now();
    const { code, err, file } = await validateRiverton((t) => replaceOnce(t, 'lexLocales: [en_US]', `lexLocales: [${Array(100).fill('en_US').join(', ')}]`));
    expect(code).toBe(1);
    expect(err[0].split('\n')).toHaveLength(100);
    expect(err[0].split('\n')[1]).toBe(`  ${file}: lexLocales[1]: "en_US" is a duplicate Lex locale (already listed as lexLocales[0]; list each once)`);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test('a lone UTF-16 surrogate in displayName (was a JSON parse error naming no file)', async () => {
    const { code, err, file } = await validateRiverton((t) => replaceOnce(t, 'displayName: City of Riverton 311', 'displayName: "City of Riverton \\uD800 311"'));
    expect(code).toBe(1);
    expect(err).toEqual([
      `Configuration has 1 problem:\n  ${file}: displayName: holds a lone UTF-16 surrogate (an unpaired \\uD800-\\uDFFF escape), which is not Unicode text (write the whole character, or remove it)`,
    ]);
  });

  test('a phone number bound to a flow the jurisdiction does not deploy', async () => {
    const { code, err, file } = await validateRiverton((t) => replaceOnce(t, 'flow: main-inbound', 'flow: main-inbund'));
    expect(code).toBe(1);
    expect(err).toEqual([
      `Configuration has 1 problem:\n  ${file}: phoneNumbers[0].flow: "main-inbund" is not an inbound voice flow this jurisdiction deploys, did you mean "main-inbound"? (inbound voice flows: main-inbound)`,
    ]);
  });

  test('a phone number bound to the chat or survey flow, offering only flows that can answer a call', async () => {
    const { code, err, file } = await validateRiverton((t) => replaceOnce(t, 'flow: main-inbound', 'flow: chat-inbound'));
    expect(code).toBe(1);
    expect(err).toEqual([`Configuration has 1 problem:\n  ${file}: phoneNumbers[0].flow: "chat-inbound" is deployed, but cannot answer a call (a chat, task, event-hook, queue or module flow) (inbound voice flows: main-inbound)`]);
  });

  test('a flows folder that does not exist, naming flows.folders and the YAML file', async () => {
    const { code, err, file } = await validateRiverton((t) => replaceOnce(t, 'phoneNumbers:', 'flows: { folders: [agency-flows] }\nphoneNumbers:'));
    expect(code).toBe(1);
    expect(err).toEqual([`Configuration has 1 problem:\n  ${file}: flows.folders[0]: "agency-flows" does not exist (folders are relative to the repository root, .)`]);
  });

  test('a phone number whose name the phone-number resource cannot take (was a plain Error from the construct)', async () => {
    const { code, err, file } = await validateRiverton((t) => replaceOnce(t, '{ name: main, flow', '{ name: main line, flow'));
    expect(code).toBe(1);
    expect(err).toEqual([
      `Configuration has 1 problem:\n  ${file}: phoneNumbers[0].name: "main line" must start with a letter or digit and use only letters, digits, "_" or "-" (at most 64 characters)`,
    ]);
  });

  test('a flow that names a queue the jurisdiction does not define', async () => {
    const { io, out, err } = capture();
    expect(await main(['validate', '--config-dir', 'test/fixtures/config/bad-flow-reference'], io)).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([
      'Contact flows have 1 error:\n' +
        '  test/fixtures/flows/bad-reference/permits-line.json: action "Set permits queue": ${queue:Permits} names no queue (known: City Services) [error unknown-reference]',
    ]);
  });
});
