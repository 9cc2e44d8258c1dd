import type { Action } from '../types';
import type { SimFlow } from './types';
import { PATH_IN_TEXT, pathKeys } from './values';

/**
 * Which contact data an action may still read before the flow ends (a backward data-flow
 * analysis over the flow's transitions). The explorer keeps only live data in a state's
 * identity, so that two calls differing only in data nothing reads any more are explored once.
 *
 * Data items: `Attributes.<name>`, `FlowAttributes.<name>`, and the roots `External`, `Lex`,
 * `Metrics`, `StoredCustomerInput`. In the explorer a function's answer does not depend on its
 * parameters, so an InvokeLambdaFunction's parameters are not reads.
 */

/** The data item a JSONPath reads. */
export function itemOf(path: string): string | undefined {
  const keys = pathKeys(path);
  if (!keys) return undefined;
  return keys[0] === 'Attributes' || keys[0] === 'FlowAttributes' ? `${keys[0]}.${keys[1] ?? ''}` : keys[0];
}

function collect(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') {
    if (!value.includes('$.')) return;
    for (const m of value.match(PATH_IN_TEXT) ?? []) {
      const item = itemOf(m);
      if (item) out.add(item);
    }
  } else if (Array.isArray(value)) value.forEach((v) => collect(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => collect(v, out));
}

/** What an action reads. */
export function readsOf(action: Action): Set<string> {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(action.Parameters)) {
    if (action.Type === 'InvokeLambdaFunction' && key === 'LambdaInvocationAttributes') continue;
    collect(value, out);
  }
  return out;
}

/** What an action overwrites whatever it was. */
export function writesOf(action: Action): Set<string> {
  const out = new Set<string>();
  if (action.Type === 'UpdateContactAttributes') for (const key of Object.keys((action.Parameters.Attributes ?? {}) as object)) out.add(`Attributes.${key}`);
  if (action.Type === 'InvokeLambdaFunction') out.add('External');
  if (action.Type === 'ConnectParticipantWithLexBot') out.add('Lex');
  if (action.Type === 'GetMetricData') out.add('Metrics');
  if (action.Type === 'GetParticipantInput' && action.Parameters.StoreInput === 'True') out.add('StoredCustomerInput');
  return out;
}

function successors(action: Action): string[] {
  const t = action.Transitions;
  return [t.NextAction, ...(t.Conditions ?? []).map((c) => c.NextAction), ...(t.Errors ?? []).map((e) => e.NextAction)].filter((x): x is string => x !== undefined);
}

/** Live data at each action of `flow`, given what is live when the flow hands the contact on. */
export function liveData(flow: SimFlow, exit: ReadonlySet<string>): Map<string, Set<string>> {
  const live = new Map<string, Set<string>>();
  const reads = new Map<string, Set<string>>();
  const writes = new Map<string, Set<string>>();
  for (const a of flow.actions.values()) {
    reads.set(a.Identifier, readsOf(a));
    writes.set(a.Identifier, writesOf(a));
    live.set(a.Identifier, new Set([...reads.get(a.Identifier)!, ...exit]));
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const a of flow.actions.values()) {
      const mine = live.get(a.Identifier)!;
      const killed = writes.get(a.Identifier)!;
      for (const s of successors(a)) {
        for (const item of live.get(s) ?? []) {
          if (!killed.has(item) && !mine.has(item)) {
            mine.add(item);
            changed = true;
          }
        }
      }
    }
  }
  return live;
}

/** The Loop actions reachable from each action of `flow` (their counters still matter there). */
export function reachableLoops(flow: SimFlow): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const start of flow.actions.keys()) {
    const seen = new Set<string>();
    const loops = new Set<string>();
    const todo = [start];
    while (todo.length > 0) {
      const id = todo.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const a = flow.actions.get(id);
      if (!a) continue;
      if (a.Type === 'Loop') loops.add(id);
      todo.push(...successors(a));
    }
    out.set(start, loops);
  }
  return out;
}
