import { CfnResource } from 'aws-cdk-lib';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { IApplyRule, NagRuleCompliance, NagRuleResult, NagRules, rules } from 'cdk-nag';

/**
 * What one rule gave on one resource, for a pack's `applyRule`:
 * - `none`: not applicable (or any result cdk-nag ignores): cdk-nag's `applyRule` would do nothing;
 * - `passed`: compliant: cdk-nag's `applyRule` would do nothing either;
 * - `finding`: non-compliant, findings, or the rule threw: the pack must hand `params` to cdk-nag's
 *   `applyRule`, which reports it unless acknowledged (its `rule` now replays the result).
 */
export type RuleVerdict = 'none' | 'passed' | 'finding';

/** Makes `params.rule` replay what the rule gave, under the rule's own name (cdk-nag names an un-suffixed rule by it). */
function replaying(params: IApplyRule, replay: (node: CfnResource) => NagRuleResult): void {
  Object.defineProperty(replay, 'name', { value: params.rule.name });
  // cdk-nag builds a new params object for every rule and resource: changing it in place is safe.
  params.rule = replay;
}

/**
 * Evaluates `params.rule` (or `evaluate`, an equivalent of it) once on `params.node`. About 47,000
 * rule calls per jurisdiction give "not applicable" (each rule checks a resource type): cdk-nag's
 * own `applyRule` then only builds the rule ID and discards the result, so a pack's `applyRule`
 * that hands it just the findings (see {@link RuleVerdict}) reports exactly what it would, at about
 * half the cost per call. The rule is never run twice: a finding is replayed to cdk-nag, which keeps
 * deciding acknowledgements, rule IDs, severities and descriptions.
 *
 * @param evaluate the rule to run, when a faster equivalent of `params.rule` exists
 * @default evaluate - params.rule
 */
export function evaluateRule(params: IApplyRule, evaluate: (node: CfnResource) => NagRuleResult = params.rule): RuleVerdict {
  let result: NagRuleResult;
  try {
    result = evaluate(params.node);
  } catch (error) {
    replaying(params, () => {
      throw error;
    });
    return 'finding';
  }
  if (result === NagRuleCompliance.COMPLIANT) return 'passed';
  if (result === NagRuleCompliance.NON_COMPLIANT || Array.isArray(result)) {
    replaying(params, () => result);
    return 'finding';
  }
  return 'none';
}

/** cdk-nag's LambdaLatestVersion rule (AwsSolutions-L1). */
export const lambdaLatestVersion: (node: CfnResource) => NagRuleResult = rules.lambda.LambdaLatestVersion;

/**
 * cdk-nag's LambdaLatestVersion rule, evaluated once per runtime. Its outcome on a Lambda function
 * depends only on the function's resolved `runtime` (it sorts every runtime aws-cdk-lib knows, by
 * a locale-aware numeric compare, for each function: about 15 ms per jurisdiction), so it is
 * remembered per runtime value; a rule error is not remembered (it is thrown again each time).
 */
export class LatestRuntimeRule {
  private readonly outcomes = new Map<unknown, NagRuleResult>();

  /** The rule's outcome on `node`, as {@link lambdaLatestVersion} gives it. */
  readonly evaluate = (node: CfnResource): NagRuleResult => {
    if (!(node instanceof CfnFunction)) return lambdaLatestVersion(node);
    let runtime: unknown;
    try {
      runtime = NagRules.resolveIfPrimitive(node, node.runtime);
    } catch {
      // The rule reports this resolution error itself.
      return lambdaLatestVersion(node);
    }
    const known = this.outcomes.get(runtime);
    if (known !== undefined) return known;
    const outcome = lambdaLatestVersion(node);
    this.outcomes.set(runtime, outcome);
    return outcome;
  };
}

/** A cdk-nag rule: the function a pack hands to `applyRule`. */
export type NagRule = (node: CfnResource) => NagRuleResult;

/** A rule's remembered outcome on one resource: its result, or the error it threw. */
type Outcome = { readonly result: NagRuleResult } | { readonly error: unknown };

/**
 * The rule to run in place of each cdk-nag rule, shared by the packs of one app: the same rule in
 * two packs (26 rules are in both NIST 800-53 R5 and AWS Solutions, S3BucketSSLRequestsOnly among
 * them: a scan of the whole stack per bucket) is evaluated once per resource, and
 * LambdaLatestVersion once per runtime ({@link LatestRuntimeRule}). The construct tree does not
 * change while the packs validate it, so a rule's outcome on a resource does not either.
 */
export class NagRuleEvaluators {
  private readonly evaluators = new Map<NagRule, NagRule>();

  /**
   * @param packRules the rules of each pack (see {@link rulesOf})
   */
  constructor(packRules: ReadonlyArray<ReadonlySet<NagRule>>) {
    const packsOf = new Map<NagRule, number>();
    for (const rules of packRules) for (const rule of rules) packsOf.set(rule, (packsOf.get(rule) ?? 0) + 1);
    for (const [rule, packs] of packsOf) this.evaluators.set(rule, packs > 1 ? rememberedPerResource(rule) : rule);
    if (this.evaluators.has(lambdaLatestVersion)) this.evaluators.set(lambdaLatestVersion, new LatestRuntimeRule().evaluate);
  }

  /**
   * What to run for `rule`: an equivalent that remembers outcomes, or `rule` itself. A rule no
   * pack listed fails the validation: the packs skip resources by what their listed rules do
   * ({@link ApplicableClasses}), which holds only while cdk-nag applies every rule to every resource.
   */
  evaluatorOf(rule: NagRule): NagRule {
    const evaluator = this.evaluators.get(rule);
    if (evaluator === undefined) {
      throw new Error(`cdk-nag applied rule ${rule.name}, which its pack did not list for every resource: lib/compliance/nag-rule-runner.ts no longer fits this cdk-nag version`);
    }
    return evaluator;
  }
}

/** `rule`, evaluated once per resource: later calls give the same result, or throw the same error. */
function rememberedPerResource(rule: NagRule): NagRule {
  const outcomes = new WeakMap<CfnResource, Outcome>();
  return (node) => {
    let outcome = outcomes.get(node);
    if (outcome === undefined) {
      try {
        outcome = { result: rule(node) };
      } catch (error) {
        outcome = { error };
      }
      outcomes.set(node, outcome);
    }
    if ('error' in outcome) throw outcome.error;
    return outcome.result;
  };
}

/**
 * Every rule a pack applies, read by calling its `checkResource` on a stand-in resource with an
 * `applyRule` that only collects `params.rule` (cdk-nag's packs apply every rule to every
 * resource, each rule deciding whether the resource is its type).
 *
 * @param checkResource the pack's `checkResource`, bound to the pack
 * @param collecting sets (or with undefined clears) where the pack's `applyRule` collects rules
 */
export function rulesOf(checkResource: (node: CfnResource) => void, collecting: (into: Set<NagRule> | undefined) => void): Set<NagRule> {
  const rules = new Set<NagRule>();
  collecting(rules);
  try {
    checkResource(STAND_IN);
  } finally {
    collecting(undefined);
  }
  return rules;
}

/** The resource handed to a pack's `checkResource` by {@link rulesOf}: no rule is run on it. */
const STAND_IN = Object.freeze({}) as CfnResource;

/** Thrown by the stand-in of {@link notApplicableByClass} when a rule reads more of it than its class and type. */
const READ_BEYOND_CLASS = new Error('the rule read the resource beyond its class and type');

/**
 * True when each of `rules` gives "not applicable" on a resource of the class whose prototype is
 * `prototype` and of CloudFormation type `cfnResourceType`, reading nothing of the resource but
 * these two (an `instanceof` test, a look at `cfnResourceType`): each rule then gives "not
 * applicable" on every resource of that class and type. The rules run on a stand-in object of that
 * class that answers `cfnResourceType` and records (and stops at) any other operation on it, so a
 * rule that reads anything else, even in a `try`, is never judged this way.
 * It assumes what cdk-nag's rules are: functions of the resource's state (no use of the resource's
 * identity alone, no state of their own).
 */
export function notApplicableByClass(rules: Iterable<NagRule>, prototype: object, cfnResourceType: string): boolean {
  let read = false;
  const stop = (): never => {
    read = true;
    throw READ_BEYOND_CLASS;
  };
  // Every trap but getPrototypeOf (what `instanceof` asks) and a read of cfnResourceType stops the rule.
  const standIn = new Proxy(Object.create(prototype) as CfnResource, {
    get: (_target, key) => (key === 'cfnResourceType' ? cfnResourceType : stop()),
    set: stop,
    has: stop,
    deleteProperty: stop,
    ownKeys: stop,
    getOwnPropertyDescriptor: stop,
    defineProperty: stop,
    isExtensible: stop,
    preventExtensions: stop,
    setPrototypeOf: stop,
  });
  for (const rule of rules) {
    try {
      if (rule(standIn) !== NagRuleCompliance.NOT_APPLICABLE || read) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * Which resources a pack's rules may apply to, decided once per resource class and CloudFormation
 * type: one on which every rule of the pack is not applicable by these alone
 * ({@link notApplicableByClass}: Amazon Connect, Lex and most of the kit's other resource types,
 * about two in five of its resources) needs no rule call at all, and cdk-nag's `applyRule` would
 * record nothing for it.
 */
export class ApplicableClasses {
  private readonly byPrototype = new Map<object, Map<string, boolean>>();

  /**
   * @param rules every rule of the pack (see {@link rulesOf})
   */
  constructor(private readonly rules: ReadonlySet<NagRule>) {}

  /** False when no rule of the pack can apply to `node`, judged by its class and type. */
  mayApply(node: CfnResource): boolean {
    return this.mayApplyTo(Object.getPrototypeOf(node) as object, node.cfnResourceType);
  }

  private mayApplyTo(prototype: object, cfnResourceType: string): boolean {
    let byType = this.byPrototype.get(prototype);
    if (byType === undefined) this.byPrototype.set(prototype, (byType = new Map()));
    let may = byType.get(cfnResourceType);
    if (may === undefined) {
      // A class made for each construct (aws-iam's Policy makes one per policy) would be probed for
      // each resource: when the rules may apply to its parent class, they may to it too (no skip).
      const parent = Object.getPrototypeOf(prototype) as object | null;
      const parentMayApply = parent !== null && parent !== CfnResource.prototype && parent instanceof CfnResource && this.mayApplyTo(parent, cfnResourceType);
      may = parentMayApply || !notApplicableByClass(this.rules, prototype, cfnResourceType);
      byType.set(cfnResourceType, may);
    }
    return may;
  }
}
