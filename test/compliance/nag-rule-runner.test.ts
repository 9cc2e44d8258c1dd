import { App, CfnResource, Lazy, Stack, Validations } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, IApplyRule, NagMessageLevel, NagPack, NagRuleCompliance, NagRuleResult, NIST80053R5Checks } from 'cdk-nag';
import * as fc from 'fast-check';
import { createNagPacks } from '../../lib/compliance/nag';
import { ApplicableClasses, evaluateRule, lambdaLatestVersion, LatestRuntimeRule, NagRule, NagRuleEvaluators, notApplicableByClass, rulesOf } from '../../lib/compliance/nag-rule-runner';

/** What a test rule gives on one resource. */
type Given = { kind: 'result'; result: NagRuleResult | undefined } | { kind: 'throws'; message: string };

const GIVEN: fc.Arbitrary<Given> = fc.oneof(
  fc.constantFrom<NagRuleResult | undefined>(NagRuleCompliance.COMPLIANT, NagRuleCompliance.NON_COMPLIANT, NagRuleCompliance.NOT_APPLICABLE, undefined).map((result) => ({ kind: 'result' as const, result })),
  fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }).map((findings) => ({ kind: 'result' as const, result: findings })),
  fc.constantFrom('boom', 'intrinsic').map((message) => ({ kind: 'throws' as const, message })),
);

const RESOURCES = 4;
const RULES = 4;

/** The test rules: rule `r` gives `table[r][resource]`; every call is counted. Rules 0 and 2 carry a suffix override, 1 and 3 are named by their function. */
function testRules(table: Given[][], calls: number[]): Array<{ rule: NagRule; suffix?: string }> {
  return table.map((row, r) => {
    const rule = (node: CfnResource): NagRuleResult => {
      calls[r]++;
      const given = row[Number(node.node.id.slice(1))];
      if (given.kind === 'throws') throw new Error(`${given.message} ${node.node.id}`);
      return given.result as NagRuleResult;
    };
    Object.defineProperty(rule, 'name', { value: `TestRule${r}` });
    return { rule, suffix: r % 2 === 0 ? `T${r}` : undefined };
  });
}

/** A pack applying `rules` to every resource, through cdk-nag's applyRule or (`fast`) only its findings, skipping the resources `applicable` rules out. */
function testPack(rules: Array<{ rule: NagRule; suffix?: string }>, fast: boolean, applicable?: ApplicableClasses): NagPack {
  class TestPack extends NagPack {
    readonly name = 'Test';
    constructor() {
      super(undefined, { verbose: true });
      this.packName = 'Test';
    }
    protected checkResource(node: CfnResource): void {
      if (applicable?.mayApply(node) === false) return;
      for (const { rule, suffix } of rules) {
        this.applyRule({ ruleSuffixOverride: suffix, info: `info ${rule.name}`, explanation: 'why', level: suffix ? NagMessageLevel.ERROR : NagMessageLevel.WARN, node, rule });
      }
    }
    protected applyRule(params: IApplyRule): void {
      if (!fast || evaluateRule(params) === 'finding') super.applyRule(params);
    }
  }
  return new TestPack();
}

/** A stack of RESOURCES resources, with the given rule IDs acknowledged on each (some on the stack, for all). */
function stackWith(acknowledged: string[][], onStack: string[]): Stack {
  const stack = new Stack(new App(), 'Tested');
  for (let i = 0; i < RESOURCES; i++) {
    const resource = new CfnResource(stack, `R${i}`, { type: 'Test::Thing' });
    for (const id of acknowledged[i]) Validations.of(resource).acknowledge({ id, reason: 'tested' });
  }
  for (const id of onStack) Validations.of(stack).acknowledge({ id, reason: 'tested' });
  return stack;
}

const RULE_IDS = ['Test-T0', 'Test-TestRule1', 'Test-T2', 'Test-TestRule3', 'Test-T0[a]', 'Test-TestRule1[b]', 'Test-T2[c]'];

describe('evaluateRule: a pack that hands cdk-nag only the findings', () => {
  test('reports exactly what cdk-nag reports for any mix of passes, failures, findings lists, errors and acknowledgements, running each rule once per resource', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(GIVEN, { minLength: RESOURCES, maxLength: RESOURCES }), { minLength: RULES, maxLength: RULES }),
        fc.array(fc.subarray(RULE_IDS), { minLength: RESOURCES, maxLength: RESOURCES }),
        fc.subarray(RULE_IDS, { maxLength: 2 }),
        (table, acknowledged, onStack) => {
          const stack = stackWith(acknowledged, onStack);
          const plainCalls = new Array<number>(RULES).fill(0);
          const fastCalls = new Array<number>(RULES).fill(0);
          const plain = testPack(testRules(table, plainCalls), false).validateScope(stack);
          const fast = testPack(testRules(table, fastCalls), true).validateScope(stack);
          expect(fast).toEqual(plain);
          expect(fastCalls).toEqual(new Array<number>(RULES).fill(RESOURCES));
          expect(plainCalls).toEqual(fastCalls);
        },
      ),
      { seed: 20261127, numRuns: 300 },
    );
  });

  test('gives none for not applicable, passed for compliant, and a finding whose rule replays the result under the rule name', () => {
    const node = new CfnResource(new Stack(new App(), 'S'), 'R0', { type: 'Test::Thing' });
    const params = (rule: NagRule): IApplyRule => ({ info: '', explanation: '', level: NagMessageLevel.ERROR, node, rule });
    const named = (result: () => NagRuleResult): NagRule => Object.defineProperty(() => result(), 'name', { value: 'Named' });
    expect(evaluateRule(params(named(() => NagRuleCompliance.NOT_APPLICABLE)))).toBe('none');
    expect(evaluateRule(params(named(() => NagRuleCompliance.COMPLIANT)))).toBe('passed');
    const failing = params(named(() => ['x']));
    expect(evaluateRule(failing)).toBe('finding');
    expect(failing.rule.name).toBe('Named');
    expect(failing.rule(node)).toEqual(['x']);
    const throwing = params(
      named(() => {
        throw new Error('unresolvable');
      }),
    );
    expect(evaluateRule(throwing)).toBe('finding');
    expect(() => throwing.rule(node)).toThrow('unresolvable');
  });
});

/** Runtimes cdk-nag's rule knows, older ones of a family, one it has no family for, and `provided`. */
const RUNTIMES = [...lambda.Runtime.ALL.map((r) => r.name), 'provided.al2023', 'cobol9.x', 'nodejs'];

type Runtime = { kind: 'name'; name: string } | { kind: 'none' } | { kind: 'object' };

const RUNTIME: fc.Arbitrary<Runtime> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...RUNTIMES).map((name) => ({ kind: 'name' as const, name })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'object' as const }) },
);

function functionWith(stack: Stack, id: string, runtime: Runtime): lambda.CfnFunction {
  const fn = new lambda.CfnFunction(stack, id, { role: 'arn:aws-us-gov:iam::111111111111:role/r', code: { zipFile: 'x' } });
  if (runtime.kind === 'name') fn.runtime = runtime.name;
  // A token that resolves to an object: the rule cannot read the runtime and throws.
  if (runtime.kind === 'object') fn.runtime = Lazy.string({ produce: () => ({ Ref: 'Runtime' }) as unknown as string });
  return fn;
}

/** What the rule gave: its result or its error's message. */
function outcome(run: () => NagRuleResult): NagRuleResult | string {
  try {
    return run();
  } catch (error) {
    return `threw: ${(error as Error).message}`;
  }
}

describe('LatestRuntimeRule: LambdaLatestVersion once per runtime', () => {
  test('gives, function after function, exactly what the rule gives on each, whatever runtimes came before', () => {
    fc.assert(
      fc.property(fc.array(RUNTIME, { minLength: 1, maxLength: 12 }), (runtimes) => {
        const stack = new Stack(new App(), 'Functions');
        const remembered = new LatestRuntimeRule();
        runtimes.forEach((runtime, i) => {
          const fn = functionWith(stack, `F${i}`, runtime);
          expect(outcome(() => remembered.evaluate(fn))).toEqual(outcome(() => lambdaLatestVersion(fn)));
        });
      }),
      { seed: 20261127, numRuns: 200 },
    );
  });

  test('flags exactly the function on an older runtime, before and after one on the latest', () => {
    const stack = new Stack(new App(), 'Functions');
    const latest = lambda.Runtime.ALL.filter((r) => r.name.startsWith('nodejs'))
      .map((r) => r.name)
      .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
      .pop()!;
    const remembered = new LatestRuntimeRule();
    const results = [latest, 'nodejs18.x', latest, 'nodejs18.x'].map((name, i) => remembered.evaluate(functionWith(stack, `F${i}`, { kind: 'name', name })));
    expect(results).toEqual([NagRuleCompliance.COMPLIANT, NagRuleCompliance.NON_COMPLIANT, NagRuleCompliance.COMPLIANT, NagRuleCompliance.NON_COMPLIANT]);
    expect(remembered.evaluate(new CfnResource(stack, 'NotAFunction', { type: 'Test::Thing' }))).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});

/** Each cdk-nag pack's applyRule, collecting the rules: `collect` on, `checkResource` exposed. */
function probed<T extends NagPack>(pack: T): { rules: () => Set<NagRule>; calledOn: (node: CfnResource) => Set<NagRule> } {
  const open = pack as unknown as { checkResource(node: CfnResource): void; applyRule(params: IApplyRule): void };
  let collecting: Set<NagRule> | undefined;
  open.applyRule = (params) => collecting?.add(params.rule);
  return {
    rules: () => rulesOf((node) => open.checkResource(node), (into) => (collecting = into)),
    calledOn: (node) => {
      const called = new Set<NagRule>();
      collecting = called;
      open.checkResource(node);
      collecting = undefined;
      return called;
    },
  };
}

describe('rulesOf and NagRuleEvaluators', () => {
  test("reads each pack's rules without running one: the same rules its checkResource applies to a real resource", () => {
    const node = new CfnResource(new Stack(new App(), 'S'), 'R0', { type: 'Test::Thing' });
    for (const pack of [new NIST80053R5Checks(), new AwsSolutionsChecks()]) {
      const { rules, calledOn } = probed(pack);
      const read = rules();
      expect(read.size).toBeGreaterThan(50);
      expect(read).toEqual(calledOn(node));
    }
  });

  test('runs a rule shared by the packs once per resource, replaying its result or its error to the second pack', () => {
    let calls = 0;
    const shared: NagRule = (node) => {
      calls++;
      if (node.node.id === 'Bad') throw new Error('cannot resolve');
      return node.node.id === 'Good' ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
    };
    const own: NagRule = () => NagRuleCompliance.COMPLIANT;
    const evaluators = new NagRuleEvaluators([new Set([shared, own]), new Set([shared])]);
    expect(evaluators.evaluatorOf(own)).toBe(own);
    // A rule no pack listed: the packs' skipping by class would not account for it.
    const unlisted = Object.defineProperty((() => NagRuleCompliance.COMPLIANT) as NagRule, 'name', { value: 'Unlisted' });
    expect(() => evaluators.evaluatorOf(unlisted)).toThrow(/applied rule Unlisted, which its pack did not list/);
    const stack = new Stack(new App(), 'S');
    const nodes = ['Good', 'Other', 'Bad'].map((id) => new CfnResource(stack, id, { type: 'Test::Thing' }));
    const first = nodes.map((n) => outcome(() => evaluators.evaluatorOf(shared)(n)));
    const second = nodes.map((n) => outcome(() => evaluators.evaluatorOf(shared)(n)));
    expect(first).toEqual([NagRuleCompliance.COMPLIANT, NagRuleCompliance.NON_COMPLIANT, 'threw: cannot resolve']);
    expect(second).toEqual(first);
    expect(calls).toBe(3);
  });
});

/** A stack with findings and passes for shared rules (S3 SSL, logging), Lambda runtimes and IAM. */
function mixedStack(): { app: App; stack: Stack } {
  const app = new App();
  const stack = new Stack(app, 'Mixed', { env: { account: '111111111111', region: 'us-gov-west-1' } });
  new s3.Bucket(stack, 'SslOnly', { enforceSSL: true, versioned: true });
  new s3.Bucket(stack, 'Plain');
  const code = lambda.Code.fromInline('exports.handler = async () => ({})');
  const older = new lambda.Function(stack, 'Older', { runtime: lambda.Runtime.NODEJS_18_X, handler: 'index.handler', code });
  new lambda.Function(stack, 'Latest', { runtime: lambda.Runtime.NODEJS_LATEST, handler: 'index.handler', code });
  new lambda.Function(stack, 'OlderToo', { runtime: lambda.Runtime.NODEJS_18_X, handler: 'index.handler', code });
  older.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
  Validations.of(older).acknowledge({ id: 'AwsSolutions-IAM5', reason: 'tested' });
  // Classes the packs skip (no rule applies by class and type), and one AwsSolutions-EKS1/2 read by type.
  new connect.CfnPrompt(stack, 'Greeting', { instanceArn: 'arn:aws-us-gov:connect:us-gov-west-1:111111111111:instance/i', name: 'greeting' });
  new logs.CfnLogStream(stack, 'Stream', { logGroupName: 'group' });
  new CfnResource(stack, 'Cluster', { type: 'Custom::AWSCDK-EKS-Cluster', properties: { Config: { resourcesVpcConfig: { endpointPublicAccess: true } } } });
  return { app, stack };
}

describe("the kit's packs against cdk-nag's own", () => {
  test.each([
    ['NIST first', false],
    ['AWS Solutions first', true],
  ])('report exactly the violations cdk-nag reports (%s), the Lambda runtime finding on exactly the older functions', (_order, solutionsFirst) => {
    const { app, stack } = mixedStack();
    const props = { verbose: true };
    const kit = createNagPacks(app, props);
    const ours = solutionsFirst ? { solutions: kit.solutions.validateScope(stack), nist: kit.nist.validateScope(stack) } : { nist: kit.nist.validateScope(stack), solutions: kit.solutions.validateScope(stack) };
    expect(ours.nist).toEqual(new NIST80053R5Checks(undefined, props).validateScope(stack));
    expect(ours.solutions).toEqual(new AwsSolutionsChecks(undefined, props).validateScope(stack));
    const l1 = ours.solutions.violations.find((v) => v.ruleName === 'AwsSolutions-L1');
    expect(l1?.violatingResources.map((r) => r.constructPath).sort()).toEqual(['Mixed/Older/Resource', 'Mixed/OlderToo/Resource']);
    expect(ours.solutions.violations.find((v) => v.ruleName === 'AwsSolutions-EKS1')?.violatingResources.map((r) => r.constructPath)).toEqual(['Mixed/Cluster']);
    expect(kit.solutions.runner.applicable?.mayApply(stack.node.findChild('Greeting') as CfnResource)).toBe(false);
    const ssl = kit.nist.toJson()['NIST.800.53.R5-S3BucketSSLRequestsOnly'];
    expect(ssl.nonCompliant).toEqual([`Mixed/${stack.getLogicalId(stack.node.findChild('Plain').node.defaultChild as CfnResource)}`]);
    expect(ssl.compliant).toHaveLength(2);
  });
});

describe('notApplicableByClass and ApplicableClasses: skipping the resources no rule applies to', () => {
  const bucketRule: NagRule = (node) => (node instanceof s3.CfnBucket ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.NOT_APPLICABLE);
  const typeRule: NagRule = (node) => (node.cfnResourceType === 'AWS::SQS::Queue' ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.NOT_APPLICABLE);
  const guardedRule: NagRule = (node) => {
    try {
      return node.node.id.endsWith('1') ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.NOT_APPLICABLE;
    } catch {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
  };
  const never: NagRule = () => NagRuleCompliance.NOT_APPLICABLE;

  test('judges by class and type only rules that read nothing of the resource but these', () => {
    const queue = sqs.CfnQueue.prototype;
    const bucket = s3.CfnBucket.prototype;
    expect(notApplicableByClass([bucketRule, never], queue, 'AWS::SQS::Queue')).toBe(true);
    expect(notApplicableByClass([bucketRule], bucket, 'AWS::S3::Bucket')).toBe(false);
    expect(notApplicableByClass([typeRule], queue, 'AWS::SQS::Queue')).toBe(false);
    expect(notApplicableByClass([typeRule], bucket, 'AWS::S3::Bucket')).toBe(true);
    expect(notApplicableByClass([typeRule, bucketRule], CfnResource.prototype, 'Custom::Thing')).toBe(true);
    expect(notApplicableByClass([typeRule], CfnResource.prototype, 'AWS::SQS::Queue')).toBe(false);
    expect(notApplicableByClass([guardedRule], queue, 'AWS::SQS::Queue')).toBe(false);
    expect(notApplicableByClass([bucketRule, guardedRule], queue, 'AWS::SQS::Queue')).toBe(false);
  });

  const SHAPES = [bucketRule, typeRule, guardedRule, never, (node: CfnResource) => (node instanceof sqs.CfnQueue ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NOT_APPLICABLE)];
  const CLASSES = ['bucket', 'queue', 'topic', 'thing', 'queue-typed-thing'] as const;

  test('a pack that skips them reports exactly what cdk-nag reports, for any mix of rule shapes and resource classes', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: SHAPES.length - 1 }), { minLength: 1, maxLength: SHAPES.length }), fc.array(fc.constantFrom(...CLASSES), { minLength: 1, maxLength: 6 }), (shapes, classes) => {
        const stack = new Stack(new App(), 'Mixed');
        classes.forEach((kind, i) => {
          const id = `R${i}`;
          if (kind === 'bucket') new s3.CfnBucket(stack, id);
          else if (kind === 'queue') new sqs.CfnQueue(stack, id);
          else if (kind === 'topic') new sns.CfnTopic(stack, id);
          else if (kind === 'queue-typed-thing') new CfnResource(stack, id, { type: 'AWS::SQS::Queue' });
          else new CfnResource(stack, id, { type: 'Test::Thing' });
        });
        const rules = shapes.map((s, r) => ({ rule: Object.defineProperty((node: CfnResource) => SHAPES[s](node), 'name', { value: `Shape${r}` }) as NagRule }));
        const plain = testPack(rules, false).validateScope(stack);
        const skipping = testPack(rules, true, new ApplicableClasses(new Set(rules.map((r) => r.rule)))).validateScope(stack);
        expect(skipping).toEqual(plain);
      }),
      { seed: 20261127, numRuns: 200 },
    );
  });

  test('judges a class made for each construct by its parent class when the rules apply to that, without probing each', () => {
    let probes = 0;
    const counted: NagRule = (node) => {
      probes++;
      return bucketRule(node);
    };
    const stack = new Stack(new App(), 'PerConstruct');
    // As aws-iam's Policy does for CfnPolicy: a subclass per construct.
    const bucketsOfOwnClass = [0, 1, 2].map((i) => new (class extends s3.CfnBucket {})(stack, `B${i}`));
    const queuesOfOwnClass = [0, 1, 2].map((i) => new (class extends sqs.CfnQueue {})(stack, `Q${i}`));
    const applicable = new ApplicableClasses(new Set([counted]));
    expect(bucketsOfOwnClass.map((b) => applicable.mayApply(b))).toEqual([true, true, true]);
    expect(probes).toBe(1);
    expect(queuesOfOwnClass.map((q) => applicable.mayApply(q))).toEqual([false, false, false]);
    expect(bucketsOfOwnClass.map((b) => applicable.mayApply(b))).toEqual([true, true, true]);
    expect(probes).toBe(5);
  });

  test("skips exactly the classes none of a real pack's rules apply to, by class", () => {
    const { app, stack } = mixedStack();
    const prompt = new connect.CfnPrompt(stack, 'Prompt', { instanceArn: 'arn:aws-us-gov:connect:us-gov-west-1:111111111111:instance/i', name: 'p' });
    // An EKS cluster made by aws-cdk-lib's custom resource, which AwsSolutions-EKS1/2 tell by its type alone.
    const custom = new CfnResource(stack, 'Custom', { type: 'Custom::AWSCDK-EKS-Cluster' });
    const bucket = stack.node.findChild('Plain').node.defaultChild as CfnResource;
    const kit = createNagPacks(app, { verbose: true });
    expect([prompt, custom, bucket].map((r) => kit.solutions.runner.applicable?.mayApply(r))).toEqual([false, true, true]);
    expect([prompt, custom, bucket].map((r) => kit.nist.runner.applicable?.mayApply(r))).toEqual([false, false, true]);
  });
});
