/**
 * The offline flow simulator: runs a jurisdiction's resolved flows with its hours, queues,
 * bots and real Lambda handlers, for scripted calls (scenario files), transition coverage and
 * an exhaustive path explorer that proves no caller is stranded. Nothing is deployed; Amazon
 * Connect's own flow-testing APIs are not available in AWS GovCloud.
 *
 * The core (engine, actions, explorer, coverage) is pure: inputs in, data out. `functions.ts`
 * runs the real handlers with the AWS SDK mocked; the CLI commands wrap it (lib/cli/).
 */
export * from './types';
export { buildWorld, entryFlows } from './world';
export { explorationEntries } from './entries';
export { newCall, step, follow, cloneState, MAX_STEPS } from './engine';
export type { CallSetup, Taken } from './engine';
export { HANDLERS, SIMULATED_ACTION_TYPES, unsupportedReason } from './actions';
export { runCall, scenarioSetup, transcript, describeEnd, connectEvent } from './runner';
export type { CallResult, CallScript, FunctionRunner } from './runner';
export { scenarioSchema } from './scenario';
export type { Scenario, ScenarioInput } from './scenario';
export { checkExpectations, diffLines } from './check';
export { explore } from './explore';
export type { ExploreOptions, ExploreReport, PathProblem, ProblemKind, EntryReport } from './explore';
export { coverage, transitionKey, branchesOf, percent } from './coverage';
export type { FlowCoverage } from './coverage';
export { evaluateHours, localTime } from './hours';
export { detectLanguage, stripSsml, suitsLanguage } from './language';
export { matchUtterance, slotValue, normalize } from './lex';
export { holds, OPERATORS } from './compare';
