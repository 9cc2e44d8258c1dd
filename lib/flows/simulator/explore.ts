import { FALLBACK_INTENT_NAME } from '../../bots/schema';
import { branchLabel } from './actions';
import { transitionKey } from './coverage';
import { cloneState, current, follow, newCall, step } from './engine';
import type { CallSetup, Taken } from './engine';
import { suitsLanguage } from './language';
import type { Answer, Outcome, Request, SimFlow, SimState, SimWorld } from './types';
import { UNKNOWN } from './types';
import { ANY_KEY, pathKeys } from './values';
import { entryFlows } from './world';
import { liveData, reachableLoops } from './liveness';

/**
 * The exhaustive path explorer: every path through every entry flow, nothing deployed. Where a
 * scripted call gets one answer, the explorer tries them all: every menu option, no input and
 * a wrong key; every bot intent, the fallback, silence and a bot failure; a function's success
 * (its answer unknown, so every comparison on it branches), error and timeout; open and closed
 * hours; every metric branch; the agent answering, holding, transferring, hanging up. On top,
 * each path may take one injected fault: any declared error branch of any action.
 *
 * Paths are counted, not listed: states that are the same (same flow, action, attributes, loop
 * counters…) are explored once and their path count reused. A path is a problem when it
 *  - disconnects the caller after an error branch with no message heard since (stranded);
 *  - reaches a missing transition, or an action the simulator cannot run;
 *  - loops back to a state it has been in without passing a point where the caller waits for
 *    an agent (unbounded loop);
 *  - lets a caller whose language is Spanish hear a prompt in English.
 */

/** What kind of problem a path has. */
export type ProblemKind = 'silent-disconnect' | 'missing-transition' | 'unbounded-loop' | 'wrong-language' | 'stopped';

/** A problem path: the first one found for that problem. */
export interface PathProblem {
  readonly kind: ProblemKind;
  readonly entry: string;
  readonly message: string;
  /** The transitions leading to it (the last 40). */
  readonly path: readonly string[];
}

/** Options of {@link explore}. */
export interface ExploreOptions {
  /** Injected faults per path. @default 1 */
  readonly maxFaults?: number;
  /** Abort beyond this many distinct states. @default 2_000_000 */
  readonly maxStates?: number;
}

/** The result for one entry (flow, channel and starting language). */
export interface EntryReport {
  readonly flow: string;
  readonly channel: string;
  readonly language?: string;
  readonly paths: number;
  readonly states: number;
  readonly problems: number;
}

/** What {@link explore} found. */
export interface ExploreReport {
  readonly entries: readonly EntryReport[];
  readonly problems: readonly PathProblem[];
  /** Transition keys (see coverage.ts) some path takes. */
  readonly reachable: ReadonlySet<string>;
  readonly paths: number;
  readonly states: number;
  readonly actions: number;
}

/** Errors that are natural outcomes of an action, not faults to inject. */
const NATURAL = new Set(['NoMatchingCondition', 'InputTimeLimitExceeded', 'TimeLimitExceeded']);

/** Actions whose errors only mean a prompt or voice could not be used. */
const QUIET_FAULTS = new Set(['MessageParticipant', 'MessageParticipantIteratively', 'UpdateContactTextToSpeechVoice']);


/** What a set of flows compares: attribute names, and the other JSONPath roots. */
interface Compared {
  readonly attributes: ReadonlySet<string>;
  readonly roots: ReadonlySet<string>;
}

function comparedIn(flows: Iterable<SimFlow>): Compared {
  const attributes = new Set<string>(['language']);
  const roots = new Set<string>();
  for (const flow of flows) {
    for (const action of flow.actions.values()) {
      const value = action.Parameters.ComparisonValue;
      if (typeof value !== 'string') continue;
      const keys = pathKeys(value);
      if (!keys) continue;
      if (keys[0] === 'Attributes' && keys[1]) attributes.add(keys[1]);
      else roots.add(keys[0]);
    }
  }
  return { attributes, roots };
}

/**
 * What decides the rest of a call: its position, and the contact data some flow still compares.
 * Data no flow compares (survey answers, a case number only passed to a function) cannot change
 * a path, so states that differ only there are one state. In the disconnect flow only what that
 * flow compares counts: the rest of the call is over.
 */
/** What of the contact's data a state's identity includes at one action. */
interface KeySpec {
  readonly attributes: readonly string[];
  /** Each attribute's short label in a key (`\u0002<n>=`), in the order of `attributes`. */
  readonly labels: readonly string[];
  readonly roots: ReadonlySet<string>;
}

/**
 * Short labels for names in state keys, one per distinct name: a key stays as distinguishing as
 * with the names spelled out, and shorter keys are cheaper to build and hash. `\u0002` cannot
 * start a name in a flow, so a label never equals a name spelled out.
 */
const labelIds = new Map<string, string>();

function labelOf(name: string): string {
  let label = labelIds.get(name);
  if (label === undefined) {
    label = `\u0002${labelIds.size}`;
    labelIds.set(name, label);
  }
  return label;
}

function keySpec(attributes: Iterable<string>, roots: ReadonlySet<string>): KeySpec {
  const sorted = [...attributes].sort();
  return { attributes: sorted, labels: sorted.map((a) => `${labelOf(`a:${a}`)}=`), roots };
}

const specs = new WeakMap<ReadonlySet<string>, KeySpec>();

function specOf(live: ReadonlySet<string>): KeySpec {
  let spec = specs.get(live);
  if (!spec) {
    const attributes = new Set(['language']);
    const roots = new Set<string>();
    for (const item of live) {
      if (item.startsWith('Attributes.')) attributes.add(item.slice(11));
      else roots.add(item);
    }
    spec = keySpec(attributes, roots);
    specs.set(live, spec);
  }
  return spec;
}

function scopeSpec(scope: Compared): KeySpec {
  return keySpec(scope.attributes, scope.roots);
}

/** A value in a state key: unknown and absent values cannot collide with strings. */
const v = (x: unknown): string => (x === UNKNOWN ? '\u0000?' : x === undefined ? '\u0000-' : String(x));

/**
 * The pieces of the key being built. The key is joined once from the strings the state already
 * holds: concatenating piece by piece would leave a rope of intermediate strings per state for
 * the collector, and the map would flatten it again to hash it.
 */
const parts: string[] = [];

/** Appends a record, in insertion order: `name=value;` per entry. */
function pushRecord(map: Readonly<Record<string, unknown>>): void {
  for (const k in map) parts.push(k, '=', v(map[k]), ';');
}

function stateKey(s: SimState, scopes: Scopes): string {
  const top = s.stack[s.stack.length - 1];
  let spec: KeySpec | undefined;
  if (top && s.stack.length === 1) {
    const live = (s.phase === 'disconnect-flow' ? scopes.liveLast : scopes.live).get(top.flow)?.get(top.action);
    if (live) spec = specOf(live);
  }
  if (!spec) {
    if (s.phase === 'disconnect-flow' && top) spec = scopes.specs.get(top.flow) ?? scopes.allSpec;
    else if (s.phase === 'inbound' && s.pending === undefined) spec = scopes.allSpec;
    else if (s.agentSteps > 0 && (s.pending === 'connected' || s.phase === 'hold')) spec = scopes.afterAgentSpec;
    else spec = scopes.downstreamSpec;
  }
  const everything = spec === scopes.allSpec;
  const roots = spec.roots;
  parts.length = 0;
  parts.push(s.phase, '|', s.channel, '|', s.languageCode, '|');
  const { attributes, labels } = spec;
  for (let i = 0; i < attributes.length; i++) {
    const value = s.attributes[attributes[i]];
    if (value !== undefined) parts.push(labels[i], value === UNKNOWN ? '\u0000?' : value, ';');
  }
  parts.push('|');
  for (const f of s.stack) {
    const known = scopes.frames.get(f.flow)?.get(f.action);
    const loops = known ? known.loops : scopes.loops.get(f.flow)?.get(f.action);
    if (known) parts.push(known.label);
    else parts.push('\u0001', f.flow, '/', f.action, '[');
    for (const id in f.loops) if (f.loops[id] > 0 && loops?.has(id)) parts.push(id, '=', String(f.loops[id]), ';');
    parts.push(']');
    pushRecord(f.flowAttributes);
    parts.push('>');
  }
  parts.push('|');
  if (everything || roots.has('External')) pushRecord(s.external);
  parts.push('|');
  if (everything || roots.has('Lex')) {
    parts.push(v(s.lex.intent), ':');
    pushRecord(s.lex.sessionAttributes);
  }
  parts.push('|');
  if (everything || roots.has('Metrics')) pushRecord(s.metrics);
  parts.push('|', everything || roots.has('StoredCustomerInput') ? v(s.storedInput) : '', '|', s.silentError !== undefined ? 'true' : 'false', '|', String(s.faultsUsed));
  // In the disconnect flow the rest of the call is over: queue, hooks and agent no longer matter.
  if (s.phase !== 'disconnect-flow') {
    parts.push('|', v(s.pending), '|', v(s.targetQueue), '|', String(s.queuePriority), '|', v(s.callbackNumber), '|');
    pushRecord(s.hooks);
    parts.push('|', String(s.agentSteps));
  }
  return parts.join('');
}

/**
 * What each part of a call can still compare. While the entry flow runs, everything any flow
 * compares; once the contact has left it (queue, whispers, agent), only what the flows after it
 * compare; once the agent can do nothing more but hang up, only what the hold and disconnect
 * flows compare; in the disconnect flow, only what it compares.
 */
interface Scopes {
  readonly all: Compared;
  readonly downstream: Compared;
  readonly afterAgent: Compared;
  readonly byFlow: ReadonlyMap<string, Compared>;
  /** Live data by flow and action, for a flow after which the downstream flows may run. */
  readonly live: ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>;
  /** Live data by flow and action, for the disconnect flow (nothing runs after it). */
  readonly liveLast: ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>;
  readonly allSpec: KeySpec;
  readonly downstreamSpec: KeySpec;
  readonly afterAgentSpec: KeySpec;
  readonly specs: ReadonlyMap<string, KeySpec>;
  /** Loop actions reachable by flow and action. */
  readonly loops: ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>;
  /** Per flow and action: its short label in a key (`\u0002<n>[`) and its reachable loops. */
  readonly frames: ReadonlyMap<string, ReadonlyMap<string, FrameKey>>;
}

interface FrameKey {
  readonly label: string;
  readonly loops: ReadonlySet<string> | undefined;
}

const itemsOf = (c: Compared) => new Set<string>([...[...c.attributes].map((a) => `Attributes.${a}`), ...c.roots]);

const scopeCache = new WeakMap<SimWorld, Scopes>();

function scopesOf(world: SimWorld): Scopes {
  const cached = scopeCache.get(world);
  if (cached) return cached;
  const scopes = computeScopes(world);
  scopeCache.set(world, scopes);
  return scopes;
}

/** Each action of `flow` with its short label in a key and its reachable loops. */
function frameKeys(flow: SimFlow, loops: ReadonlyMap<string, ReadonlySet<string>> | undefined): ReadonlyMap<string, FrameKey> {
  return new Map([...flow.actions.keys()].map((action) => [action, { label: `${labelOf(`f:${flow.name}\u0000${action}`)}[`, loops: loops?.get(action) }]));
}

function computeScopes(world: SimWorld): Scopes {
  const entries = new Set(entryFlows(world));
  const flows = [...world.flows.values()];
  const downstream = comparedIn(flows.filter((f) => !entries.has(f.name)));
  const exit = itemsOf(downstream);
  const all = comparedIn(flows);
  const loops = new Map(flows.map((f) => [f.name, reachableLoops(f)]));
  const afterAgent = comparedIn(flows.filter((f) => f.type === 'CUSTOMER_HOLD' || (f.type === 'CONTACT_FLOW' && !entries.has(f.name))));
  const byFlow = new Map(flows.map((f) => [f.name, comparedIn([f])]));
  return {
    allSpec: scopeSpec(all),
    downstreamSpec: scopeSpec(downstream),
    afterAgentSpec: scopeSpec(afterAgent),
    specs: new Map([...byFlow].map(([name, compared]) => [name, scopeSpec(compared)])),
    // Entry flows hand on only the language (abstractAfterEntry); the flows after them all they compare.
    live: new Map(flows.map((f) => [f.name, liveData(f, entries.has(f.name) ? new Set(['Attributes.language']) : exit)])),
    liveLast: new Map(flows.map((f) => [f.name, liveData(f, new Set())])),
    loops,
    frames: new Map(flows.map((f) => [f.name, frameKeys(f, loops.get(f.name))])),
    all,
    downstream,
    afterAgent,
    byFlow,
  };
}

const unknownMap = () => ({ [ANY_KEY]: UNKNOWN }) as Record<string, typeof UNKNOWN>;

/** Every answer the world may give to a request. */
function answersTo(world: SimWorld, state: SimState, request: Request): Answer[] {
  const here = current(world, state);
  const conditionCount = here?.action.Transitions.Conditions?.length ?? 0;
  switch (request.kind) {
    case 'dtmf':
      if (request.store) return [{ kind: 'digits', value: UNKNOWN }, { kind: 'timeout' }];
      return [...Array.from({ length: conditionCount }, (_v, i): Answer => ({ kind: 'choice', index: i })), { kind: 'choice', index: -1 }, { kind: 'timeout' }];
    case 'lambda':
      return [{ kind: 'lambda-ok', values: unknownMap() }, { kind: 'error', cause: 'the function failed' }, { kind: 'timeout' }];
    case 'lex': {
      const bot = world.bots.get(request.bot);
      const intents = [...(bot?.intents.map((i) => i.name) ?? []), FALLBACK_INTENT_NAME];
      const result = (intent: string, st: 'Fulfilled' | 'Failed'): Answer => ({ kind: 'lex-result', intent, state: st, sessionAttributes: unknownMap(), slots: unknownMap(), messages: [{ text: UNKNOWN }] });
      return [...intents.map((i) => result(i, 'Fulfilled')), result(FALLBACK_INTENT_NAME, 'Failed'), { kind: 'timeout' }, { kind: 'error', cause: 'the bot failed' }];
    }
    case 'hold':
      return state.phase === 'hold' ? [{ kind: 'agent-answers' }] : [{ kind: 'interrupted' }, { kind: 'agent-answers' }];
    case 'queue-wait':
      return [{ kind: 'agent-answers' }, { kind: 'leave' }];
    case 'agent': {
      const moves: Answer[] = [{ kind: 'agent-move', move: 'hang-up' }, { kind: 'agent-move', move: 'caller-hangs-up' }];
      if (state.agentSteps < 1) {
        // Transfers are not followed from here: each queue-transfer flow is explored as an entry.
        moves.push({ kind: 'agent-move', move: 'hold' });
      }
      return moves;
    }
    case 'percent':
      return [...Array.from({ length: conditionCount + 1 }, (_v, i): Answer => ({ kind: 'choice', index: i }))];
    case 'wait':
      return [{ kind: 'waited' }];
    case 'branch':
      return request.options.map((_o, i): Answer => ({ kind: 'choice', index: i }));
  }
}

/**
 * Once the contact leaves its entry flow, the flows after it (queue, whispers, hold, survey)
 * see the attributes it set as unknown, except the caller's language: every branch they have
 * on them is then explored once, not once per combination of values the entry flow produced.
 * This explores a superset of the real paths (sound for the checks), in far fewer states.
 */
function abstractAfterEntry(s: SimState): void {
  for (const key of Object.keys(s.attributes)) if (key !== 'language') s.attributes[key] = UNKNOWN;
  s.external = {};
  s.lex = { sessionAttributes: {}, slots: {} };
  s.storedInput = undefined;
}

/** Explores every path from each entry. */
export function explore(world: SimWorld, entries: readonly CallSetup[], options: ExploreOptions = {}): ExploreReport {
  const maxFaults = options.maxFaults ?? 1;
  const maxStates = options.maxStates ?? 2_000_000;
  const reachable = new Set<string>();
  const problems: PathProblem[] = [];
  const seenProblems = new Set<string>();
  const reports: EntryReport[] = [];
  let totalStates = 0;
  let actions = 0;
  const scopes = scopesOf(world);

  for (const setup of entries) {
    const memo = new Map<string, number>();
    const onStack = new Map<string, number>();
    const waits: boolean[] = [];
    const trail: Array<Taken | string> = [];
    let entryProblems = 0;
    const report = (kind: ProblemKind, message: string) => {
      const id = `${kind}|${message}`;
      if (seenProblems.has(id)) return;
      seenProblems.add(id);
      entryProblems++;
      problems.push({ kind, entry: setup.flow, message, path: trail.slice(-40).map((t) => (typeof t === 'string' ? t : `${t.flow}/${t.action} → ${t.label}`)) });
    };

    const checkPrompts = (s: SimState) => {
      const chosen = s.attributes.language;
      if (typeof chosen !== 'string' || !chosen.startsWith('es')) return;
      for (const e of s.events) {
        if (e.kind === 'prompt' && e.audience === 'caller' && !suitsLanguage(e.language, chosen)) report('wrong-language', `${e.flow}/${e.action}: a caller who chose ${chosen} hears English: "${e.text.slice(0, 80)}"`);
      }
    };

    const checkEnd = (s: SimState) => {
      const end = s.end!;
      if (end.kind === 'disconnected' && end.silentError) {
        report('silent-disconnect', `${end.flow}/${end.action} disconnects the caller after ${end.silentError.flow}/${end.silentError.action} took ${end.silentError.errorType}, with no message since`);
      } else if (end.kind === 'stopped') report(end.reason.startsWith('missing transition') ? 'missing-transition' : 'stopped', end.reason);
    };

    /** The outcomes of the current step, each on its own copy of the state. */
    const expand = (state: SimState): { forks: Array<{ s: SimState; o: Outcome }>; waitPoint: boolean } => {
      const forks: Array<{ s: SimState; o: Outcome }> = [];
      const s = cloneState(state);
      const result = step(world, s);
      let waitPoint = false;
      if ('ask' in result) {
        waitPoint = result.ask.kind === 'queue-wait' || (result.ask.kind === 'hold' && s.phase !== 'hold');
        const answers = answersTo(world, s, result.ask);
        answers.forEach((answer, i) => {
          // The last answer takes the step's own copy; the others get theirs.
          const s2 = i === answers.length - 1 ? s : cloneState(s);
          forks.push({ s: s2, o: answer.kind === 'leave' ? { end: 'leave' } : result.resume(answer, s2) });
        });
      } else forks.push({ s, o: result });
      const here = current(world, state);
      // Prompts of fixed text are not failed on purpose: a prompt that cannot play cannot be
      // replaced by another one, so the flows route their errors to the same next action.
      if (here && state.faultsUsed < maxFaults && !QUIET_FAULTS.has(here.action.Type)) {
        const errors = here.action.Transitions.Errors;
        const natural = errors?.length ? new Set(forks.map((f) => ('branch' in f.o ? branchLabel(f.o.branch) : ''))) : undefined;
        for (const e of errors ?? []) {
          if (NATURAL.has(e.ErrorType) || natural!.has(`error:${e.ErrorType}`)) continue;
          const s3 = cloneState(state);
          s3.faultsUsed++;
          s3.steps++;
          forks.push({ s: s3, o: { branch: { kind: 'error', errorType: e.ErrorType }, cause: 'injected fault' } });
        }
      }
      return { forks, waitPoint };
    };

    const visit = (state: SimState): number => {
      const key = stateKey(state, scopes);
      const known = memo.get(key);
      if (known !== undefined) return known;
      const depth = onStack.get(key);
      if (depth !== undefined) {
        if (!waits.slice(depth).some(Boolean)) {
          const here = current(world, state);
          report('unbounded-loop', `${here ? `${here.flow.name}/${here.action.Identifier}` : state.pending ?? 'the call'} is reached again in the same state, with no wait for an agent in between: the caller loops without end`);
        }
        return 1;
      }
      if (memo.size > maxStates) throw new Error(`explore: more than ${maxStates} distinct states from ${setup.flow}; the flows branch too much to enumerate`);
      const { forks, waitPoint } = expand(state);
      const wasInbound = state.phase === 'inbound' && state.pending === undefined;
      onStack.set(key, waits.length);
      waits.push(waitPoint);
      let paths = 0;
      for (const { s, o } of forks) {
        actions++;
        const taken = follow(world, s, o);
        const label: Taken | string = taken ?? ('end' in o ? o.end : '');
        if (taken) reachable.add(transitionKey(taken.flow, taken.action, taken.label));
        trail.push(label);
        if (wasInbound && s.phase !== 'inbound' && !s.end) abstractAfterEntry(s);
        checkPrompts(s);
        s.events = [];
        if (s.end) {
          checkEnd(s);
          paths += 1;
        } else paths += visit(s);
        trail.pop();
      }
      waits.pop();
      onStack.delete(key);
      memo.set(key, paths);
      return paths;
    };

    const root = newCall(world, setup);
    root.events = [];
    const paths = visit(root);
    totalStates += memo.size;
    reports.push({ flow: setup.flow, channel: setup.channel ?? 'VOICE', language: setup.attributes?.language, paths, states: memo.size, problems: entryProblems });
  }
  return { entries: reports, problems, reachable, paths: reports.reduce((n, r) => n + r.paths, 0), states: totalStates, actions };
}
