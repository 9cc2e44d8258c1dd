import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NagRuleCompliance, NIST80053R5Checks } from 'cdk-nag';
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

/** The NIST pack, recording the outcome of every rule on every resource it applies to. */
class RecordingNist80053R5Checks extends NIST80053R5Checks {
  readonly results = new Map<string, { compliant: Set<string>; nonCompliant: Set<string> }>();

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
 * records which resources each rule passed, for the audit pack.
 */
export function addNagPacks(app: App): NagPacks {
  const nist = new RecordingNist80053R5Checks(app, { verbose: true, writeSuppressionsToCloudFormation: true });
  Validations.of(app).addPlugins(nist, new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }));
  return {
    results: () => nist.toJson(),
    write: (assemblyDir) => fs.writeFileSync(path.join(assemblyDir, NAG_RESULTS_FILE), `${JSON.stringify(nist.toJson(), null, 1)}\n`),
  };
}
