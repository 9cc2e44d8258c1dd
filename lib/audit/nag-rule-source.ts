import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { NIST80053R5Checks } from 'cdk-nag';
import type { NagRuleInfo } from './types';

/**
 * Reads the rules of the installed cdk-nag NIST 800-53 rev 5 pack: each rule's id, the group it
 * belongs to (the pack's `checkS3`, `checkIAM`, … methods) and the control ids its message names
 * (`… - (Control IDs: AU-9(3), SC-28(1)).`). The audit reads the generated copy in
 * `data/nag-nist-800-53-r5-rules.json`; a test checks that copy against the installed package.
 */
export function readNagRules(): NagRuleInfo[] {
  const rules: NagRuleInfo[] = [];
  let group = '';
  class Recorder extends NIST80053R5Checks {
    protected applyRule(params: Parameters<NIST80053R5Checks['applyRule']>[0]): void {
      const suffix = params.ruleSuffixOverride ?? params.rule.name;
      const info = String(params.info);
      const listed = /\(Control IDs?: (.*)\)\.?\s*$/s.exec(info)?.[1] ?? "";
      const controls = [...new Set(listed.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
      rules.push({ id: `NIST.800.53.R5-${suffix}`, group, controls, info: info.replace(/\s*-\s*\(Control IDs?:.*$/s, '') });
    }
    public run(node: CfnResource): void {
      const proto = NIST80053R5Checks.prototype as unknown as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto).filter((n) => /^check[A-Z]/.test(n) && n !== 'checkResource').sort()) {
        group = name.slice('check'.length);
        (this as unknown as Record<string, (n: CfnResource) => void>)[name](node);
      }
    }
  }
  const stack = new Stack(new App(), 'NagRules');
  new Recorder().run(new CfnResource(stack, 'Probe', { type: 'Probe::Probe::Probe' }));
  return rules.sort((a, b) => a.id.localeCompare(b.id));
}
