import { conversionHint, foreignPlaceholder, parameterKinds } from '../../placeholders';
import type { Finding, ParameterValue } from '../../types';
import { finding, flowRule, LintRule } from '../rule';

const id = 'foreign-placeholder';

function visit(value: ParameterValue | undefined, keys: string[], found: (text: string, keys: readonly string[]) => void): void {
  if (typeof value === 'string') found(value, keys);
  else if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...keys, String(i)], found));
  else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) visit(item, [...keys, key], found);
}

/**
 * Other tools' placeholders in ARN parameters — `%Name%`, `%%NAME%%`, `{{a.b.arn}}`, or a bare
 * word where an ARN belongs — pass through CloudFormation untouched and fail only when Amazon
 * Connect rejects the flow at deploy time. Each is an error with the `${kind:name}` to write.
 * (`${…}` placeholders of other tools are reported by unknown-reference, which owns that syntax.)
 */
export const foreignPlaceholderRule: LintRule = flowRule({
  id,
  description: 'ARN parameters must not hold another tool\'s placeholder (%Name%, %%NAME%%, {{a.b.arn}}, a bare name); write ${kind:name}.',
  checkFlow(flow) {
    const out: Finding[] = [];
    for (const action of flow.content.Actions) {
      visit(action.Parameters, [], (text, keys) => {
        const kinds = parameterKinds(keys);
        if (!kinds || text.includes('${') || text.startsWith('$.')) return;
        const found = foreignPlaceholder(text, true);
        if (found) out.push(finding(flow, id, 'error', `${keys.join('.')} holds ${JSON.stringify(text)}, ${found.style}, which Amazon Connect cannot resolve: ${conversionHint(found, kinds)}`, action.Identifier));
      });
    }
    return out;
  },
});
