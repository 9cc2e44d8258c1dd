import { FlowError } from './errors';
import { oncePerObject } from './memo';
import { conversionHint, foreignPlaceholder, parameterKinds } from './placeholders';
import type { Finding, FlowDocument, LoadedFlow } from './types';

/**
 * Named references inside flow files (DESIGN.md §3): `${kind:name}` in any string of an action's
 * Parameters or Transitions (condition operands) or of the Metadata, e.g. `${queue:General}`,
 * `${lambda:case-status}`. The app resolves them to construct attributes (CDK tokens); the linter
 * to fake ARNs of real length. Every occurrence in a string is replaced, never just the first.
 */

/**
 * The reference kinds and what each resolves to:
 * `queue` a queue ARN · `route` the queue ARN of a routing role (`default`, `spanish`, `escalation`,
 * `callback`) · `hours` hours-of-operation ARN · `lambda` function ARN · `bot` Lex V2 bot alias ARN ·
 * `botRole` the bot alias ARN of a bot role (`selfService`, `survey`: config `flows.bots`) ·
 * `prompt` prompt ARN · `flow` contact flow ARN · `module` flow module ARN · `routingProfile` routing
 * profile ARN · `quickConnect` quick connect ARN · `view` the ARN of an AWS-managed agent workspace
 * view (`detail`, `list`, `form`, `confirmation`, `cards`) · `config` a plain value of the jurisdiction config.
 */
export const REFERENCE_KINDS = ['queue', 'route', 'hours', 'lambda', 'bot', 'botRole', 'prompt', 'flow', 'module', 'routingProfile', 'quickConnect', 'view', 'config'] as const;

/** A reference kind. */
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** Plain words for each kind, for messages. */
export const KIND_NOUNS: Readonly<Record<ReferenceKind, string>> = {
  queue: 'queue',
  route: 'routing role',
  hours: 'hours of operation',
  lambda: 'Lambda function',
  bot: 'bot',
  botRole: 'bot role',
  prompt: 'prompt',
  flow: 'flow',
  module: 'flow module',
  routingProfile: 'routing profile',
  quickConnect: 'quick connect',
  view: 'agent workspace view',
  config: 'config value',
};

const KIND_SET: ReadonlySet<string> = new Set(REFERENCE_KINDS);

/** True if `kind` is one of {@link REFERENCE_KINDS}. */
export function isReferenceKind(kind: string): kind is ReferenceKind {
  return KIND_SET.has(kind);
}

/** The reference kind that replaces an ARN, from the ARN's service and resource type. */
export function kindOfArn(arn: string): ReferenceKind | undefined {
  const [, , service, , , resource = ''] = arn.split(':');
  if (service === 'lambda') return 'lambda';
  if (service === 'lex') return 'bot';
  if (service === 'connect' && resource.startsWith('view/')) return 'view';
  const type = resource.split('/')[2];
  const byType: Record<string, ReferenceKind> = {
    queue: 'queue',
    'operating-hours': 'hours',
    'contact-flow': 'flow',
    'flow-module': 'module',
    prompt: 'prompt',
    'routing-profile': 'routingProfile',
    'transfer-destination': 'quickConnect',
  };
  return type !== undefined && Object.hasOwn(byType, type) ? byType[type] : undefined;
}

/** One `${…}` found in a flow document. */
export interface FlowReference {
  /** The reference as written, e.g. `${queue:General}`. */
  readonly text: string;
  /** The kind as written (check {@link FlowReference.problem} before trusting it). */
  readonly kind: string;
  readonly name: string;
  /** The action it is in (for Metadata, the action whose `ActionMetadata` holds it). */
  readonly actionId?: string;
  /** Key path inside the action's Parameters, e.g. `QueueId` or `LexV2Bot.AliasArn`. */
  readonly parameter?: string;
  /** True if found under Metadata. */
  readonly inMetadata: boolean;
  /** Set when the text is not a well-formed reference: what is wrong with it. */
  readonly problem?: string;
}

/** `${kind:name}` with a well-formed kind; the name is anything up to the closing brace. */
const REFERENCE = /\$\{([A-Za-z][A-Za-z0-9]*):([^{}]*)\}/g;

/** A CDK token in a string (`${Token[…]}`) is not ours. */
const isToken = (inner: string) => inner.startsWith('Token[');

/** Every `${…}` in one string, well-formed or not. */
function scanString(value: string, at: Omit<FlowReference, 'text' | 'kind' | 'name' | 'problem'>, out: FlowReference[]): void {
  let from = value.indexOf('${');
  while (from !== -1) {
    const close = value.indexOf('}', from + 2);
    const nextOpen = value.indexOf('${', from + 2);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      const text = value.slice(from, close === -1 ? Math.min(value.length, from + 40) : nextOpen);
      out.push({ ...at, text, kind: '', name: '', problem: `${JSON.stringify(text)} is not closed with "}"` });
      from = nextOpen;
      continue;
    }
    const text = value.slice(from, close + 1);
    const inner = text.slice(2, -1);
    if (!isToken(inner)) {
      const colon = inner.indexOf(':');
      const kind = colon === -1 ? '' : inner.slice(0, colon);
      const name = colon === -1 ? inner : inner.slice(colon + 1);
      let problem: string | undefined;
      const kinds = at.parameter === undefined ? undefined : parameterKinds(at.parameter.split('.'));
      const foreign = inner.startsWith('AWS::') ? { style: 'a CloudFormation pseudo parameter', name: '<name>' } : foreignPlaceholder(text, false);
      if (foreign && (kinds !== undefined || /^\$\{([A-Za-z][A-Za-z0-9]*):[^{}:]+:\1\}$/.test(text))) {
        problem = `${text} is ${foreign.style} of another tool, not a kit reference: ${conversionHint(foreign, kinds)}`;
      } else if (colon === -1) problem = `${text} has no kind: write \${<kind>:${inner}} with a kind of ${REFERENCE_KINDS.join(', ')}`;
      else if (!isReferenceKind(kind)) {
        const sameLetters = REFERENCE_KINDS.find((k) => k.toLowerCase() === kind.toLowerCase());
        problem = `${text} has an unknown kind ${JSON.stringify(kind)}${sameLetters ? `, did you mean "${sameLetters}"?` : ''} (kinds: ${REFERENCE_KINDS.join(', ')})`;
      } else if (name.trim() === '') problem = `${text} names nothing: write \${${kind}:<name>}`;
      out.push({ ...at, text, kind, name, problem });
    }
    from = nextOpen;
  }
}

/** Visits every string holding `${`, with its key path (one shared array: copy it to keep it). */
function walk(value: unknown, visit: (text: string, keys: readonly string[]) => void, keys: string[] = []): void {
  if (typeof value === 'string') {
    if (value.includes('${')) visit(value, keys);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      keys.push(String(i));
      walk(value[i], visit, keys);
      keys.pop();
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      keys.push(key);
      walk((value as Record<string, unknown>)[key], visit, keys);
      keys.pop();
    }
  }
}

/**
 * Every `${…}` in the document, in order: all occurrences in every string of every action's
 * Parameters and Transitions and of the Metadata. Malformed ones carry a `problem`; CDK tokens
 * (`${Token[…]}`) are skipped. Found once per document (the list and its entries are frozen):
 * the linter, the cycle check, the creation order and the dependencies each ask for them.
 */
export const findReferences: (doc: FlowDocument) => readonly FlowReference[] = oncePerObject((doc) => Object.freeze(scanDocument(doc).map((ref) => Object.freeze(ref))));

/** {@link findReferences} without the memo. */
function scanDocument(doc: FlowDocument): FlowReference[] {
  const out: FlowReference[] = [];
  for (const action of doc.Actions) {
    walk(action.Parameters, (text, keys) => scanString(text, { actionId: action.Identifier, parameter: keys.join('.'), inMetadata: false }, out));
    walk(action.Transitions, (text) => scanString(text, { actionId: action.Identifier, inMetadata: false }, out));
  }
  if (doc.Metadata) {
    walk(doc.Metadata, (text, keys) => {
      const actionId = keys[0] === 'ActionMetadata' && keys.length > 1 ? keys[1] : undefined;
      scanString(text, { actionId, inMetadata: true }, out);
    });
  }
  return out;
}

/**
 * Maps a reference to its value: a CDK token string in the app, a fake ARN in the linter.
 * Returns undefined for a name it does not know.
 */
export type ReferenceResolver = (kind: ReferenceKind, name: string) => string | undefined;

/** Values by kind and name, e.g. `{ queue: new Map([['General', queue.queueArn]]) }`. */
export type ReferenceTable = {
  readonly [K in ReferenceKind]?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
};

/** Options of {@link resolveReferences}. */
export interface ResolveOptions {
  /**
   * What to do with the document's Metadata. `keep` keeps the designer layout (references in it
   * are resolved too); `strip` drops it: Amazon Connect does not execute Metadata, exports
   * duplicate instance ARNs in it, and it is often a third of a flow's size (templates near the
   * 1 MB limit, DESIGN.md §4b).
   * @default 'keep'
   */
  readonly metadata?: 'keep' | 'strip';
}

/** The outcome of {@link tryResolveReferences}. */
export interface ResolveResult {
  /** The document with every resolvable reference replaced. */
  readonly content: FlowDocument;
  /** One error per reference that is malformed or that the resolver did not know. */
  readonly findings: readonly Finding[];
}

function lookup(resolver: ReferenceResolver | ReferenceTable): { resolve: ReferenceResolver; known?: (kind: ReferenceKind) => string[] } {
  if (typeof resolver === 'function') return { resolve: resolver };
  const tables = new Map<ReferenceKind, ReadonlyMap<string, string>>();
  for (const kind of REFERENCE_KINDS) {
    const table = resolver[kind];
    if (table) tables.set(kind, table instanceof Map ? table : new Map(Object.entries(table)));
  }
  return {
    resolve: (kind, name) => tables.get(kind)?.get(name),
    known: (kind) => [...(tables.get(kind)?.keys() ?? [])],
  };
}

/** Names for a message: at most ten, then how many more. */
export function listNames(names: readonly string[]): string {
  if (names.length === 0) return 'none';
  return names.length <= 10 ? names.join(', ') : `${names.slice(0, 10).join(', ')} and ${names.length - 10} more`;
}

function substitute(value: unknown, replace: (text: string) => string): unknown {
  if (typeof value === 'string') return value.includes('${') ? replace(value) : value;
  if (Array.isArray(value)) return value.map((item) => substitute(item, replace));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = substitute((value as Record<string, unknown>)[key], replace);
      // A "__proto__" key from JSON must stay a key, not become the prototype (defineProperty);
      // every other key is a plain assignment, several times faster on large flows.
      if (key === '__proto__') Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
      else out[key] = item;
    }
    return out;
  }
  return value;
}

/**
 * Replaces every reference in `flow` with the resolver's value and reports the ones it cannot
 * replace (malformed, or a name the resolver does not know) instead of throwing.
 */
export function tryResolveReferences(flow: LoadedFlow, resolver: ReferenceResolver | ReferenceTable, options: ResolveOptions = {}): ResolveResult {
  const { resolve, known } = lookup(resolver);
  const source: FlowDocument = options.metadata === 'strip' ? withoutMetadata(flow.content) : flow.content;
  const findings: Finding[] = [];
  // The stripped document's references are the full one's outside Metadata (Metadata is walked
  // last), so the full document's memo serves both.
  const references = options.metadata === 'strip' ? findReferences(flow.content).filter((ref) => !ref.inMetadata) : findReferences(source);
  for (const ref of references) {
    const base = { file: flow.file, actionId: ref.actionId, ruleId: 'unknown-reference', severity: 'error' as const };
    const where = ref.inMetadata ? 'Metadata: ' : '';
    if (ref.problem) {
      findings.push({ ...base, message: `${where}${ref.problem}` });
      continue;
    }
    const value = resolve(ref.kind as ReferenceKind, ref.name);
    if (value === undefined) {
      const names = known?.(ref.kind as ReferenceKind);
      const noun = KIND_NOUNS[ref.kind as ReferenceKind];
      findings.push({ ...base, message: `${where}${ref.text} names no ${noun}${names ? ` (known: ${listNames(names)})` : ''}` });
    } else if (value.includes('${')) {
      // A value that itself holds a reference would survive into the template.
      const inner: FlowReference[] = [];
      scanString(value, { inMetadata: ref.inMetadata }, inner);
      for (const left of inner) findings.push({ ...base, message: `${where}${left.text} is left after resolution (the value of ${ref.text} holds a reference)` });
    }
  }
  const replace = (text: string) =>
    text.replace(REFERENCE, (whole, kind: string, name: string) => (isReferenceKind(kind) ? resolve(kind, name) ?? whole : whole));
  const content = substitute(source, replace) as FlowDocument;
  return { content, findings };
}

function withoutMetadata(doc: FlowDocument): FlowDocument {
  const { Metadata: _dropped, ...rest } = doc;
  return rest;
}

/**
 * A new document with every `${kind:name}` replaced by `resolver`'s value (for the app: a CDK
 * token string such as `queue.queueArn`; render it with `Stack.of(scope).toJsonString(content)`).
 *
 * @throws FlowError naming the file, the action and the known names (when `resolver` is a table)
 *   for each reference that is malformed or unknown, so that no placeholder reaches a template.
 */
export function resolveReferences(flow: LoadedFlow, resolver: ReferenceResolver | ReferenceTable, options: ResolveOptions = {}): FlowDocument {
  const { content, findings } = tryResolveReferences(flow, resolver, options);
  FlowError.throwIfErrors(findings);
  return content;
}

/** A flow-to-flow edge: `from` refers to flow or module `to` in action `actionId`. */
export interface FlowDependency {
  readonly to: string;
  readonly kind: 'flow' | 'module';
  readonly actionId?: string;
}

/** The flows and modules `flow` refers to outside its Metadata, each once, in the order first referred to. */
export function flowDependencies(flow: LoadedFlow, references: readonly FlowReference[] = findReferences(flow.content)): FlowDependency[] {
  const seen = new Set<string>();
  const out: FlowDependency[] = [];
  for (const ref of references) {
    // Metadata is stripped before deployment (ContactFlows construct): a name there creates no dependency.
    if (ref.problem || ref.inMetadata || (ref.kind !== 'flow' && ref.kind !== 'module') || seen.has(ref.name)) continue;
    seen.add(ref.name);
    out.push({ to: ref.name, kind: ref.kind, actionId: ref.actionId });
  }
  return out;
}

/** One cycle of references between flows: `names[0]` → `names[1]` → … → `names[0]`. */
export interface FlowCycle {
  readonly names: readonly string[];
  /** The action of `names[i]` that refers to `names[i + 1]`. */
  readonly actionIds: readonly (string | undefined)[];
}

/**
 * The reference cycles among `flows` (references to flows outside the set are ignored): one
 * cycle per strongly connected group, starting at its alphabetically first flow. A flow that
 * refers to itself is a cycle too: CloudFormation cannot create a resource that needs its own ARN.
 *
 * @param referencesOf where to get each flow's references (the linter passes its cache)
 */
export function findCycles(flows: readonly LoadedFlow[], referencesOf: (flow: LoadedFlow) => readonly FlowReference[] = (f) => findReferences(f.content)): FlowCycle[] {
  const edges = new Map<string, FlowDependency[]>();
  for (const flow of flows) edges.set(flow.name, []);
  for (const flow of flows) edges.set(flow.name, flowDependencies(flow, referencesOf(flow)).filter((d) => edges.has(d.to)));

  // Tarjan's strongly connected components.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  const connect = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const { to } of edges.get(v)!) {
      if (!index.has(to)) {
        connect(to);
        low.set(v, Math.min(low.get(v)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(v, Math.min(low.get(v)!, index.get(to)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      groups.push(group);
    }
  };
  for (const name of [...edges.keys()].sort()) if (!index.has(name)) connect(name);

  const cycles: FlowCycle[] = [];
  for (const group of groups) {
    const members = new Set(group);
    const start = [...group].sort()[0];
    if (group.length === 1 && !edges.get(start)!.some((d) => d.to === start)) continue;
    // Shortest way back to the start inside the group (breadth-first).
    const previous = new Map<string, { from: string; actionId?: string }>();
    const queue = [start];
    let found = false;
    while (queue.length > 0 && !found) {
      const v = queue.shift()!;
      for (const d of edges.get(v)!) {
        if (!members.has(d.to)) continue;
        if (d.to === start) {
          previous.set(`${start}#end`, { from: v, actionId: d.actionId });
          found = true;
          break;
        }
        if (!previous.has(d.to)) {
          previous.set(d.to, { from: v, actionId: d.actionId });
          queue.push(d.to);
        }
      }
    }
    const names: string[] = [];
    const actionIds: (string | undefined)[] = [];
    let step = previous.get(`${start}#end`)!;
    for (;;) {
      names.unshift(step.from);
      actionIds.unshift(step.actionId);
      if (step.from === start) break;
      step = previous.get(step.from)!;
    }
    cycles.push({ names, actionIds });
  }
  return cycles.sort((a, b) => a.names[0].localeCompare(b.names[0]));
}

/**
 * `flows` ordered so that every flow comes after the flows and modules it refers to: the order
 * to create them in, so that each `${flow:…}` can resolve to an already created flow's ARN.
 * Ties keep the given order.
 *
 * @throws FlowError if references form a cycle
 */
export function flowOrder(flows: readonly LoadedFlow[]): LoadedFlow[] {
  const cycles = findCycles(flows);
  if (cycles.length > 0) {
    throw new FlowError(
      cycles.map((cycle) => ({
        file: flows.find((f) => f.name === cycle.names[0])!.file,
        actionId: cycle.actionIds[0],
        ruleId: 'reference-cycle',
        severity: 'error',
        message: describeCycle(cycle),
      })),
    );
  }
  const byName = new Map(flows.map((f) => [f.name, f]));
  const done = new Set<string>();
  const out: LoadedFlow[] = [];
  const visit = (flow: LoadedFlow) => {
    if (done.has(flow.name)) return;
    done.add(flow.name);
    for (const d of flowDependencies(flow)) {
      const target = byName.get(d.to);
      if (target) visit(target);
    }
    out.push(flow);
  };
  flows.forEach(visit);
  return out;
}

/** The message for a cycle. */
export function describeCycle(cycle: FlowCycle): string {
  const path = [...cycle.names, cycle.names[0]].join(' → ');
  return cycle.names.length === 1
    ? `flow ${cycle.names[0]} refers to itself (${path}): CloudFormation cannot create a flow that needs its own ARN`
    : `flows refer to each other in a cycle (${path}): CloudFormation cannot create them; break the cycle, e.g. by setting the target at run time from a contact attribute`;
}
