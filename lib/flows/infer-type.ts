import { ACTIONS } from './actions';
import { FLOW_TYPES } from './types';
import type { FlowType } from './types';

/** What the actions of a flow that declares no type say about its type. */
export interface TypeInference {
  /** The type to use: the inferred one, or the first possible one when several fit. */
  readonly type: FlowType;
  /** Every type the flow may be (one when certain); the flow-type rule accepts an action allowed in any. */
  readonly possibleTypes: readonly FlowType[];
  /** True when exactly one type fits. */
  readonly certain: boolean;
  /** Why, in words, e.g. `EndFlowModuleExecution is used only in modules`. */
  readonly reason: string;
  /** Set when the actions belong to different flow types and no type can hold them all. */
  readonly conflict?: string;
}

const WHISPERS: readonly FlowType[] = ['CUSTOMER_WHISPER', 'AGENT_WHISPER', 'OUTBOUND_WHISPER'];
const TRANSFERS: readonly FlowType[] = ['AGENT_TRANSFER', 'QUEUE_TRANSFER'];
/** Actions that make a customer queue flow of one that ends with EndFlowExecution: it loops audio while the caller waits. */
const QUEUE_LOOP = ['MessageParticipantIteratively', 'Loop', 'Wait', 'GetMetricData', 'CheckMetricData'];

const sameSet = (a: readonly FlowType[], b: readonly FlowType[]) => a.length === b.length && a.every((t) => b.includes(t));

/**
 * Infers a flow's type from its content, for files that declare none (raw console exports
 * without `Metadata.type`, `{Name, Content}` module envelopes). A top-level `Settings` or an
 * `EndFlowModuleExecution` makes a module; otherwise the types every action allows are
 * intersected (DequeueContactAndTransferToQueue → customer queue; EndFlowExecution → customer
 * queue if it loops audio, else a whisper; TransferContactToAgent → a transfer flow).
 *
 * @param content the Flow Language object (only `Settings` and `Actions[].Type` are read)
 */
export function inferFlowType(content: { readonly Settings?: unknown; readonly Actions?: unknown }): TypeInference {
  const types = Array.isArray(content.Actions)
    ? content.Actions.map((a: unknown) => (typeof a === 'object' && a !== null ? (a as { Type?: unknown }).Type : undefined)).filter((t): t is string => typeof t === 'string')
    : [];
  const used = new Set(types);
  if (content.Settings !== undefined || used.has('EndFlowModuleExecution')) {
    const reason = used.has('EndFlowModuleExecution') ? 'EndFlowModuleExecution is used only in modules' : 'a top-level Settings block is written only for modules';
    const outside = [...used].filter((t) => ACTIONS.get(t)?.flowTypes && !ACTIONS.get(t)!.flowTypes!.includes('MODULE'));
    if (outside.length > 0) return { type: 'MODULE', possibleTypes: [...FLOW_TYPES], certain: false, reason, conflict: `${reason}, but ${outside.join(', ')} cannot be used in a module` };
    return { type: 'MODULE', possibleTypes: ['MODULE'], certain: true, reason };
  }

  let candidates: FlowType[] = FLOW_TYPES.filter((t) => t !== 'MODULE');
  const restricting: string[] = [];
  for (const type of used) {
    const allowed = ACTIONS.get(type)?.flowTypes;
    if (!allowed) continue;
    const next = candidates.filter((t) => allowed.includes(t));
    if (next.length === 0) {
      return {
        type: 'CONTACT_FLOW',
        possibleTypes: [...FLOW_TYPES],
        certain: false,
        reason: 'its actions fit no single flow type',
        conflict: `${type} (only in ${allowed.join(', ')}) cannot be used with ${restricting.join(', ')} (which leave ${candidates.join(', ')})`,
      };
    }
    if (next.length < candidates.length) restricting.push(type);
    candidates = next;
  }

  if (candidates.length === 1) return { type: candidates[0], possibleTypes: candidates, certain: true, reason: `${restricting.join(', ')} ${restricting.length === 1 ? 'is' : 'are'} used only there` };
  if (candidates.includes('CUSTOMER_QUEUE') && candidates.every((t) => t === 'CUSTOMER_QUEUE' || WHISPERS.includes(t))) {
    const loop = QUEUE_LOOP.find((t) => used.has(t));
    if (loop) return { type: 'CUSTOMER_QUEUE', possibleTypes: ['CUSTOMER_QUEUE'], certain: true, reason: `it ends with EndFlowExecution and loops (${loop}), as customer queue flows do` };
    const whispers = candidates.filter((t) => WHISPERS.includes(t));
    return { type: whispers[0], possibleTypes: whispers, certain: false, reason: `it ends with EndFlowExecution and does not loop: a whisper flow (${whispers.join(', ')})` };
  }
  if (sameSet(candidates, TRANSFERS)) return { type: 'AGENT_TRANSFER', possibleTypes: candidates, certain: false, reason: `${restricting.join(', ')}: a transfer flow (${TRANSFERS.join(' or ')})` };
  const reason = restricting.length === 0 ? 'no action in it belongs to one flow type' : `its actions fit ${candidates.join(', ')}`;
  return { type: candidates.includes('CONTACT_FLOW') ? 'CONTACT_FLOW' : candidates[0], possibleTypes: candidates, certain: false, reason };
}
