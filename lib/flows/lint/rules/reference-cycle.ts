import { describeCycle, findCycles } from '../../references';
import { finding, LintRule } from '../rule';

const id = 'reference-cycle';

/** Flows that refer to each other (`${flow:…}`, `${module:…}`) in a cycle cannot be created by CloudFormation. */
export const referenceCycle: LintRule = {
  id,
  description: 'Flow-to-flow references must not form a cycle (CloudFormation cannot create it).',
  check(ctx) {
    return findCycles(ctx.flows, (flow) => ctx.references(flow)).map((cycle) => finding(ctx.byName.get(cycle.names[0])!, id, 'error', describeCycle(cycle), cycle.actionIds[0]));
  },
};
