/**
 * Contact flows as code: load flow files, resolve `${kind:name}` references, lint, draw.
 *
 * At synth (lib/sources.ts, lib/constructs/contact-flows.ts):
 * ```ts
 * const { paths, options } = flowSources(config);          // contact-flows/ + flows.folders − flows.exclude
 * const set = loadFlows(paths, options);                    // never throws; problems are findings
 * FlowError.throwIfErrors(lintFlows(set, lintContextFor(config, set.flows)));
 * for (const flow of flowOrder(set.flows)) {                // referenced flows first; throws on a cycle
 *   const content = resolveReferences(flow, table, { metadata: 'strip' }); // throws FlowError on an unknown name
 *   // new CfnContactFlow(…, { content: Stack.of(this).toJsonString(content), type: flow.type, … })
 * }
 * ```
 */
export * from './types';
export { ACTIONS, ACTION_TYPES, requiredErrors, conditionRules, unsupportedErrors, parameterProblems, describeAction, endOfPath } from './actions';
export type { ActionCategory, ActionFeature, ActionSpec, ConditionRules, UnsupportedError } from './actions';
export { loadFlows, parseFlowFile, displayPath } from './loader';
export type { FlowSet, LoadFlowsOptions } from './loader';
export {
  REFERENCE_KINDS,
  KIND_NOUNS,
  isReferenceKind,
  findReferences,
  resolveReferences,
  tryResolveReferences,
  flowDependencies,
  findCycles,
  kindOfArn,
  listNames,
  flowOrder,
  describeCycle,
} from './references';
export type { FlowCycle, FlowDependency, FlowReference, ReferenceKind, ReferenceResolver, ReferenceTable, ResolveOptions, ResolveResult } from './references';
export { estimatingResolver } from './estimate';
export type { ArnEnvironment } from './estimate';
export { FlowError, formatFinding } from './errors';
export { lintFlows, countFindings, RULES } from './lint';
export type { KnownNames, LintContext, LintRule, RuleContext } from './lint';
export { lintContextFor, flowSources, configValues, botRoles, BOT_ROLES, BOT_ROLE_DEFAULTS, ROUTES, FLOW_LAMBDAS, KIT_FLOW_FOLDER } from './context';
export { renderMermaid, renderFlowMarkdown, mermaidText } from './diagram';
