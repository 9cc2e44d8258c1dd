import { oncePerObject } from '../memo';
import { findReferences, FlowReference, ReferenceKind } from '../references';
import type { Action, Finding, FlowDocument, LoadedFlow, Severity } from '../types';

/** Known names per reference kind. A kind left out accepts any name (its syntax is still checked). */
export type KnownNames = { readonly [K in ReferenceKind]?: readonly string[] };

/** What the linter knows about the world the flows deploy into. */
export interface LintContext {
  /**
   * Names each reference kind may use: the app passes its queues, functions, bots and flows;
   * the CLI derives them from a jurisdiction config (lib/flows/context.ts).
   * @default - any name of a known kind (lenient mode)
   */
  readonly names?: KnownNames;
  /** Values of `${config:…}` references, for the content size estimate. @default - 100 characters each */
  readonly configValues?: Readonly<Record<string, string>>;
  /** Region the flows deploy to: decides which actions are available. @default 'us-gov-west-1' */
  readonly region?: string;
  /** Partition the flows deploy to: of the fake ARNs used to estimate content size, and the only one a literal ARN may name. @default 'aws-us-gov' */
  readonly partition?: string;
  /** Account the flows deploy to: a literal ARN of another account can never resolve. @default - any account */
  readonly account?: string;
  /** Whether the app keeps or strips Metadata (see `ResolveOptions.metadata`); counts toward size. @default 'keep' */
  readonly metadata?: 'keep' | 'strip';
  /**
   * Contact attributes flows may set besides the caller-context contract (config `flows.attributes`).
   * @default - only the contract's (lib/flows/attribute-contract.ts)
   */
  readonly attributes?: readonly string[];
  /** The rules to run. @default RULES (every rule) */
  readonly rules?: readonly LintRule[];
}

/** What a rule sees: the flows, the loader's findings and shared, cached analyses. */
export interface RuleContext {
  readonly flows: readonly LoadedFlow[];
  /** Findings of the loader (`invalid-json`, `flow-file`). */
  readonly loadFindings: readonly Finding[];
  readonly context: LintContext;
  /** Flows by reference name. */
  readonly byName: ReadonlyMap<string, LoadedFlow>;
  /** Every `${…}` in the flow (cached). */
  references(flow: LoadedFlow): readonly FlowReference[];
  /** Identifiers of the actions reachable from StartAction (cached). */
  reachable(flow: LoadedFlow): ReadonlySet<string>;
}

/** One lint rule: one file in lib/flows/lint/rules/, one failing fixture in test/fixtures/flows/. */
export interface LintRule {
  /** Kebab-case id, shown with every finding. */
  readonly id: string;
  /** One sentence: what the rule checks and why. */
  readonly description: string;
  check(ctx: RuleContext): Finding[];
}

/** What a check of one flow may read besides the flow: analyses of that flow's own content. */
export type FlowFacts = Pick<RuleContext, 'references' | 'reachable'>;

/** A rule whose findings for a flow depend on that flow alone: see {@link flowRule}. */
export interface FlowRuleSpec {
  /** Kebab-case id, shown with every finding. */
  readonly id: string;
  /** One sentence: what the rule checks and why. */
  readonly description: string;
  /** The findings of one flow, from the flow (its file, name, type, content) and its facts only. */
  checkFlow(flow: LoadedFlow, facts: FlowFacts): Finding[];
}

/** The content analyses a per-flow check gets: memoized by document, independent of any lint run. */
const FLOW_FACTS: FlowFacts = {
  references: (flow) => findReferences(flow.content),
  reachable: (flow) => reachableActions(flow.content),
};

/**
 * A lint rule from a check of one flow at a time whose findings depend on nothing but that flow
 * (not the lint context, not the other flows: the check cannot see them). Each flow's findings
 * are found once and reused by every later lint run given the same flow, as the jurisdictions
 * of one synthesis are (they share the flow files read, SourceCache); the findings come in the
 * order of the run's flows, as a loop over them would give.
 */
export function flowRule(spec: FlowRuleSpec): LintRule {
  const of = oncePerObject((flow: LoadedFlow): readonly Finding[] => Object.freeze(spec.checkFlow(flow, FLOW_FACTS).map((f) => Object.freeze(f))));
  return { id: spec.id, description: spec.description, check: (ctx) => ctx.flows.flatMap(of) };
}

/** Every target an action can go to, with what leads there. */
export function targets(action: Action): Array<{ to: string; via: string }> {
  const out: Array<{ to: string; via: string }> = [];
  const t = action.Transitions;
  if (t.NextAction !== undefined) out.push({ to: t.NextAction, via: 'NextAction' });
  for (const e of t.Errors ?? []) out.push({ to: e.NextAction, via: `error ${e.ErrorType}` });
  for (const c of t.Conditions ?? []) out.push({ to: c.NextAction, via: `condition ${c.Condition.Operator} ${c.Condition.Operands.join(', ')}` });
  return out;
}

/** A finding about `flow`. */
export function finding(flow: LoadedFlow, ruleId: string, severity: Severity, message: string, actionId?: string): Finding {
  return actionId === undefined ? { file: flow.file, ruleId, severity, message } : { file: flow.file, actionId, ruleId, severity, message };
}

/**
 * The actions reachable from StartAction, found once per document (see oncePerObject): it
 * depends on the document alone, so every jurisdiction linting the same shared flow file reuses it.
 */
const reachableActions = oncePerObject((doc: FlowDocument): ReadonlySet<string> => {
  const byId = new Map<string, Action>();
  for (const a of doc.Actions) if (!byId.has(a.Identifier)) byId.set(a.Identifier, a);
  const visited = new Set<string>();
  const stack = byId.has(doc.StartAction) ? [doc.StartAction] : [];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (visited.has(id)) continue;
    visited.add(id);
    for (const { to } of targets(byId.get(id)!)) if (byId.has(to) && !visited.has(to)) stack.push(to);
  }
  return visited;
});

/** Builds the shared context of one lint run. */
export function ruleContext(flows: readonly LoadedFlow[], loadFindings: readonly Finding[], context: LintContext): RuleContext {
  return {
    flows,
    loadFindings,
    context,
    byName: new Map(flows.map((f) => [f.name, f])),
    ...FLOW_FACTS,
  };
}
