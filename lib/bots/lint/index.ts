import type { BotDefinition } from '../schema';
import { duplicateName } from './duplicate-name';
import { duplicateUtterance } from './duplicate-utterance';
import { intentParity } from './intent-parity';
import { localeNotInRegion } from './locale-not-in-region';
import { slotTypePattern } from './slot-type-pattern';
import { slotTypeWithoutValues } from './slot-type-without-values';
import { tooFewUtterances } from './too-few-utterances';
import type { BotFinding, BotLintRule, Severity } from './types';
import { undefinedSlot } from './undefined-slot';
import { undefinedSlotType } from './undefined-slot-type';

export type { BotFinding, BotLintRule, LintContext, Severity } from './types';

/** Every bot lint rule, in the order findings are reported. */
export const BOT_LINT_RULES: readonly BotLintRule[] = [
  localeNotInRegion,
  intentParity,
  duplicateName,
  undefinedSlotType,
  undefinedSlot,
  duplicateUtterance,
  slotTypeWithoutValues,
  slotTypePattern,
  tooFewUtterances,
];

/** The fewest sample utterances per intent and locale before the too-few-utterances warning. */
export const DEFAULT_MIN_UTTERANCES = 5;

/** Options for {@link lintBot}. */
export interface LintBotOptions {
  /** The file, as shown in findings. */
  readonly file: string;
  /** Lex locales available in the target region (`REGION_CAPABILITIES[region].lexLocales`). */
  readonly allowedLocales: readonly string[];
  /** The target region, named in messages. */
  readonly region: string;
  /**
   * Fewest sample utterances per intent and locale before a warning.
   * @default DEFAULT_MIN_UTTERANCES (5)
   */
  readonly minUtterances?: number;
  /**
   * The rules to run.
   * @default BOT_LINT_RULES
   */
  readonly rules?: readonly BotLintRule[];
}

/** Runs the bot lint rules over a validated definition; findings in rule order. */
export function lintBot(definition: BotDefinition, options: LintBotOptions): BotFinding[] {
  const context = { file: options.file, allowedLocales: options.allowedLocales, region: options.region, minUtterances: options.minUtterances ?? DEFAULT_MIN_UTTERANCES };
  const findings: BotFinding[] = [];
  for (const rule of options.rules ?? BOT_LINT_RULES) {
    for (const finding of rule.check(definition, context)) {
      findings.push({ ...finding, file: options.file, ruleId: rule.id, severity: finding.severity ?? rule.severity });
    }
  }
  return findings;
}

/** A finding as a problem line: `<file>: <key path>: <message> [<rule id>]`. */
export function formatFinding(finding: BotFinding): string {
  return `${finding.file}: ${finding.path}: ${finding.message} [${finding.ruleId}]`;
}

/** The findings of one severity. */
export function findingsOf(findings: readonly BotFinding[], severity: Severity): BotFinding[] {
  return findings.filter((f) => f.severity === severity);
}
