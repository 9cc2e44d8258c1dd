import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NagPackProps, NagRuleCompliance, NIST80053R5Checks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { CachedNagPack, StackRecorder } from './cached-validation';
import { NAG_RESULTS_FILE } from './nag-results';

export { NAG_RESULTS_FILE };

/**
 * Which resources each NIST 800-53 rev 5 rule evaluated, by outcome (`stack/logicalId`).
 * cdk-nag 3.x reports only violations; the audit pack needs the passes too, as evidence.
 */
export interface NagResults {
  readonly [rule: string]: { readonly compliant: readonly string[]; readonly nonCompliant: readonly string[] };
}

type ApplyRule = Parameters<NIST80053R5Checks['applyRule']>[0];

/** One stack's recorded outcomes, as the validation cache stores them: rule ID to resource lists. */
type StackNagResults = Record<string, { compliant: string[]; nonCompliant: string[] }>;

/**
 * The NIST pack, recording the outcome of every rule on every resource it applies to. It is
 * also the recorder of its cached runs: a stack whose findings come from the cache gets its
 * recorded outcomes back from there.
 */
class RecordingNist80053R5Checks extends NIST80053R5Checks implements StackRecorder {
  readonly results = new Map<string, { compliant: Set<string>; nonCompliant: Set<string> }>();

  constructor(
    private readonly root: IConstruct,
    props: NagPackProps,
  ) {
    super(root, props);
  }

  private stackName(stackConstructPath: string): string {
    const stack = this.root.node.findAll().find((c) => Stack.isStack(c) && c.node.path === stackConstructPath) as Stack | undefined;
    if (stack === undefined) throw new Error(`no stack at ${stackConstructPath}`);
    return stack.stackName;
  }

  take(stackConstructPath: string): StackNagResults {
    const prefix = `${this.stackName(stackConstructPath)}/`;
    const out: StackNagResults = {};
    for (const [id, entry] of this.results) {
      const compliant = [...entry.compliant].filter((r) => r.startsWith(prefix));
      const nonCompliant = [...entry.nonCompliant].filter((r) => r.startsWith(prefix));
      if (compliant.length + nonCompliant.length > 0) out[id] = { compliant, nonCompliant };
    }
    return out;
  }

  restore(stackConstructPath: string, recorded: unknown): void {
    const prefix = `${this.stackName(stackConstructPath)}/`;
    for (const [id, saved] of Object.entries((recorded ?? {}) as StackNagResults)) {
      const entry = this.results.get(id) ?? { compliant: new Set<string>(), nonCompliant: new Set<string>() };
      // Only this stack's resources: an entry edited to claim another stack's passes is ignored.
      for (const r of saved.compliant ?? []) if (r.startsWith(prefix)) entry.compliant.add(r);
      for (const r of saved.nonCompliant ?? []) if (r.startsWith(prefix)) entry.nonCompliant.add(r);
      this.results.set(id, entry);
    }
  }

  protected applyRule(params: ApplyRule): void {
    const suffix = params.ruleSuffixOverride ?? params.rule.name;
    const rule = params.rule;
    const record = (node: CfnResource, passed: boolean) => {
      const id = `NIST.800.53.R5-${suffix}`;
      const entry = this.results.get(id) ?? { compliant: new Set<string>(), nonCompliant: new Set<string>() };
      const stack = Stack.of(node);
      (passed ? entry.compliant : entry.nonCompliant).add(`${stack.stackName}/${stack.getLogicalId(node)}`);
      this.results.set(id, entry);
    };
    const recorded = (node: CfnResource) => {
      try {
        const result = rule(node);
        if (result === NagRuleCompliance.COMPLIANT) record(node, true);
        else if (result === NagRuleCompliance.NON_COMPLIANT || Array.isArray(result)) record(node, false);
        return result;
      } catch (error) {
        record(node, false);
        throw error;
      }
    };
    super.applyRule({ ...params, rule: recorded, ruleSuffixOverride: suffix });
  }

  toJson(): NagResults {
    const out: Record<string, { compliant: string[]; nonCompliant: string[] }> = {};
    for (const id of [...this.results.keys()].sort()) {
      const entry = this.results.get(id)!;
      out[id] = { compliant: [...entry.compliant].sort(), nonCompliant: [...entry.nonCompliant].sort() };
    }
    return out;
  }
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
  const nist = new RecordingNist80053R5Checks(app, props);
  Validations.of(app).addPlugins(new CachedNagPack(nist, settings, nist), new CachedNagPack(new AwsSolutionsChecks(app, props), settings));
  return {
    results: () => nist.toJson(),
    write: (assemblyDir) => fs.writeFileSync(path.join(assemblyDir, NAG_RESULTS_FILE), `${JSON.stringify(nist.toJson(), null, 1)}\n`),
  };
}
