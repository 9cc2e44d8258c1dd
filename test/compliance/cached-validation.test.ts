import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { MessagePort } from 'worker_threads';
import { App, CfnResource, CloudFormationValidatePlugin, IPolicyValidationContext, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, NagPack } from 'cdk-nag';
import { addCachedTemplateValidation, CachedCloudFormationValidatePlugin, CachedNagPack, engineVersion, stackAt } from '../../lib/compliance/cached-validation';
import { addNagPacks } from '../../lib/compliance/nag';
import { ENGINE_V8_FLAGS, prefetchInWorker, startEngineInWorker, validateInWorker, ValidationWorker, WORKER_SOURCE } from '../../lib/compliance/validation-worker';
import { kitApp } from '../helpers/examples';
import { useScratchCache } from '../helpers/scratch-cache';

const VALID = { Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 30 } } } };
const PLANTED = { Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 30, Bogus: 1 } } } };
/** PLANTED with a second resource type, which the engine started early for SNS alone was not asked for. */
const PLANTED_WITH_TOPIC = { Resources: { ...PLANTED.Resources, Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'alerts' } } } };

let cache: string;
let outdir: string;
const cacheDir = useScratchCache();

beforeEach(() => {
  cache = cacheDir();
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-out-'));
});
afterEach(() => {
  fs.rmSync(outdir, { recursive: true, force: true });
  jest.restoreAllMocks();
});

/** A validation context for one template file holding `template`. */
function contextFor(template: object, name = 'Queues'): IPolicyValidationContext {
  const templatePath = path.join(outdir, `${name}.template.json`);
  fs.writeFileSync(templatePath, JSON.stringify(template));
  return { templatePaths: [templatePath], stackTemplates: [{ stackConstructPath: name, templatePath, region: 'us-gov-west-1' }] } as unknown as IPolicyValidationContext;
}

function entries(): string[] {
  const dir = path.join(cache, 'validation');
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((name) => path.join(dir, name)) : [];
}

// One file for the validation worker and the cached validation that runs in it: the worker and its
// engine (~2.2 CPU-s to start) are per process, so both share one start (jest runs each file afresh).
describe('CloudFormation validation engine in a worker thread', () => {
  test('reports exactly what the built-in plugin reports in the main thread, a planted property included, even after an engine started for other types', () => {
    // GIVEN an engine started early in the worker for a set of types the template does not match
    startEngineInWorker(['AWS::SNS::Topic']);
    const context = contextFor(PLANTED_WITH_TOPIC);
    const mainThreadEngines = jest.spyOn(CloudFormationValidatePlugin.prototype as unknown as { initializeEngine: () => unknown }, 'initializeEngine');
    // WHEN the same template is validated in the worker
    const inWorker = validateInWorker(new CloudFormationValidatePlugin()).validate(context);
    // THEN no engine was started in the main thread
    expect(mainThreadEngines).not.toHaveBeenCalled();
    mainThreadEngines.mockRestore();
    // AND the report is, field for field, the one aws-cdk-lib's built-in plugin gives for this
    // template in the main thread (recorded from `new CloudFormationValidatePlugin().validate`
    // with aws-cdk-lib 2.276.0; written out rather than recomputed here, as a second engine in
    // this process would cost 3-5 CPU-seconds)
    const reference = {
      success: false,
      violations: [
        {
          ruleName: 'F3002',
          description: "Bogus: Additional properties are not allowed ('Bogus' was unexpected)",
          severity: 'error',
          violatingResources: [{ resourceLogicalId: 'Queue', templatePath: context.stackTemplates[0].templatePath, locations: ['Properties.Bogus'] }],
          ruleMetadata: { category: 'Schema' },
        },
      ],
    };
    expect(inWorker).toEqual(reference);
    // AND a validation whose templates were handed to the worker beforehand (prefetch) reports the same
    const prefetched = validateInWorker(new CloudFormationValidatePlugin());
    const main = jest.spyOn(CloudFormationValidatePlugin.prototype, 'validate');
    prefetchInWorker(prefetched, context);
    expect(prefetched.validate(context)).toEqual(reference);
    expect(main).toHaveBeenCalledTimes(2);
    main.mockRestore();
  });

  test('validates a prefetched template once, and a template edited after its prefetch again, as edited', () => {
    const plugin = validateInWorker(new CloudFormationValidatePlugin());
    const context = contextFor(PLANTED_WITH_TOPIC, 'Prefetched');
    const posted = jest.spyOn(MessagePort.prototype, 'postMessage');
    const validations = () => posted.mock.calls.filter(([message]) => (message as { type?: string }).type === 'validate').length;
    // GIVEN a template handed to the worker beforehand
    prefetchInWorker(plugin, context);
    expect(validations()).toBe(1);
    // WHEN the same template is validated THEN the worker's answer to the prefetch is used: nothing is posted again
    expect(plugin.validate(context).violations.map((v) => v.ruleName)).toEqual(['F3002']);
    expect(validations()).toBe(1);
    // GIVEN a prefetch, then an edit of the template (same resource types, the planted property removed)
    prefetchInWorker(plugin, context);
    fs.writeFileSync(context.stackTemplates[0].templatePath, JSON.stringify({ Resources: { ...PLANTED_WITH_TOPIC.Resources, Queue: VALID.Resources.Queue } }));
    // WHEN it is validated THEN the edited text is validated, not the prefetched one
    expect(plugin.validate(context)).toEqual({ success: true, violations: [] });
    expect(validations()).toBe(3);
  });

  test("raises V8's WebAssembly tier-up budget, a flag this node knows, before the worker loads the engine", () => {
    // THEN the setting is one V8 flag this node lists (V8 ignores an unknown flag: a renamed one would silently stop applying)
    const [name, value] = ENGINE_V8_FLAGS.split('=');
    expect(name).toBe('--wasm-tiering-budget');
    const listed = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
    const defaultBudget = Number(/--wasm-tiering-budget=(\d+)/.exec(listed)?.[1]);
    // AND it raises the budget over V8's default
    expect(Number(value)).toBeGreaterThan(100 * defaultBudget);
    // AND the worker applies it before it requires aws-cdk-lib, whose plugin compiles the engine
    const applied = WORKER_SOURCE.indexOf('setFlagsFromString(workerData.v8Flags)');
    expect(applied).toBeGreaterThan(0);
    expect(applied).toBeLessThan(WORKER_SOURCE.indexOf('require(workerData.cdkLib)'));
  });

  test.each([
    ['fails to compile', 'this is not JavaScript (', /the worker failed to start: SyntaxError/],
    ['throws while it loads', "throw new Error('no engine here');", /the worker failed to start: Error: no engine here/],
  ])('a worker whose code %s answers the next call with that failure, where the blocked caller would wait 10 minutes', (_, source, failure) => {
    // (a 20 s limit instead of 10 minutes: without the bootstrap's answer this fails, it does not hang)
    const broken = new ValidationWorker(source, 20_000);
    expect(() => broken.wait(broken.post(['AWS::SQS::Queue'], 'Queues', JSON.stringify(VALID), {}))).toThrow(failure);
    // AND every later call fails the same way
    expect(() => broken.wait(broken.post(['AWS::SQS::Queue'], 'Queues', JSON.stringify(VALID), {}))).toThrow(failure);
  });

  test('prefetch is a no-op for a plugin whose engine is not in the worker', () => {
    const plugin = new CloudFormationValidatePlugin();
    const validate = jest.spyOn(plugin, 'validate');
    prefetchInWorker(plugin, contextFor(PLANTED_WITH_TOPIC));
    expect(validate).not.toHaveBeenCalled();
  });
});

describe('cached CloudFormation validation', () => {
  // The validation engine starts once per process (about 2 s), whatever the number of plugins.
  const plugin = new CachedCloudFormationValidatePlugin();

  test('keys outcomes by the version the engine itself reports, read from its package without loading it', () => {
    expect(engineVersion()).toMatch(/^\d+\.\d+\.\d+/);
    expect(engineVersion()).toBe(new CloudFormationValidatePlugin().version);
  });

  test('validates an unchanged template once and replays the stored outcome after', () => {
    // GIVEN a valid template validated once
    const engine = jest.spyOn(CloudFormationValidatePlugin.prototype, 'validate');
    expect(plugin.validate(contextFor(VALID))).toEqual({ success: true, violations: [] });
    expect(engine).toHaveBeenCalledTimes(1);
    expect(entries()).toHaveLength(1);
    // WHEN it is validated again, unchanged
    const again = plugin.validate(contextFor(VALID));
    // THEN the engine is not called and the outcome is the same
    expect(engine).toHaveBeenCalledTimes(1);
    expect(again).toEqual({ success: true, violations: [] });
  });

  test('still catches a property planted after a cached run, and keeps catching it from the cache', () => {
    // GIVEN a valid template whose outcome is cached
    plugin.validate(contextFor(VALID));
    const engine = jest.spyOn(CloudFormationValidatePlugin.prototype, 'validate');
    // WHEN a property CloudFormation does not know is planted in it
    const context = contextFor(PLANTED);
    const first = plugin.validate(context);
    const second = plugin.validate(context);
    // THEN the changed template is validated and fails, and the cached failure fails the same way
    expect(engine).toHaveBeenCalledTimes(1);
    for (const report of [first, second]) {
      expect(report.success).toBe(false);
      expect(report.violations).toEqual([
        expect.objectContaining({
          ruleName: 'F3002',
          severity: 'error',
          description: "Bogus: Additional properties are not allowed ('Bogus' was unexpected)",
          violatingResources: [{ resourceLogicalId: 'Queue', templatePath: context.templatePaths[0], locations: ['Properties.Bogus'] }],
        }),
      ]);
    }
  });

  test('rebuilds a deleted cache', () => {
    // GIVEN a cached outcome, then the cache folder deleted
    plugin.validate(contextFor(PLANTED));
    fs.rmSync(cache, { recursive: true, force: true });
    const engine = jest.spyOn(CloudFormationValidatePlugin.prototype, 'validate');
    // WHEN the template is validated again
    const report = plugin.validate(contextFor(PLANTED));
    // THEN the engine runs, the finding is reported and the entry is stored again
    expect(engine).toHaveBeenCalledTimes(1);
    expect(report.success).toBe(false);
    expect(entries()).toHaveLength(1);
  });

  test('ignores a corrupted entry: a forged pass for an invalid template is never reused', () => {
    // GIVEN the invalid template's entry overwritten with a "pass" whose checksum does not match
    plugin.validate(contextFor(PLANTED));
    const [entry] = entries();
    const [checksum] = fs.readFileSync(entry, 'utf8').split('\n');
    fs.writeFileSync(entry, `${checksum}\n${JSON.stringify({ violations: [], success: true })}`);
    const engine = jest.spyOn(CloudFormationValidatePlugin.prototype, 'validate');
    // WHEN it is validated again
    const report = plugin.validate(contextFor(PLANTED));
    // THEN the engine runs and the finding is reported
    expect(engine).toHaveBeenCalledTimes(1);
    expect(report.success).toBe(false);
    expect(report.violations.map((v) => v.ruleName)).toEqual(['F3002']);
  });

  test('validates only the changed stack of several, and reports each stack against its own template', () => {
    // GIVEN two stacks validated together
    const a = contextFor(VALID, 'A');
    const b = contextFor(VALID, 'B');
    const both = { templatePaths: [...a.templatePaths, ...b.templatePaths], stackTemplates: [...a.stackTemplates, ...b.stackTemplates] } as IPolicyValidationContext;
    plugin.validate(both);
    const engine = jest.spyOn(CloudFormationValidatePlugin.prototype, 'validate');
    // WHEN only B changes
    contextFor(PLANTED, 'B');
    const report = plugin.validate(both);
    // THEN only B is validated, and the finding names B's template
    expect(engine).toHaveBeenCalledTimes(1);
    expect(engine.mock.calls[0][0].stackTemplates.map((s) => s.stackConstructPath)).toEqual(['B']);
    expect(report.violations.flatMap((v) => v.violatingResources.map((r) => r.templatePath))).toEqual([b.templatePaths[0]]);
  });

  test('fails the synthesis of an app whose template gained an invalid property after a cached run, cached or not', () => {
    // GIVEN aws-cdk-lib's validation on (as in `cdk synth`) and a valid queue synthesized once
    const validation = process.env.CDK_VALIDATION;
    delete process.env.CDK_VALIDATION;
    const synth = (planted: boolean) => {
      const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-out-')), context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
      const queue = new sqs.CfnQueue(new Stack(app, 'Queues'), 'Queue', { visibilityTimeout: 30 });
      if (planted) queue.addPropertyOverride('Bogus', 1);
      addCachedTemplateValidation(app);
      return () => app.synth();
    };
    try {
      expect(synth(false)).not.toThrow();
      const engine = jest.spyOn(CloudFormationValidatePlugin.prototype, 'validate');
      expect(synth(false)).not.toThrow();
      expect(engine).not.toHaveBeenCalled();
      // WHEN an escape hatch plants a property CloudFormation does not know
      // THEN the changed stack is validated and the synthesis fails, then fails the same from the cache
      expect(synth(true)).toThrow(/Bogus: Additional properties are not allowed[\s\S]*CloudFormation-Validate::F3002/);
      expect(engine).toHaveBeenCalledTimes(1);
      expect(synth(true)).toThrow(/Bogus: Additional properties are not allowed[\s\S]*CloudFormation-Validate::F3002/);
      expect(engine).toHaveBeenCalledTimes(1);
    } finally {
      process.env.CDK_VALIDATION = validation;
    }
  });

  test('is not registered when the built-in validation is off', () => {
    // GIVEN unit tests' CDK_VALIDATION=false (test/setup-env.ts)
    const app = kitApp();
    new CfnResource(new Stack(app, 'S'), 'Q', { type: 'AWS::SQS::Queue', properties: { Bogus: 1 } });
    // THEN the cached plugin is not added and nothing is validated
    expect(process.env.CDK_VALIDATION).toBe('false');
    addCachedTemplateValidation(app);
    expect(() => app.synth()).not.toThrow();
  });
});

describe('cdk-nag packs', () => {
  test('fail synthesis on a finding nobody acknowledged', () => {
    // GIVEN the caches off, as in unit tests, and an app with a bucket that breaks several rules
    process.env.GCCK_CACHE = 'off';
    const app = kitApp();
    const stack = new Stack(app, 'Careless', { env: { account: '111111111111', region: 'us-gov-west-1' } });
    new s3.Bucket(stack, 'Plain');
    addNagPacks(app);
    // THEN synthesis fails and names the rules
    expect(() => app.synth()).toThrow(/NIST.800.53.R5-S3BucketLoggingEnabled[\s\S]*Careless\/Plain\/Resource/);
    expect(entries()).toEqual([]);
  });
});

describe('cached cdk-nag packs', () => {
  /** An app whose one stack holds a queue without a dead-letter queue or TLS-only policy (AwsSolutions-SQS3, SQS4). */
  function appWithQueue(properties: sqs.CfnQueueProps): { app: App; pack: AwsSolutionsChecks } {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-out-')) });
    new sqs.CfnQueue(new Stack(app, 'Queues'), 'Queue', properties);
    const pack = new AwsSolutionsChecks(app, { verbose: false });
    return { app, pack };
  }

  function findings(app: App, pack: AwsSolutionsChecks): string[] {
    Validations.of(app).addPlugins(new CachedNagPack(pack, 'verbose=false'));
    try {
      app.synth();
      return [];
    } catch (error) {
      return [...new Set(((error as Error).message.match(/AwsSolutions-\w+/g) ?? []) as string[])].sort();
    }
  }

  test('replay the findings of an unchanged stack without running the rules, and run them on a changed one', () => {
    // GIVEN a stack checked once
    const first = appWithQueue({});
    const expected = findings(first.app, first.pack);
    expect(expected).toEqual(expect.arrayContaining(['AwsSolutions-SQS3', 'AwsSolutions-SQS4']));
    // WHEN the same stack is synthesized by a new app
    const second = appWithQueue({});
    const rules = jest.spyOn(second.pack, 'validateScope');
    // THEN its findings come from the cache
    expect(findings(second.app, second.pack)).toEqual(expected);
    expect(rules).not.toHaveBeenCalled();
    // WHEN the queue changes (encrypted now)
    const third = appWithQueue({ sqsManagedSseEnabled: true });
    const rerun = jest.spyOn(third.pack, 'validateScope');
    const changed = findings(third.app, third.pack);
    // THEN the rules run again
    expect(rerun).toHaveBeenCalledTimes(1);
    expect(changed).toEqual(expect.arrayContaining(['AwsSolutions-SQS3', 'AwsSolutions-SQS4']));
  });

  test('give the audit pack the same NIST rule outcomes from the cache as from a fresh run', () => {
    // GIVEN a stack the NIST pack checks, twice
    const run = () => {
      const app = kitApp();
      new s3.CfnBucket(new Stack(app, 'Buckets', { env: { account: '111111111111', region: 'us-gov-west-1' } }), 'Plain');
      const nag = addNagPacks(app);
      expect(() => app.synth()).toThrow(/NIST.800.53.R5-S3BucketLoggingEnabled/);
      return nag.results();
    };
    const fresh = run();
    const rules = jest.spyOn(NagPack.prototype, 'validateScope');
    const cached = run();
    expect(rules).not.toHaveBeenCalled();
    // THEN the recorded outcomes are identical and not empty
    expect(Object.keys(fresh).length).toBeGreaterThan(0);
    expect(fresh['NIST.800.53.R5-S3BucketLoggingEnabled']).toEqual({ compliant: [], nonCompliant: ['Buckets/Plain'] });
    expect(cached).toEqual(fresh);
    expect(entries().length).toBeGreaterThan(0);
  });
});

describe('stackAt', () => {
  test('finds each stack by its construct path, in a stage too, also from a root where its path does not start, and nothing at a path without a stack', () => {
    const app = new App();
    const top = new Stack(app, 'Top');
    const stage = new Stage(app, 'Stage');
    const inStage = new Stack(stage, 'Inner');
    new s3.CfnBucket(inStage, 'Bucket');
    expect(stackAt(app, 'Top')).toBe(top);
    expect(stackAt(app, 'Stage/Inner')).toBe(inStage);
    expect(stackAt(stage, 'Stage/Inner')).toBe(inStage);
    expect(stackAt(app, 'Stage/Inner/Bucket')).toBeUndefined();
    expect(stackAt(app, 'Stage')).toBeUndefined();
    expect(stackAt(app, 'Missing/Top')).toBeUndefined();
  });
});
