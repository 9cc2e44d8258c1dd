import { PARAMETER_KINDS } from '../../placeholders';
import { KIND_NOUNS, ReferenceKind } from '../../references';
import type { Finding } from '../../types';
import { finding, flowRule, LintRule } from '../rule';

const id = 'reference-parameter';

export { PARAMETER_KINDS };

/** A reference in an ARN parameter must be of the kind that parameter takes (a queue in QueueId, …). */
export const referenceParameter: LintRule = flowRule({
  id,
  description: 'A reference in an ARN parameter must be of the kind the parameter takes, e.g. a queue or route in QueueId.',
  checkFlow(flow, facts) {
    const out: Finding[] = [];
    for (const ref of facts.references(flow)) {
      if (ref.problem || ref.parameter === undefined || ref.kind === 'config') continue;
      const keys = ref.parameter.split('.');
      const expected = keys[0] === 'EventHooks' ? (['flow'] as const) : PARAMETER_KINDS[keys[keys.length - 1]];
      if (!expected || expected.includes(ref.kind as ReferenceKind)) continue;
      out.push(
        finding(flow, id, 'error', `${ref.parameter} takes ${expected.map((k) => `a ${KIND_NOUNS[k]} (\${${k}:…})`).join(' or ')}, not ${ref.text}`, ref.actionId),
      );
    }
    return out;
  },
});
