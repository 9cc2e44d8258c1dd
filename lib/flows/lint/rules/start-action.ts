import { closest } from '../../../config/zod-issues';
import { listNames } from '../../references';
import { finding, LintRule } from '../rule';

const id = 'start-action';

/** StartAction must name an action of the flow. */
export const startAction: LintRule = {
  id,
  description: 'StartAction must be present and name an action of the flow.',
  check(ctx) {
    return ctx.flows.flatMap((flow) => {
      const start = flow.content.StartAction;
      const ids = flow.content.Actions.map((a) => a.Identifier);
      if (start === '') return [finding(flow, id, 'error', `StartAction is missing (set it to the Identifier of the first action${ids.length > 0 ? `, e.g. ${JSON.stringify(ids[0])}` : ''})`)];
      if (ids.includes(start)) return [];
      const hint = closest(start, ids);
      return [finding(flow, id, 'error', `StartAction ${JSON.stringify(start)} names no action${hint ? `, did you mean "${hint}"?` : ''} (actions: ${listNames(ids)})`)];
    });
  },
};
