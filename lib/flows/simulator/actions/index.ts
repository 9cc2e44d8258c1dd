import { ACTIONS } from '../../actions';
import type { ActionHandler } from './common';
import { CONTACT_ACTIONS } from './contact';
import { FLOW_CONTROL_ACTIONS } from './flow-control';
import { INTERACTION_ACTIONS } from './interaction';
import { PARTICIPANT_ACTIONS } from './participant';

export type { ActionContext, ActionHandler } from './common';
export { branchLabel } from './common';

/** Every action type the simulator runs, by type (one module per family, as the Flow Language docs group them). */
export const HANDLERS: ReadonlyMap<string, ActionHandler> = new Map(
  Object.entries({ ...PARTICIPANT_ACTIONS, ...CONTACT_ACTIONS, ...FLOW_CONTROL_ACTIONS, ...INTERACTION_ACTIONS }),
);

/** The supported action types, sorted. */
export const SIMULATED_ACTION_TYPES: readonly string[] = [...HANDLERS.keys()].sort();

/** Why an action type cannot be simulated: a clear message naming it. */
export function unsupportedReason(type: string): string {
  const known = ACTIONS.get(type);
  if (known?.feature) return `action type ${type} needs the Amazon Connect feature "${known.feature}", which the simulator does not model (it is not available in AWS GovCloud)`;
  if (known) return `action type ${type} is not supported by the simulator (supported: ${SIMULATED_ACTION_TYPES.length} types, see lib/flows/simulator/actions/)`;
  return `unknown action type ${JSON.stringify(type)}: not a Flow Language action the simulator knows`;
}
