import { crossCheck } from '../../lib/config/cross-checks';
import { followUpQueueName } from '../../lib/config/follow-up-checks';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { checkJurisdictionFile, loadJurisdictions } from '../../lib/config/loader';
import { REGION_CAPABILITIES } from '../../lib/config/regions';
import { EXAMPLES_CONFIG_DIR, exampleFile } from '../helpers/example-paths';

const PINECREST = exampleFile('pinecrest-benefits');
const RIVERTON = exampleFile('riverton-311');
type Mutable = Record<string, any>;

/** A fresh, mutable copy of a validated example. */
function example(id: 'pinecrest-benefits' | 'riverton-311'): Mutable {
  const [config] = loadJurisdictions({ configDir: EXAMPLES_CONFIG_DIR, only: [id] }).configs;
  return structuredClone(config) as Mutable;
}

describe('follow-up cross-checks', () => {
  test('accept the Pinecrest example, which turns follow-up tasks and two supervisor alerts on', () => {
    const config = example('pinecrest-benefits');
    expect(config.followUp).toEqual({
      enabled: true,
      queue: 'Escalations',
      surveyTasks: true,
      surveyScoreAtMost: 2,
      failedCallbackTasks: true,
      supervisorAlerts: [
        { name: 'long-wait-claims', metric: 'OLDEST_CONTACT_AGE', atLeast: 900, queues: ['Claims', 'General'], notifyUsersTagged: ['role=supervisor'] },
        { name: 'spanish-backlog', metric: 'CONTACTS_IN_QUEUE', atLeast: 15, queues: ['Spanish'], channels: ['VOICE'], notifyUsersTagged: ['role=supervisor', 'language=es-US'] },
      ],
    });
    expect(crossCheck(PINECREST, config).problems).toEqual([]);
  });

  test('leave Riverton (features.tasks: false) with the defaults.yaml settings, switched off', () => {
    const config = example('riverton-311');
    expect(config.features.tasks).toBe(false);
    expect(config.followUp).toEqual({ enabled: false, surveyTasks: true, surveyScoreAtMost: 2, failedCallbackTasks: true, supervisorAlerts: [] });
    expect(crossCheck(RIVERTON, config).problems).toEqual([]);
  });

  test('refuse follow-up tasks in a jurisdiction with tasks turned off, naming the file and the field', () => {
    const config = example('riverton-311');
    config.followUp.enabled = true;
    config.routingProfiles[0].concurrency.task = 1;
    config.routingProfiles[0].queues[0].channels.push('TASK');
    expect(crossCheck(RIVERTON, config).problems).toEqual([
      `${RIVERTON}: followUp.enabled: needs tasks, and features.tasks is false (set features.tasks: true, or followUp.enabled: false)`,
    ]);
  });

  test('refuse an unknown task queue, with the defined queues', () => {
    const config = example('pinecrest-benefits');
    config.followUp.queue = 'Escalation';
    expect(crossCheck(PINECREST, config).problems).toEqual([
      `${PINECREST}: followUp.queue: "Escalation" is not a defined queue name (defined: General, Claims, Spanish, Escalations)`,
    ]);
  });

  test('refuse a task queue no routing profile takes tasks from, and say where the queue came from', () => {
    const config = example('pinecrest-benefits');
    config.followUp.queue = 'Spanish';
    const withoutQueue = example('pinecrest-benefits');
    delete withoutQueue.followUp.queue;
    withoutQueue.routing.escalation = 'Claims';
    expect([...crossCheck(PINECREST, config).problems, ...crossCheck(PINECREST, withoutQueue).problems]).toEqual([
      `${PINECREST}: followUp.queue: follow-up tasks go to queue "Spanish", which no routing profile takes TASK contacts from (add TASK to its channels in a routing profile, or set followUp.queue)`,
      `${PINECREST}: followUp: follow-up tasks go to queue "Claims" (routing.escalation), which no routing profile takes TASK contacts from (add TASK to its channels in a routing profile, or set followUp.queue)`,
    ]);
  });

  test('send tasks to followUp.queue, else the escalation route, else the default route', () => {
    const config = example('pinecrest-benefits');
    expect(followUpQueueName(config as never)).toEqual('Escalations');
    delete config.followUp.queue;
    config.routing.escalation = 'Claims';
    expect(followUpQueueName(config as never)).toEqual('Claims');
    delete config.routing.escalation;
    expect(followUpQueueName(config as never)).toEqual('General');
  });

  test('require the follow-up-task flow', () => {
    const config = example('pinecrest-benefits');
    config.flows.exclude = ['follow-up-task'];
    expect(crossCheck(PINECREST, config).problems).toEqual([
      `${PINECREST}: followUp.enabled: needs the follow-up-task flow, which flows.exclude leaves out (remove it from flows.exclude, or set followUp.enabled: false)`,
    ]);
  });

  test('check every alert: unique names, known queues listed once', () => {
    const config = example('pinecrest-benefits');
    config.followUp.supervisorAlerts[1].name = 'long-wait-claims';
    config.followUp.supervisorAlerts[1].queues = ['Spanish', 'Spanihs', 'Spanish'];
    expect(crossCheck(PINECREST, config).problems).toEqual([
      `${PINECREST}: followUp.supervisorAlerts[1].name: "long-wait-claims" is listed twice (rule names must be unique)`,
      `${PINECREST}: followUp.supervisorAlerts[1].queues[1]: "Spanihs" is not a defined queue name (defined: General, Claims, Spanish, Escalations)`,
      `${PINECREST}: followUp.supervisorAlerts[1].queues[2]: "Spanish" is listed twice (list each queue once)`,
    ]);
  });

  test('refuse alerts that would do nothing while follow-up is off', () => {
    const config = example('pinecrest-benefits');
    config.followUp.enabled = false;
    expect(crossCheck(PINECREST, config).problems).toEqual([
      `${PINECREST}: followUp.supervisorAlerts: are listed, but followUp.enabled is not true, so no rule would be deployed (set followUp.enabled: true, or remove them)`,
    ]);
  });

  test('fail a region whose CloudFormation registry lacks the task template or rule types', () => {
    const config = example('pinecrest-benefits');
    const region = REGION_CAPABILITIES['us-gov-west-1'] as { followUpResources: unknown };
    const saved = region.followUpResources;
    region.followUpResources = { taskTemplate: false, rule: false };
    try {
      expect(crossCheck(PINECREST, config).problems).toEqual([
        `${PINECREST}: followUp.enabled: needs AWS::Connect::TaskTemplate, which the CloudFormation registry of us-gov-west-1 lacks (set followUp.enabled: false)`,
        `${PINECREST}: followUp.supervisorAlerts: need AWS::Connect::Rule, which the CloudFormation registry of us-gov-west-1 lacks (remove them)`,
      ]);
    } finally {
      region.followUpResources = saved;
    }
  });
});

/**
 * The problems of the Pinecrest example with its followUp text changed by `edit`, each without
 * the "<file>: " prefix (the file is a temporary copy).
 */
function problemsAfterEdit(edit: (text: string) => string): string[] {
  const original = fs.readFileSync(path.join(EXAMPLES_CONFIG_DIR, 'jurisdictions', 'pinecrest-benefits.yaml'), 'utf8');
  const text = edit(original);
  expect(text).not.toEqual(original);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-follow-up-'));
  const file = path.join(dir, 'pinecrest-benefits.yaml');
  fs.writeFileSync(file, text);
  const defaults = parse(fs.readFileSync(path.join(EXAMPLES_CONFIG_DIR, 'defaults.yaml'), 'utf8'));
  return checkJurisdictionFile(file, defaults).problems.map((problem) => problem.slice(problem.indexOf('pinecrest-benefits.yaml: ') + 'pinecrest-benefits.yaml: '.length));
}

describe('follow-up schema errors', () => {
  test('refuse a survey threshold outside 1 to 5, a rule name with spaces and a malformed user tag, with their key paths', () => {
    expect(
      problemsAfterEdit((text) =>
        text
          .replace('surveyScoreAtMost: 2', 'surveyScoreAtMost: 6')
          .replace('name: long-wait-claims', 'name: long wait claims')
          .replace('notifyUsersTagged: [role=supervisor] }', 'notifyUsersTagged: [supervisor] }'),
      ),
    ).toEqual([
      'followUp.surveyScoreAtMost: 6 is out of range (must be at most 5)',
      'followUp.supervisorAlerts[0].name: "long wait claims" must be letters, digits, ".", "_" or "-" (at most 100 characters; a rule name has no spaces)',
      'followUp.supervisorAlerts[0].notifyUsersTagged[0]: "supervisor" must be "<tag key>=<tag value>", e.g. "role=supervisor"',
    ]);
    expect(problemsAfterEdit((text) => text.replace('surveyScoreAtMost: 2', 'surveyScoreAtMost: 0'))).toEqual(['followUp.surveyScoreAtMost: 0 is out of range (must be at least 1)']);
  });
});
