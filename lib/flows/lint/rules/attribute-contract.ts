import { closest } from '../../../config/zod-issues';
import { CONTRACT_ATTRIBUTE_NAMES } from '../../attribute-contract';
import type { Finding } from '../../types';
import { finding, LintRule } from '../rule';

const id = 'attribute-contract';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Agents, contact records and the analytics queries rely on the caller-context attribute
 * contract (lib/flows/attribute-contract.ts, contact-flows/README.md): a flow that sets a
 * contact attribute outside it writes something no agent view or report knows. A warning, not an
 * error: an agency's own flows may set their own attributes once the jurisdiction lists them in
 * `flows.attributes` (passed here as `LintContext.attributes`).
 */
export const attributeContract: LintRule = {
  id,
  description: 'UpdateContactAttributes may set only attributes of the caller-context contract or of the config\'s flows.attributes (warning).',
  check(ctx) {
    const known = [...CONTRACT_ATTRIBUTE_NAMES, ...(ctx.context.attributes ?? [])];
    const allowed = new Set(known);
    const out: Finding[] = [];
    for (const flow of ctx.flows) {
      for (const action of flow.content.Actions) {
        if (action.Type !== 'UpdateContactAttributes' || !isObject(action.Parameters.Attributes)) continue;
        for (const name of Object.keys(action.Parameters.Attributes)) {
          if (allowed.has(name)) continue;
          const hint = closest(name, known);
          out.push(
            finding(
              flow,
              id,
              'warning',
              `sets the contact attribute ${JSON.stringify(name)}, which is not in the attribute contract (contact-flows/README.md)${hint ? `: did you mean "${hint}"?` : ''} (list your own attributes in the jurisdiction's flows.attributes)`,
              action.Identifier,
            ),
          );
        }
      }
    }
    return out;
  },
};
