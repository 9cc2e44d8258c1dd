/**
 * Contact flows as code: load flow files, resolve `${kind:name}` references, lint, draw.
 *
 * In the app:
 * ```ts
 * const { paths, options } = flowSources(config);
 * const set = loadFlows(paths, options);
 * FlowError.throwIfErrors(lintFlows(set, { names, configValues, region }));
 * for (const flow of flowOrder(set.flows)) {
 *   const content = resolveReferences(flow, table); // table: { queue: Map<name, queue.queueArn>, flow: … }
 *   // new CfnContactFlow(…, { content: Stack.of(this).toJsonString(content), type: flow.type, … })
 * }
 * ```
 */
export * from './types';
export { ACTIONS, ACTION_TYPES, requiredErrors } from './actions';
export type { ActionCategory, ActionFeature, ActionSpec, ConditionRules } from './actions';
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
  flowOrder,
  describeCycle,
} from './references';
export type { FlowCycle, FlowDependency, FlowReference, ReferenceKind, ReferenceResolver, ReferenceTable, ResolveOptions, ResolveResult } from './references';
export { estimatingResolver } from './estimate';
export type { ArnEnvironment } from './estimate';
export { FlowError, formatFinding, failsOn } from './errors';
export { lintFlows, countFindings, RULES } from './lint';
export type { KnownNames, LintContext, LintRule, RuleContext } from './lint';
export { lintContextFor, flowSources, configValues, ROUTES, FLOW_LAMBDAS, KIT_FLOW_FOLDER } from './context';
export { renderMermaid, renderFlowMarkdown, mermaidText } from './diagram';
