import { ACTIONS, conditionRules } from '../flows/actions';
import { renderMermaid } from '../flows/diagram';
import type { Action, FlowDocument, FlowType, LoadedFlow } from '../flows/types';
import { Assembly, flatten } from './model';
import type { ResourceRef } from './types';

/**
 * The contact flows as deployed: read back from the `Content` of each `AWS::Connect::ContactFlow`
 * and `ContactFlowModule` in the templates (references shown as `<LogicalId.Attribute>`), as a
 * graph the page draws and as Mermaid text.
 */

/** A node of a flow graph. */
export interface FlowNode {
  readonly id: string;
  /** First line: the action's identifier or type; then its type and key parameter. */
  readonly lines: readonly string[];
  readonly shape: 'start' | 'action' | 'branch' | 'end' | 'missing';
}

/** An edge of a flow graph. */
export interface FlowEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  readonly error: boolean;
}

/** A deployed flow. */
export interface DeployedFlow extends ResourceRef {
  readonly name: string;
  readonly flowType: string;
  readonly description: string;
  readonly nodes: readonly FlowNode[];
  readonly edges: readonly FlowEdge[];
  /** The Mermaid flowchart (what `gcck diagram` draws). */
  readonly mermaid: string;
  /** Functions the flow invokes, as resources. */
  readonly invokes: readonly ResourceRef[];
  /** Bots the flow talks to. */
  readonly bots: readonly ResourceRef[];
  /** Actions that set up recording and analytics, with their redaction settings. */
  readonly recording: ReadonlyArray<{ readonly action: string; readonly channel: 'voice' | 'chat'; readonly settings: string }>;
  /** Actions that store what the caller keys in (DTMF), with whether it is encrypted. */
  readonly inputs: ReadonlyArray<{ readonly action: string; readonly stored: string; readonly encrypted: boolean }>;
  /** Contact attributes the flow sets. */
  readonly attributes: readonly string[];
  readonly actions: readonly Action[];
}

const GENERATED_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads every flow and module of the assembly. */
export function deployedFlows(assembly: Assembly): DeployedFlow[] {
  const out: DeployedFlow[] = [];
  for (const r of assembly.ofType('AWS::Connect::ContactFlow', 'AWS::Connect::ContactFlowModule')) {
    // Literal: the content is JSON, whose braces must stay as written.
    const text = flatten(r.properties.Content, true);
    let content: FlowDocument;
    try {
      content = JSON.parse(text) as FlowDocument;
    } catch {
      continue;
    }
    if (!Array.isArray(content.Actions)) continue;
    const name = String(r.properties.Name ?? r.logicalId);
    const flowType = r.type === 'AWS::Connect::ContactFlowModule' ? 'MODULE' : String(r.properties.Type ?? 'CONTACT_FLOW');
    const loaded: LoadedFlow = {
      file: `${r.stack}/${r.logicalId}`,
      name,
      displayName: name,
      type: flowType as FlowType,
      description: String(r.properties.Description ?? ''),
      format: 'kit',
      imported: false,
      content,
    };
    const refsOf = (value: unknown) => {
      const found: ResourceRef[] = [];
      JSON.stringify(value).replace(/<([A-Za-z0-9]+)\.[A-Za-z]+>/g, (whole, logicalId: string) => {
        if (assembly.get({ stack: r.stack, logicalId })) found.push({ stack: r.stack, logicalId });
        return whole;
      });
      // References through imports keep the export name; resolve those too.
      return found;
    };
    const invokes: ResourceRef[] = [];
    const bots: ResourceRef[] = [];
    const recording: Array<{ action: string; channel: 'voice' | 'chat'; settings: string }> = [];
    const inputs: Array<{ action: string; stored: string; encrypted: boolean }> = [];
    const attributes = new Set<string>();
    for (const action of content.Actions) {
      const p = action.Parameters ?? {};
      if (action.Type === 'InvokeLambdaFunction') invokes.push(...refsOf(p.LambdaFunctionARN));
      if (action.Type === 'ConnectParticipantWithLexBot') bots.push(...refsOf(p));
      if (action.Type === 'UpdateContactRecordingAndAnalyticsBehavior') recording.push({ action: action.Identifier, channel: p.ChatBehavior !== undefined ? 'chat' : 'voice', settings: JSON.stringify(p) });
      if (action.Type === 'GetParticipantInput' && p.StoreInput === 'True') {
        const encryption = p.InputEncryption as Record<string, unknown> | undefined;
        inputs.push({ action: action.Identifier, stored: 'stored in the contact as "Stored customer input"', encrypted: encryption !== undefined });
      }
      if (action.Type === 'UpdateContactAttributes' && p.Attributes && typeof p.Attributes === 'object') for (const key of Object.keys(p.Attributes)) attributes.add(key);
    }
    const { nodes, edges } = graphOf(content);
    out.push({
      stack: r.stack,
      logicalId: r.logicalId,
      name,
      flowType,
      description: loaded.description,
      nodes,
      edges,
      mermaid: renderMermaid(loaded),
      invokes: dedupe(invokes),
      bots: dedupe(bots),
      recording,
      inputs,
      attributes: [...attributes].sort(),
      actions: content.Actions,
    });
  }
  return out;
}

function dedupe(refs: ResourceRef[]): ResourceRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => !seen.has(r.logicalId) && (seen.add(r.logicalId), true));
}

function short(text: string, max = 34): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** The graph of a flow: a start node, one node per action, edges for every transition. */
export function graphOf(content: FlowDocument): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const ids = new Map<string, string>();
  content.Actions.forEach((a, i) => ids.set(a.Identifier, `a${i + 1}`));
  const nodes: FlowNode[] = [{ id: 'start', lines: ['Start'], shape: 'start' }];
  const edges: FlowEdge[] = [];
  const missing = new Map<string, string>();
  const target = (id: string) => ids.get(id) ?? missing.get(id) ?? (missing.set(id, `m${missing.size + 1}`), missing.get(id)!);
  if (content.StartAction) edges.push({ from: 'start', to: target(content.StartAction), error: false });
  content.Actions.forEach((action, i) => {
    const spec = ACTIONS.get(action.Type);
    const branches = conditionRules(action) !== undefined;
    const title = GENERATED_ID.test(action.Identifier) ? action.Type : action.Identifier;
    const lines = [short(title), ...(title === action.Type ? [] : [short(action.Type)])];
    nodes.push({ id: `a${i + 1}`, lines, shape: spec?.terminal ? 'end' : branches ? 'branch' : 'action' });
    const t = action.Transitions ?? {};
    const from = `a${i + 1}`;
    const grouped = new Map<string, { labels: string[]; error: boolean }>();
    const add = (to: string, label: string | undefined, error: boolean) => {
      const key = `${target(to)}|${error}`;
      const entry = grouped.get(key) ?? { labels: [], error };
      if (label) entry.labels.push(label);
      grouped.set(key, entry);
    };
    if (t.NextAction !== undefined) add(t.NextAction, undefined, false);
    for (const c of t.Conditions ?? []) add(c.NextAction, c.Condition.Operands.join('/'), false);
    for (const e of t.Errors ?? []) add(e.NextAction, e.ErrorType, true);
    for (const [key, entry] of grouped) edges.push({ from, to: key.split('|')[0], label: entry.labels.length ? short(entry.labels.join(', '), 28) : undefined, error: entry.error });
  });
  for (const [id, node] of missing) nodes.push({ id: node, lines: [`missing: ${short(id)}`], shape: 'missing' });
  return { nodes, edges };
}
