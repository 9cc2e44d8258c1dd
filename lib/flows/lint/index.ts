import type { FlowSet } from '../loader';
import type { Finding, LoadedFlow } from '../types';
import { LintContext, LintRule, ruleContext } from './rule';
import { attributeContract } from './rules/attribute-contract';
import { contentSize } from './rules/content-size';
import { deadEnd } from './rules/dead-end';
import { duplicateIdentifier } from './rules/duplicate-identifier';
import { flowFile } from './rules/flow-file';
import { flowType } from './rules/flow-type';
import { foreignPlaceholderRule } from './rules/foreign-placeholder';
import { identifierFormat } from './rules/identifier-format';
import { invalidJson } from './rules/invalid-json';
import { lambdaTimeout } from './rules/lambda-timeout';
import { lexTestAlias } from './rules/lex-test-alias';
import { lexV1Bot } from './rules/lex-v1-bot';
import { literalArn } from './rules/literal-arn';
import { missingTransitionTarget } from './rules/missing-transition-target';
import { parameterCombination } from './rules/parameter-combination';
import { referenceCycle } from './rules/reference-cycle';
import { referenceParameter } from './rules/reference-parameter';
import { regionUnavailable } from './rules/region-unavailable';
import { requiredConditions } from './rules/required-conditions';
import { startAction } from './rules/start-action';
import { unhandledError } from './rules/unhandled-error';
import { unknownActionType } from './rules/unknown-action-type';
import { unknownReference } from './rules/unknown-reference';
import { unreachableAction } from './rules/unreachable-action';
import { unredactedFallback } from './rules/unredacted-fallback';
import { unsetAttribute } from './rules/unset-attribute';
import { unsupportedError } from './rules/unsupported-error';

export type { KnownNames, LintContext, LintRule, RuleContext } from './rule';

/** Every rule, in the order findings are reported within a file. */
export const RULES: readonly LintRule[] = [
  invalidJson,
  flowFile,
  startAction,
  duplicateIdentifier,
  identifierFormat,
  missingTransitionTarget,
  unreachableAction,
  deadEnd,
  unknownActionType,
  requiredConditions,
  unhandledError,
  unsupportedError,
  parameterCombination,
  flowType,
  regionUnavailable,
  unknownReference,
  referenceParameter,
  literalArn,
  foreignPlaceholderRule,
  lambdaTimeout,
  lexTestAlias,
  lexV1Bot,
  unsetAttribute,
  attributeContract,
  unredactedFallback,
  contentSize,
  referenceCycle,
];

const isFlowSet = (value: FlowSet | readonly LoadedFlow[]): value is FlowSet => !Array.isArray(value);

/**
 * Lints flows: runs every rule (or `context.rules`) and returns the findings, grouped by file in
 * the order the files were loaded, then by rule. Given a {@link FlowSet} (what `loadFlows`
 * returns), the loader's findings (`invalid-json`, `flow-file`) are included.
 *
 * @param flows the flows, or the set `loadFlows` returned
 * @param context known names per reference kind, region, … (default: lenient, us-gov-west-1)
 */
export function lintFlows(flows: FlowSet | readonly LoadedFlow[], context: LintContext = {}): Finding[] {
  const [list, loadFindings, files] = isFlowSet(flows) ? [flows.flows, flows.findings, flows.files] : [flows, [], []];
  const ctx = ruleContext(list, loadFindings, context);
  const findings = (context.rules ?? RULES).flatMap((rule) => rule.check(ctx));
  const order = new Map<string, number>();
  for (const file of [...files, ...list.map((f) => f.file)]) if (!order.has(file)) order.set(file, order.size);
  // A stable sort keeps rule order within each file.
  return findings.sort((a, b) => (order.get(a.file) ?? order.size) - (order.get(b.file) ?? order.size));
}

/** Error and warning counts. */
export function countFindings(findings: readonly Finding[]): { errors: number; warnings: number } {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { errors, warnings: findings.length - errors };
}
