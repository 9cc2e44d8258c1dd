import { oncePerObject } from '../../memo';
import type { Action, Finding, FlowDocument, LoadedFlow, ParameterValue } from '../../types';
import { finding, LintRule } from '../rule';

const id = 'unset-attribute';

/**
 * Contact attributes a chat starts with, set outside the flows by the web chat backend
 * (lambdas/chat-start `chatAttributes`; test/lambdas/chat-start.test.ts pins the two lists together).
 */
export const CHAT_START_ATTRIBUTES: readonly string[] = ['channelSource', 'language', 'topic', 'topicQueue', 'page'];

/** `$.Attributes.x` / `$.FlowAttributes.x` (also `$.Attributes['x']`) inside a string. */
const READ = /\$\.(Attributes|FlowAttributes)(?:\.([A-Za-z0-9_-]+)|\[['"]([^'"]+)['"]\])/g;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function strings(value: ParameterValue | undefined, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((item) => strings(item, out));
  else if (isObject(value)) Object.values(value).forEach((item) => strings(item as ParameterValue, out));
}

/** Names an action sets: contact attributes (UpdateContactAttributes) or flow attributes (UpdateFlowAttributes). */
function setBy(action: Action, scope: 'Attributes' | 'FlowAttributes'): string[] {
  if (scope === 'Attributes' && action.Type === 'UpdateContactAttributes' && isObject(action.Parameters.Attributes)) return Object.keys(action.Parameters.Attributes);
  if (scope === 'FlowAttributes' && action.Type === 'UpdateFlowAttributes' && isObject(action.Parameters.FlowAttributes)) return Object.keys(action.Parameters.FlowAttributes);
  return [];
}

/**
 * A read of `$.FlowAttributes.x` that no action of the flow sets is always empty (flow attributes
 * live only in their flow); a read of `$.Attributes.x` that no flow of the set sets is empty
 * unless something outside the flows sets it (the kit's chat API sets {@link CHAT_START_ATTRIBUTES};
 * an outbound call or a Lambda's UpdateContactAttributes API call may set others). Both are warnings: usually a typo or a block lost in a copy.
 */
export const unsetAttribute: LintRule = {
  id,
  description: 'Reads of $.FlowAttributes.x must be set in the flow, and of $.Attributes.x in some flow of the set (warning).',
  check(ctx) {
    const out: Finding[] = [];
    const contactSet = new Set<string>(CHAT_START_ATTRIBUTES);
    for (const flow of ctx.flows) attributeUse(flow.content).contactSets.forEach((n) => contactSet.add(n));
    for (const flow of ctx.flows) {
      const { flowSets, reads } = attributeUse(flow.content);
      const reported = new Set<string>();
      const report = (flowOf: LoadedFlow, action: Action, scope: string, name: string, where: string) => {
        const key = `${action.Identifier}\u0000${scope}.${name}`;
        if (reported.has(key)) return;
        reported.add(key);
        out.push(finding(flowOf, id, 'warning', `reads $.${scope}.${name}, which ${where}: it will be empty (check the name, or set it with ${scope === 'FlowAttributes' ? 'UpdateFlowAttributes' : 'UpdateContactAttributes'})`, action.Identifier));
      };
      for (const { action, scope, name } of reads) {
        if (scope === 'FlowAttributes' && !flowSets.has(name)) report(flow, action, scope, name, 'no action of this flow sets');
        if (scope === 'Attributes' && !contactSet.has(name)) report(flow, action, scope, name, 'no flow here sets');
      }
    }
    return out;
  },
};

/** The attributes one flow document sets and reads (what the rule needs from each flow). */
interface AttributeUse {
  /** Contact attribute names its UpdateContactAttributes actions set. */
  readonly contactSets: readonly string[];
  /** Flow attribute names its UpdateFlowAttributes actions set. */
  readonly flowSets: ReadonlySet<string>;
  /** Every `$.Attributes.x` / `$.FlowAttributes.x` read, in action and text order. */
  readonly reads: ReadonlyArray<{ readonly action: Action; readonly scope: 'Attributes' | 'FlowAttributes'; readonly name: string }>;
}

/**
 * What a document sets and reads, found once per document (see oncePerObject); which reads are
 * unset is decided per lint run, against the flows of that run.
 */
const attributeUse = oncePerObject((doc: FlowDocument): AttributeUse => {
  const reads: Array<AttributeUse['reads'][number]> = [];
  for (const action of doc.Actions) {
    const texts: string[] = [];
    strings(action.Parameters, texts);
    for (const c of action.Transitions.Conditions ?? []) texts.push(...c.Condition.Operands);
    for (const text of texts) {
      for (const m of text.matchAll(READ)) reads.push({ action, scope: m[1] as 'Attributes' | 'FlowAttributes', name: m[2] ?? m[3] });
    }
  }
  return {
    contactSets: doc.Actions.flatMap((a) => setBy(a, 'Attributes')),
    flowSets: new Set(doc.Actions.flatMap((a) => setBy(a, 'FlowAttributes'))),
    reads,
  };
});
