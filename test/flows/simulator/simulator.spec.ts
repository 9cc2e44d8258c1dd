import * as fs from 'fs';
import * as path from 'path';
import { parseFlowFile } from '../../../lib/flows/loader';
import {
  buildWorld,
  detectLanguage,
  evaluateHours,
  explorationEntries,
  explore,
  holds,
  matchUtterance,
  runCall,
  SIMULATED_ACTION_TYPES,
  coverage,
  percent,
} from '../../../lib/flows/simulator';
import type { Conditions } from '../../../lib/flows/simulator';
import { applyUpdate, conditionHolds } from '../../../lib/flows/simulator/dynamo-expressions';
import { loadScenarios, runScenario, runSuite, scenarioFiles, scenarioFolders, isKitFlow, unknownFaults, type Simulation } from '../../../lib/cli/simulation';
import { scenarioSchema } from '../../../lib/flows/simulator/scenario';
import { main } from '../../../lib/cli/main';
import type { HoursConfig } from '../../../lib/config/schema';
import { SCENARIO_JSON_SCHEMA_PATH, scenarioJsonSchemaText } from '../../../lib/flows/simulator/json-schema';
import { EXAMPLES_CONFIG } from '../../helpers/examples';
import { exampleSimulations } from '../../helpers/simulations';

const ROOT = path.join(__dirname, '..', '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'flows', 'simulator');
/** The share of the kit flows' transitions the scenario suite must take (issue 10: 90%). */
const MIN_KIT_COVERAGE = 90;

const open: Conditions = { at: '2027-03-02T10:00:00-06:00', queues: {}, neuralVoices: true, faults: {} };

let sims: Simulation[];
const sim = (id: string) => sims.find((s) => s.config.id === id)!;

beforeAll(() => {
  sims = exampleSimulations();
});

describe('Connect semantics', () => {
  test('text comparisons are case-sensitive and numbers compare as numbers', () => {
    expect(holds('es-US', { Operator: 'Equals', Operands: ['es-US'] })).toBe(true);
    expect(holds('ES-us', { Operator: 'Equals', Operands: ['es-US'] })).toBe(false);
    expect(holds('en-US,es-US', { Operator: 'TextContains', Operands: ['es-US'] })).toBe(true);
    expect(holds('10', { Operator: 'NumberGreaterThan', Operands: ['9'] })).toBe(true);
    expect(holds('ten', { Operator: 'NumberGreaterThan', Operands: ['9'] })).toBe(false);
    expect(holds('', { Operator: 'NumberLessThan', Operands: ['9'] })).toBe(false);
  });

  test('an operator Amazon Connect does not have is an error naming it', () => {
    expect(() => holds('x', { Operator: 'Like', Operands: ['x'] })).toThrow('condition operator "Like" is not one the simulator knows');
  });

  const hours: HoursConfig = {
    name: 'main',
    timeZone: 'America/Chicago',
    schedule: [{ days: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'], start: '08:00', end: '17:00' }],
    holidays: [
      { name: 'Thanksgiving', date: '2027-11-25', through: '2027-11-26' },
      { name: 'Christmas Eve', date: '2027-12-24', open: '08:00', close: '12:00' },
    ],
  };

  test('hours are evaluated in the hours\' time zone, with closed and reduced holidays', () => {
    expect(evaluateHours(hours, new Date('2027-03-02T15:30:00Z')).open).toBe(true); // 09:30 CST
    expect(evaluateHours(hours, new Date('2027-03-02T23:30:00Z')).open).toBe(false); // 17:30 CST
    expect(evaluateHours(hours, new Date('2027-07-06T13:30:00Z')).open).toBe(true); // 08:30 CDT
    expect(evaluateHours(hours, new Date('2027-07-06T12:30:00Z')).open).toBe(false); // 07:30 CDT
    expect(evaluateHours(hours, new Date('2027-11-26T16:00:00Z'))).toEqual({ open: false, reason: 'main: closed for Thanksgiving (FRIDAY 2027-11-26 10:00 America/Chicago)' });
    expect(evaluateHours(hours, new Date('2027-12-24T17:00:00Z')).open).toBe(true); // 11:00
    expect(evaluateHours(hours, new Date('2027-12-24T19:00:00Z')).open).toBe(false); // 13:00, reduced
  });

  test('prompt language is told apart, with SSML lang spans counting as both', () => {
    expect(detectLanguage('Thank you for calling. Please hold.')).toBe('en-US');
    expect(detectLanguage('Gracias por llamar. Por favor, espere.')).toBe('es-US');
    expect(detectLanguage('<speak>For English, press 1. <lang xml:lang="es-US">Para español, oprima el 2.</lang></speak>')).toBe('mixed');
  });

  test('the in-memory DynamoDB evaluates the handlers\' condition and update expressions', () => {
    const item = { caseNumber: { S: 'AB123456' }, failedAttempts: { N: '2' } };
    const values = { ':now': { N: '100' }, ':max': { N: '3' }, ':one': { N: '1' } };
    expect(conditionHolds('(attribute_not_exists(lockedUntil) OR lockedUntil <= :now) AND (attribute_not_exists(failedAttempts) OR failedAttempts < :max)', item, undefined, values)).toBe(true);
    expect(conditionHolds('failedAttempts < :one', item, undefined, values)).toBe(false);
    expect(applyUpdate('SET failedAttempts = :max REMOVE caseNumber', { ...item }, undefined, values)).toEqual({ failedAttempts: { N: '3' } });
    expect(applyUpdate('ADD failedAttempts :one', { ...item }, undefined, values).failedAttempts).toEqual({ N: '3' });
  });
});

describe('Lex', () => {
  test('an utterance resolves to its intent with slots captured and resolved through synonyms', () => {
    const bot = sim('pinecrest-benefits').world.bots.get('citizen-services')!;
    expect(matchUtterance(bot, 'en_US', 'Status of case AB 123456')).toEqual({ intent: 'CheckCaseStatus', slots: { caseNumber: 'AB123456' } });
    expect(matchUtterance(bot, 'es_US', 'hay un hoyo en la calle en mi calle')).toEqual({ intent: 'ReportProblem', slots: { problemType: 'pothole' } });
    expect(matchUtterance(bot, 'en_US', 'connect me to an agent please')?.intent).toBe('SpeakToAgent');
    expect(matchUtterance(bot, 'en_US', 'purple elephants dance')).toBeUndefined();
  });
});

describe('the interpreter', () => {
  test('runs more than 40 Flow Language action types', () => {
    expect(SIMULATED_ACTION_TYPES.length).toBeGreaterThanOrEqual(40);
    expect(SIMULATED_ACTION_TYPES).toEqual(expect.arrayContaining(['TransferToFlow', 'InvokeFlowModule', 'EndFlowModuleExecution', 'CheckHoursOfOperation', 'CreateCallbackContact', 'Wait']));
  });

  function fixtureWorld(...files: string[]) {
    const flows = files.map((file) => parseFlowFile(path.join(FIXTURES, file), fs.readFileSync(path.join(FIXTURES, file), 'utf8')).flow!);
    const base = sim('pinecrest-benefits');
    return buildWorld(base.config, [...[...base.world.flows.values()].map((f) => f.source), ...flows], base.world.bots);
  }

  test('a module runs with its own flow attributes and returns; TransferToFlow continues in the other flow', async () => {
    const world = fixtureWorld('with-module.json', 'greeting-module.json', 'transferred-flow.json');
    const result = await runCall(world, { flow: 'with-module' }, { inputs: [] }, open);
    const lines = result.state.events.flatMap((e) => (e.kind === 'prompt' ? [e.text] : e.kind === 'flow' ? [`[${e.flow}: ${e.how}]`] : []));
    expect(lines).toEqual([
      '[with-module: entered]',
      '[greeting-module: module invoked by with-module/Run module]',
      'Hello from the module, yes.',
      '[transferred-flow: TransferToFlow from with-module]',
      'Goodbye from .',
    ]);
    expect(result.state.attributes.greeted).toBe('yes');
    expect(result.state.tags).toEqual({ path: 'transferred' });
    expect(result.end).toMatchObject({ kind: 'disconnected', flow: 'transferred-flow', action: 'End' });
  });

  test('an action type it cannot run stops the call with a message naming it', async () => {
    const world = fixtureWorld('odd-actions.json');
    const result = await runCall(world, { flow: 'odd-actions' }, { inputs: [] }, { ...open, percent: [70] });
    expect(result.end).toEqual({
      kind: 'stopped',
      flow: 'odd-actions',
      action: 'Profile',
      reason: 'odd-actions/Profile: action type GetCustomerProfile needs the Amazon Connect feature "customerProfiles", which the simulator does not model (it is not available in AWS GovCloud)',
    });
  });

  test('a call that loops forever is stopped at the step limit', async () => {
    const world = fixtureWorld('odd-actions.json');
    const result = await runCall(world, { flow: 'odd-actions' }, { inputs: [] }, { ...open, percent: [10] });
    expect(result.end).toMatchObject({ kind: 'stopped', reason: 'more than 2000 actions: the call loops without end' });
  });

  test('the explorer catches a silent disconnect on an error path and English on the Spanish path', () => {
    const world = fixtureWorld('broken-inbound.json');
    const report = explore(world, [{ flow: 'broken-inbound', channel: 'VOICE' }]);
    expect(report.problems.map((p) => [p.kind, p.message])).toEqual(
      expect.arrayContaining([
        ['wrong-language', 'broken-inbound/Spanish greeting: a caller who chose es-US hears English: "Thank you for calling. Please hold."'],
        ['silent-disconnect', 'broken-inbound/Hang up disconnects the caller after broken-inbound/Check status took NoMatchingError, with no message since'],
      ]),
    );
    expect(report.problems.find((p) => p.kind === 'silent-disconnect')!.path.slice(-2)).toEqual(['broken-inbound/Check status → error:NoMatchingError', 'disconnect']);
  });

  test('the explorer reports a loop without a bound and an action it cannot run', () => {
    const report = explore(fixtureWorld('odd-actions.json'), [{ flow: 'odd-actions', channel: 'VOICE' }]);
    // The fault injected into Spin leaves the attribute unset: the caller is dropped with no message, too.
    expect(report.problems.map((p) => p.kind).sort()).toEqual(['silent-disconnect', 'stopped', 'unbounded-loop']);
  });
});

describe('the default flows', () => {
  // riverton-311 is explored once, through `gcck explore` (gcck commands, below).
  test.each(['pinecrest-benefits'])('%s: no path strands a caller, loops, misses a transition or speaks English to a Spanish caller', (id) => {
    const s = sim(id);
    const report = explore(s.world, explorationEntries(s.config, s.world));
    expect(report.problems).toEqual([]);
    expect(report.paths).toBeGreaterThan(100_000);
  });

  test('every scenario passes for both examples, covering the kit flows\' transitions', async () => {
    const scenarios = loadScenarios(scenarioFiles(scenarioFolders(ROOT, sims.map((s) => s.config))));
    const suite = await runSuite(sims, scenarios);
    const failed = suite.cases.filter((c) => c.failures.length > 0).map((c) => `${c.jurisdiction}: ${c.name}\n${c.failures.join('\n')}`);
    expect(failed).toEqual([]);
    const base = sim('pinecrest-benefits');
    const kit = [...base.world.flows.keys()].filter((f) => isKitFlow(base, f));
    expect(kit).toHaveLength(10);
    const rows = coverage(base.world, suite.kitTaken, kit);
    const covered = rows.reduce((n, r) => n + r.covered, 0);
    const total = rows.reduce((n, r) => n + r.total, 0);
    expect(percent(covered, total)).toBeGreaterThanOrEqual(MIN_KIT_COVERAGE);
  });
});

describe('scenario files', () => {
  test('the committed config/scenario.schema.json is the one generated from the zod schema', () => {
    // If this fails, run: npm run gcck -- scenario-schema
    expect(fs.readFileSync(path.join(ROOT, SCENARIO_JSON_SCHEMA_PATH), 'utf8')).toEqual(scenarioJsonSchemaText());
  });

  test('a Spanish caller hearing English fails the scenario, whatever it expects', async () => {
    const scenario = scenarioSchema.parse({
      name: 'an English closure message on the Spanish path',
      at: '2027-03-02T10:00:00-06:00',
      functions: { 'contact-center-status': { answer: { result: 'OK', closed: 'true', message: 'We are closed today. Please call back tomorrow.' } } },
      inputs: [{ press: '2' }],
      expect: { end: { kind: 'disconnected' } },
    });
    const { failures } = await runScenario(sim('pinecrest-benefits'), scenario);
    expect(failures).toEqual(['a caller who chose es-US heard English in main-inbound/Play closure message: "We are closed today. Please call back tomorrow."']);
  });

  test('a fault naming no action is found (it would change nothing)', () => {
    const scenario = scenarioSchema.parse({ name: 'x', at: '2027-03-02T10:00:00Z', world: { faults: { 'main-inbound/Welcome EN': 'NoMatchingError', 'main-inbound/Gone': 'NoMatchingError', 'Check hours': 'NoMatchingError' } } });
    expect(unknownFaults(scenario, sim('riverton-311').world)).toEqual(['main-inbound/Gone']);
  });

  test('a scenario with mistakes is reported with the file and key path of each, no stack trace', () => {
    const file = path.join(FIXTURES, 'bad-scenario.yaml');
    let message = '';
    try {
      loadScenarios([file]);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('bad-scenario.yaml: inputs[0]');
    expect(message).toContain('bad-scenario.yaml: inputs[1]');
    expect(message).toContain('bad-scenario.yaml: expect.prompt: unknown key');
    expect(message).not.toContain('    at ');
  });
});

describe('gcck commands', () => {
  const run = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
      return { code, out: out.join('\n'), err: err.join('\n') };
    } finally {
      process.chdir(cwd);
    }
  };

  test('simulate prints the transcript of a scripted call', async () => {
    const { code, out } = await run(['simulate', '--jurisdiction', 'riverton-311', '--config-dir', EXAMPLES_CONFIG, '--at', '2027-03-02T10:00:00-07:00', '--input', 'say:agent; 5; 4; 3']);
    expect(code).toBe(0);
    expect(out).toContain('caller hears (en-US): "Thank you for calling City of Riverton 311.');
    expect(out).toContain('   · queued in City Services (priority 1)');
    expect(out).toContain('END: disconnected in post-contact-survey/Disconnect after survey after "Thank you for your feedback. Goodbye."');
  });

  test('simulate on a holiday plays the after-hours message', async () => {
    const { out } = await run(['simulate', '--jurisdiction', 'riverton-311', '--config-dir', EXAMPLES_CONFIG, '--at', '2027-01-01T10:00:00-07:00']);
    expect(out).toContain('Our offices are closed right now. Please call back during our regular business hours.');
    expect(out).toContain('END: disconnected in main-inbound/Disconnect after hours');
  });

  test('explore riverton-311 exits 0 and prints path counts: no path strands a caller, loops, misses a transition or speaks English to a Spanish caller', async () => {
    const { code, out } = await run(['explore', '--jurisdiction', 'riverton-311', '--config-dir', EXAMPLES_CONFIG]);
    expect(code).toBe(0);
    const summary = /^riverton-311: ([\d,]+) paths, [\d,]+ states, 0 problem path\(s\)/.exec(out);
    expect(summary).not.toBeNull();
    expect(Number(summary![1].replace(/,/g, ''))).toBeGreaterThan(100_000);
  });
});
