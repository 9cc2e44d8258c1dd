import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, IApplyRule, NagPackProps, NIST80053R5Checks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { CachedNagPack, StackRecorder, stackAt } from './cached-validation';
import { NAG_RESULTS_FILE } from './nag-results';
import { ApplicableClasses, evaluateRule, NagRule, NagRuleEvaluators, rulesOf, RuleVerdict } from './nag-rule-runner';

export { NAG_RESULTS_FILE };

/**
 * Which resources each NIST 800-53 rev 5 rule evaluated, by outcome (`stack/logicalId`).
 * cdk-nag 3.x reports only violations; the audit pack needs the passes too, as evidence.
 */
export interface NagResults {
  readonly [rule: string]: { readonly compliant: readonly string[]; readonly nonCompliant: readonly string[] };
}

/** One stack's recorded outcomes, as the validation cache stores them: rule ID to resource lists. */
type StackNagResults = Record<string, { compliant: string[]; nonCompliant: string[] }>;

/**
 * What each of the kit's packs adds to cdk-nag's rule calls (lib/compliance/nag-rule-runner.ts):
 * resources no rule of the pack can apply to are skipped, each rule runs through its evaluator,
 * and only findings go on to cdk-nag's `applyRule`.
 */
class PackRuleRunner {
  /** The rules to run in place of cdk-nag's, set by createNagPacks once both packs exist. */
  evaluators?: NagRuleEvaluators;
  /** The resource classes the pack's rules may apply to, set by createNagPacks. */
  applicable?: ApplicableClasses;
  /** Where the pack's rules are collected instead of run, while {@link rules} reads them. */
  private collecting?: Set<NagRule>;

  /** Every rule the pack applies, read through its `checkResource`. */
  rules(checkResource: (node: CfnResource) => void): Set<NagRule> {
    return rulesOf(checkResource, (into) => (this.collecting = into));
  }

  /** False when no rule of the pack can apply to `node` (rules being listed reach every resource). */
  shouldCheck(node: CfnResource): boolean {
    return this.applicable === undefined || this.collecting !== undefined || this.applicable.mayApply(node);
  }

  /** What `params.rule` gives on `params.node`; undefined while the rules are being listed (the rule is collected, not run). */
  verdict(params: IApplyRule): RuleVerdict | undefined {
    if (this.collecting === undefined) return evaluateRule(params, this.evaluators?.evaluatorOf(params.rule));
    this.collecting.add(params.rule);
    return undefined;
  }
}

/**
 * The NIST pack, recording the outcome of every rule on every resource it applies to. It is
 * also the recorder of its cached runs: a stack whose findings come from the cache gets its
 * recorded outcomes back from there.
 */
export class RecordingNist80053R5Checks extends NIST80053R5Checks implements StackRecorder {
  /** Per stack name, per rule ID, the resources (`stack/logicalId`) by outcome: a stack's own are read without scanning the others'. */
  private readonly byStack = new Map<string, Map<string, { compliant: Set<string>; nonCompliant: Set<string> }>>();
  /** Stack names by construct path, each read once (the tree does not change while it is validated). */
  private readonly stackNames = new Map<string, string>();
  /** Each resource's `stack/logicalId`, computed once: the pack asks for it once per rule (a hash of its path each time). */
  private readonly resourceNames = new WeakMap<CfnResource, string>();
  /** Each rule's ID by its suffix, built once rather than for each resource it evaluates. */
  private readonly recordIds = new Map<string, string>();

  /** The fast path of this pack's rule calls. */
  readonly runner = new PackRuleRunner();

  /**
   * @param root the app whose stacks the pack validates
   * @param props the pack's settings
   */
  constructor(
    private readonly root: IConstruct,
    props: NagPackProps,
  ) {
    super(root, props);
  }

  /** Every rule this pack applies. */
  rules(): Set<NagRule> {
    return this.runner.rules((node) => this.checkResource(node));
  }

  private stackName(stackConstructPath: string): string {
    let name = this.stackNames.get(stackConstructPath);
    if (name === undefined) {
      const stack = stackAt(this.root, stackConstructPath);
      if (stack === undefined) throw new Error(`no stack at ${stackConstructPath}`);
      this.stackNames.set(stackConstructPath, (name = stack.stackName));
    }
    return name;
  }

  private entry(stackName: string, id: string): { compliant: Set<string>; nonCompliant: Set<string> } {
    let rules = this.byStack.get(stackName);
    if (rules === undefined) this.byStack.set(stackName, (rules = new Map()));
    let entry = rules.get(id);
    if (entry === undefined) rules.set(id, (entry = { compliant: new Set<string>(), nonCompliant: new Set<string>() }));
    return entry;
  }

  /** The outcomes recorded in one stack, by rule ID. */
  take(stackConstructPath: string): StackNagResults {
    const out: StackNagResults = {};
    for (const [id, entry] of this.byStack.get(this.stackName(stackConstructPath)) ?? []) {
      if (entry.compliant.size + entry.nonCompliant.size > 0) out[id] = { compliant: [...entry.compliant], nonCompliant: [...entry.nonCompliant] };
    }
    return out;
  }

  /** Adds the outcomes {@link take} gave for one stack (from the validation cache). */
  restore(stackConstructPath: string, recorded: unknown): void {
    const name = this.stackName(stackConstructPath);
    const prefix = `${name}/`;
    for (const [id, saved] of Object.entries((recorded ?? {}) as StackNagResults)) {
      const entry = this.entry(name, id);
      // Only this stack's resources: an entry edited to claim another stack's passes is ignored.
      for (const r of saved.compliant ?? []) if (r.startsWith(prefix)) entry.compliant.add(r);
      for (const r of saved.nonCompliant ?? []) if (r.startsWith(prefix)) entry.nonCompliant.add(r);
    }
  }

  protected checkResource(node: CfnResource): void {
    if (this.runner.shouldCheck(node)) super.checkResource(node);
  }

  protected applyRule(params: IApplyRule): void {
    const verdict = this.runner.verdict(params);
    if (verdict === undefined || verdict === 'none') return;
    if (verdict === 'finding') super.applyRule(params);
    this.record(params.node, params.ruleSuffixOverride ?? params.rule.name, verdict === 'passed');
  }

  /** Records `node`'s outcome under `NIST.800.53.R5-<suffix>`. */
  private record(node: CfnResource, suffix: string, passed: boolean): void {
    let id = this.recordIds.get(suffix);
    if (id === undefined) this.recordIds.set(suffix, (id = `NIST.800.53.R5-${suffix}`));
    const stack = Stack.of(node);
    let name = this.resourceNames.get(node);
    if (name === undefined) this.resourceNames.set(node, (name = `${stack.stackName}/${stack.getLogicalId(node)}`));
    const entry = this.entry(stack.stackName, id);
    (passed ? entry.compliant : entry.nonCompliant).add(name);
  }

  /** Every recorded outcome, rules and resources sorted. */
  toJson(): NagResults {
    const merged = new Map<string, { compliant: string[]; nonCompliant: string[] }>();
    for (const rules of this.byStack.values()) {
      for (const [id, entry] of rules) {
        const into = merged.get(id) ?? { compliant: [], nonCompliant: [] };
        into.compliant.push(...entry.compliant);
        into.nonCompliant.push(...entry.nonCompliant);
        merged.set(id, into);
      }
    }
    const out: Record<string, { compliant: string[]; nonCompliant: string[] }> = {};
    for (const id of [...merged.keys()].sort()) {
      const entry = merged.get(id)!;
      out[id] = { compliant: [...new Set(entry.compliant)].sort(), nonCompliant: [...new Set(entry.nonCompliant)].sort() };
    }
    return out;
  }
}

/**
 * The AWS Solutions pack, reporting exactly what cdk-nag's does with less work per rule call:
 * only findings go through cdk-nag's `applyRule`, and some rules' outcomes are remembered
 * (lib/compliance/nag-rule-runner.ts).
 */
export class AwsSolutionsPack extends AwsSolutionsChecks {
  /** The fast path of this pack's rule calls. */
  readonly runner = new PackRuleRunner();

  /** Every rule this pack applies. */
  rules(): Set<NagRule> {
    return this.runner.rules((node) => this.checkResource(node));
  }

  protected checkResource(node: CfnResource): void {
    if (this.runner.shouldCheck(node)) super.checkResource(node);
  }

  protected applyRule(params: IApplyRule): void {
    if (this.runner.verdict(params) === 'finding') super.applyRule(params);
  }
}

/** The kit's two cdk-nag packs over one app. */
export interface KitNagPacks {
  /** NIST 800-53 rev 5, recording every rule outcome. */
  readonly nist: RecordingNist80053R5Checks;
  /** AWS Solutions. */
  readonly solutions: AwsSolutionsPack;
}

/**
 * The NIST 800-53 rev 5 and AWS Solutions packs over `app` (what {@link addNagPacks} registers),
 * sharing the outcomes of the rules they both apply.
 */
export function createNagPacks(app: App, props: NagPackProps): KitNagPacks {
  const nist = new RecordingNist80053R5Checks(app, props);
  const solutions = new AwsSolutionsPack(app, props);
  const nistRules = nist.rules();
  const solutionsRules = solutions.rules();
  const evaluators = new NagRuleEvaluators([nistRules, solutionsRules]);
  nist.runner.evaluators = evaluators;
  solutions.runner.evaluators = evaluators;
  nist.runner.applicable = new ApplicableClasses(nistRules);
  solutions.runner.applicable = new ApplicableClasses(solutionsRules);
  return { nist, solutions };
}

/** What addNagPacks returns: the recorded NIST rule outcomes, once the app has synthesized. */
export interface NagPacks {
  /** Every rule evaluation so far. */
  results(): NagResults;
  /** Writes them beside the templates as {@link NAG_RESULTS_FILE}. */
  write(assemblyDir: string): void;
}

/**
 * Runs the cdk-nag NIST 800-53 rev 5 and AWS Solutions packs over every stack of the app
 * as CDK validation plugins: any finding not acknowledged in lib/compliance/acknowledgements.ts
 * fails synthesis, and all findings land in cdk.out's validation report. The NIST pack also
 * records which resources each rule passed, for the audit pack. Each stack's findings are
 * cached by its template (lib/compliance/cached-validation.ts): an unchanged stack is not
 * checked again.
 */
export function addNagPacks(app: App): NagPacks {
  const props: NagPackProps = { verbose: true, writeSuppressionsToCloudFormation: true };
  const settings = JSON.stringify(props);
  const { nist, solutions } = createNagPacks(app, props);
  Validations.of(app).addPlugins(new CachedNagPack(nist, settings, nist), new CachedNagPack(solutions, settings));
  return {
    results: () => nist.toJson(),
    write: (assemblyDir) => fs.writeFileSync(path.join(assemblyDir, NAG_RESULTS_FILE), `${JSON.stringify(nist.toJson(), null, 1)}\n`),
  };
}
