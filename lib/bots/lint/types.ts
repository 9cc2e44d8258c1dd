import type { BotDefinition, LexLocale } from '../schema';

/** How bad a finding is: errors fail synthesis and `gcck lint-bots`; warnings do not (unless `--strict`). */
export type Severity = 'error' | 'warning';

/** One problem the bot lint found. */
export interface BotFinding {
  /** The bot definition file, as shown to the user. */
  readonly file: string;
  /** Key path in the file, e.g. `intents[2].utterances.es_US`. */
  readonly path: string;
  /** The locale concerned, if any. */
  readonly locale?: LexLocale;
  /** The intent concerned, if any. */
  readonly intent?: string;
  /** The rule that found it, e.g. `intent-parity`. */
  readonly ruleId: string;
  /** Error or warning. */
  readonly severity: Severity;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

/** What a rule gets besides the definition. */
export interface LintContext {
  /** The file, as shown in findings. */
  readonly file: string;
  /** Lex locales available in the target region. */
  readonly allowedLocales: readonly string[];
  /** The region, for messages. */
  readonly region: string;
  /** Fewest sample utterances per intent and locale before a warning. */
  readonly minUtterances: number;
}

/** A finding before the file is attached. */
export type RuleFinding = Omit<BotFinding, 'file' | 'ruleId' | 'severity'> & { readonly severity?: Severity };

/** One lint rule (one rule per file in lib/bots/lint/). */
export interface BotLintRule {
  /** Stable id, shown in findings and used in tests. */
  readonly id: string;
  /** Severity of the rule's findings unless a finding says otherwise. */
  readonly severity: Severity;
  /** One line describing what the rule checks. */
  readonly description: string;
  /** Checks a definition. */
  check(definition: BotDefinition, context: LintContext): RuleFinding[];
}
