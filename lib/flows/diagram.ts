import { ACTIONS, conditionRules } from './actions';
import { findReferences, isReferenceKind, kindOfArn } from './references';
import type { Action, LoadedFlow, ParameterValue } from './types';

/**
 * Mermaid flowcharts of flows, for reviewers and auditors who should not have to read JSON.
 *
 * Nodes are actions (`a1`, `a2`, … in file order) labelled with the Identifier (unless it is a
 * designer-generated UUID), the type and its key parameters (the message text shortened,
 * `queue: General` for a reference); branching actions are
 * six-sided, terminal ones rounded and green. Success and condition edges are solid, error edges
 * dashed and red; parallel branches between the same two actions share one edge. Actions not
 * reachable from the start are dashed; transitions to missing actions end in a red box.
 */

/** Longest text shown in a node line. */
const MAX_TEXT = 40;

const ENTITIES: Readonly<Record<string, string>> = { '#': '#35;', '"': '#quot;', '<': '#lt;', '>': '#gt;', '&': '#amp;', '|': '#124;', '`': '#96;' };

/** Escapes text for a quoted Mermaid label (entity codes; one line). */
export function mermaidText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[#"<>&|`]/g, (c) => ENTITIES[c]);
}

function shorten(text: string, max = MAX_TEXT): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join('').trimEnd()}…` : chars.join('');
}

/** `${queue:General}` shown as `queue: General`; other text unchanged. */
function showReferences(text: string): string {
  return text.replace(/\$\{([A-Za-z][A-Za-z0-9]*):([^{}]*)\}/g, (whole, kind: string, name: string) => (isReferenceKind(kind) ? `{${kind}: ${name}}` : whole));
}

const TEXT_KEYS = ['Text', 'SSML'] as const;
const SCALAR_KEYS: Readonly<Record<string, (value: string) => string>> = {
  ComparisonValue: (v) => `compare: ${v}`,
  LoopCount: (v) => `loop: ${v}×`,
  MetricType: (v) => `metric: ${v}`,
  TimeLimitSeconds: (v) => `wait: ${v} s`,
  InvocationTimeLimitSeconds: (v) => `timeout: ${v} s`,
  TextToSpeechVoice: (v) => `voice: ${v}`,
  FlowLoggingBehavior: (v) => `logging: ${v}`,
};

/** Identifiers the designer generates (UUIDs) say nothing to a reader; hand-written ones do. */
const GENERATED_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The lines under the type in an action's node. */
function details(action: Action, flow: LoadedFlow): string[] {
  const lines: string[] = [];
  const p = action.Parameters;
  for (const key of TEXT_KEYS) {
    const value = p[key];
    if (typeof value === 'string' && value !== '') {
      lines.push(`“${shorten(showReferences(key === 'SSML' ? value.replace(/<[^>]+>/g, ' ') : value))}”`);
      break;
    }
  }
  const shown = new Set<string>();
  for (const ref of findReferences({ Version: '2019-10-30', StartAction: '', Actions: [{ ...action, Transitions: {} }] })) {
    if (ref.problem || ref.parameter === undefined || TEXT_KEYS.includes(ref.parameter as (typeof TEXT_KEYS)[number])) continue;
    const line = `${ref.kind}: ${ref.name}`;
    if (!shown.has(line)) lines.push(shorten(line));
    shown.add(line);
  }
  for (const [key, value] of Object.entries(p)) {
    if (Object.hasOwn(SCALAR_KEYS, key) && (typeof value === 'string' || typeof value === 'number') && !String(value).includes('${')) lines.push(shorten(SCALAR_KEYS[key](String(value))));
    if (key === 'Attributes' && typeof value === 'object' && value !== null && !Array.isArray(value)) lines.push(shorten(`set: ${Object.keys(value).join(', ')}`));
    if (typeof value === 'string' && /^arn:/.test(value)) lines.push(shorten(`${kindOfArn(value) ?? key}: ${displayNameOf(flow, action.Identifier, key) ?? `…${value.slice(-8)}`}`));
  }
  return lines.slice(0, 3);
}

/** An exported flow's Metadata carries display names of the ARNs it holds. */
function displayNameOf(flow: LoadedFlow, actionId: string, key: string): string | undefined {
  const meta = (flow.content.Metadata?.ActionMetadata as Record<string, { parameters?: Record<string, { displayName?: ParameterValue }> }> | undefined)?.[actionId];
  const name = meta?.parameters?.[key]?.displayName;
  return typeof name === 'string' ? name : undefined;
}

const OPERATORS: Readonly<Record<string, string>> = {
  Equals: '',
  NumberGreaterThan: '> ',
  NumberGreaterOrEqualTo: '≥ ',
  NumberLessThan: '< ',
  NumberLessOrEqualTo: '≤ ',
  NumericLessThan: '< ',
  TextContains: 'contains ',
  TextStartsWith: 'starts with ',
};

/** The Mermaid flowchart of a flow (without the Markdown fence). */
export function renderMermaid(flow: LoadedFlow): string {
  const actions = flow.content.Actions;
  const nodeOf = new Map<string, string>();
  actions.forEach((a, i) => {
    if (!nodeOf.has(a.Identifier)) nodeOf.set(a.Identifier, `a${i + 1}`);
  });
  const missing = new Map<string, string>();
  const target = (id: string) => {
    const node = nodeOf.get(id);
    if (node) return node;
    if (!missing.has(id)) missing.set(id, `m${missing.size + 1}`);
    return missing.get(id)!;
  };
  const reachable = reachableFrom(flow);

  const nodes: string[] = ['  start((Start))'];
  const edges: string[] = [];
  const errorEdges: number[] = [];
  const terminals: string[] = [];
  const unreachable: string[] = [];
  if (flow.content.StartAction !== '') edges.push(`  start --> ${target(flow.content.StartAction)}`);

  actions.forEach((action, i) => {
    const node = `a${i + 1}`;
    const spec = ACTIONS.get(action.Type);
    const branches = conditionRules(action) !== undefined;
    const title = GENERATED_ID.test(action.Identifier) ? [] : [`<b>${mermaidText(shorten(action.Identifier))}</b>`];
    const label = [...title, ...[action.Type, ...details(action, flow)].map(mermaidText)].join('<br/>');
    const [open, close] = spec?.terminal ? ['([', '])'] : branches ? ['{{', '}}'] : ['[', ']'];
    nodes.push(`  ${node}${open}"${label}"${close}`);
    if (spec?.terminal) terminals.push(node);
    if (!reachable.has(action.Identifier)) unreachable.push(node);

    const t = action.Transitions;
    const noMatch = t.Errors?.find((e) => e.ErrorType === 'NoMatchingCondition')?.NextAction;
    if (t.NextAction !== undefined && !(branches && t.NextAction === noMatch)) edges.push(`  ${node} --> ${target(t.NextAction)}`);
    for (const [to, labels] of grouped((t.Conditions ?? []).map((c) => [c.NextAction, `${OPERATORS[c.Condition.Operator] ?? `${c.Condition.Operator} `}${c.Condition.Operands.join(' / ')}`]))) {
      edges.push(`  ${node} -->|"${mermaidText(shorten(labels.join(', ')))}"| ${target(to)}`);
    }
    for (const [to, labels] of grouped((t.Errors ?? []).map((e) => [e.NextAction, e.ErrorType]))) {
      errorEdges.push(edges.length);
      edges.push(`  ${node} -.->|"${mermaidText(labels.join(', '))}"| ${target(to)}`);
    }
  });
  for (const [id, node] of missing) nodes.push(`  ${node}[/"missing: ${mermaidText(shorten(id))}"/]`);

  const styles = [
    '  classDef terminal fill:#e8f5e9,stroke:#2e7d32',
    '  classDef missing fill:#fdecea,stroke:#b71c1c',
    '  classDef unreachable stroke-dasharray:4 4',
  ];
  if (terminals.length > 0) styles.push(`  class ${terminals.join(',')} terminal`);
  if (missing.size > 0) styles.push(`  class ${[...missing.values()].join(',')} missing`);
  if (unreachable.length > 0) styles.push(`  class ${unreachable.join(',')} unreachable`);
  if (errorEdges.length > 0) styles.push(`  linkStyle ${errorEdges.join(',')} stroke:#b71c1c,color:#b71c1c`);
  return ['flowchart TD', ...nodes, ...edges, ...styles].join('\n');
}

function grouped(pairs: Array<[string, string]>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [to, label] of pairs) out.set(to, [...(out.get(to) ?? []), label]);
  return out;
}

function reachableFrom(flow: LoadedFlow): Set<string> {
  const byId = new Map(flow.content.Actions.map((a) => [a.Identifier, a]));
  const seen = new Set<string>();
  const stack = [flow.content.StartAction];
  while (stack.length > 0) {
    const id = stack.pop()!;
    const action = byId.get(id);
    if (!action || seen.has(id)) continue;
    seen.add(id);
    const t = action.Transitions;
    if (t.NextAction !== undefined) stack.push(t.NextAction);
    for (const e of t.Errors ?? []) stack.push(e.NextAction);
    for (const c of t.Conditions ?? []) stack.push(c.NextAction);
  }
  return seen;
}

/** The Markdown page of a flow: title, declaration, description, the diagram and a legend. */
export function renderFlowMarkdown(flow: LoadedFlow): string {
  return [
    `# ${flow.displayName}`,
    '',
    `\`${flow.name}\` · ${typeLabel(flow)} · ${flow.file}${flow.imported ? ' · imported' : ''}`,
    ...(flow.description ? ['', flow.description] : []),
    '',
    '```mermaid',
    renderMermaid(flow),
    '```',
    '',
    'Solid arrows: success and conditions. Dashed red arrows: errors. Six-sided boxes branch; rounded green boxes end the flow.',
    '',
  ].join('\n');
}

/** The type shown in a diagram header: declared, inferred, or unknown with the types it may be. */
function typeLabel(flow: LoadedFlow): string {
  const word = (t: string) => (t === 'MODULE' ? 'flow module' : t);
  if (flow.typeInferred === 'unknown') return `type unknown (${(flow.possibleTypes ?? [flow.type]).map(word).join(' or ')})`;
  return flow.typeInferred === 'inferred' ? `${word(flow.type)} (inferred)` : word(flow.type);
}
