import { kindOfArn } from '../../references';
import type { Finding, ParameterValue } from '../../types';
import { finding, LintRule } from '../rule';

const id = 'literal-arn';

/** An ARN in any partition (commercial, `aws-us-gov`, `aws-cn`, …). */
const ARN = /\barn:aws(?:-[a-z]+)*:[a-z0-9-]+:/;

function firstArn(value: ParameterValue | undefined, keys: string[] = []): { path: string; arn: string } | undefined {
  if (typeof value === 'string') {
    const match = ARN.exec(value);
    return match ? { path: keys.join('.'), arn: value.slice(match.index) } : undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstArn(value[i], [...keys, String(i)]);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const found = firstArn(item, [...keys, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Kit flows hold named references, never an instance's ARNs (DESIGN.md §3): a literal ARN ties
 * the flow to one instance and partition. Error for the kit's own flows; warning for imported
 * ones, which must be given references before they deploy anywhere else. Metadata is not checked
 * (exports repeat ARNs there for display only).
 */
export const literalArn: LintRule = {
  id,
  description: 'Parameters must use ${kind:name} references, not literal ARNs (warning for imported flows).',
  check(ctx) {
    const out: Finding[] = [];
    for (const flow of ctx.flows) {
      for (const action of flow.content.Actions) {
        const found = firstArn(action.Parameters);
        if (!found) continue;
        const shown = found.arn.length > 60 ? `${found.arn.slice(0, 57)}...` : found.arn;
        out.push(
          finding(flow, id, flow.imported ? 'warning' : 'error', `${found.path} holds the literal ARN ${JSON.stringify(shown)}: replace it with a reference such as \${${kindOfArn(found.arn) ?? 'kind'}:<name>} so the flow deploys to any instance`, action.Identifier),
        );
      }
    }
    return out;
  },
};
