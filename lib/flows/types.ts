/**
 * Types of the Amazon Connect Flow Language and of the kit's flow files.
 *
 * Flow Language reference: https://docs.aws.amazon.com/connect/latest/APIReference/flow-language.html
 */

/** The only Flow Language version Amazon Connect accepts. */
export const FLOW_LANGUAGE_VERSION = '2019-10-30';

/**
 * Flow types a flow file may declare: the `Type` values of `AWS::Connect::ContactFlow`, plus
 * `MODULE` for a flow module (`AWS::Connect::ContactFlowModule`).
 */
export const FLOW_TYPES = [
  'CONTACT_FLOW',
  'CUSTOMER_QUEUE',
  'CUSTOMER_HOLD',
  'CUSTOMER_WHISPER',
  'AGENT_HOLD',
  'AGENT_WHISPER',
  'OUTBOUND_WHISPER',
  'AGENT_TRANSFER',
  'QUEUE_TRANSFER',
  'MODULE',
] as const;

/** A flow type, or `MODULE` for a flow module. */
export type FlowType = (typeof FLOW_TYPES)[number];

/** One `{Operator, Operands}` test of a condition transition. All operands are strings. */
export interface Condition {
  readonly Operator: string;
  readonly Operands: readonly string[];
}

/** A branch taken when its condition holds. */
export interface ConditionTransition {
  readonly NextAction: string;
  readonly Condition: Condition;
}

/** A branch taken when the action fails with `ErrorType`. */
export interface ErrorTransition {
  readonly ErrorType: string;
  readonly NextAction: string;
}

/** Where an action goes next. Terminal actions have `{}`. */
export interface Transitions {
  /** The success path (for branching actions, exports repeat the no-match target here). */
  readonly NextAction?: string;
  readonly Errors?: readonly ErrorTransition[];
  readonly Conditions?: readonly ConditionTransition[];
}

/** Parameter values: strings, nested objects and lists (numbers and booleans appear in hand-written flows). */
export type ParameterValue = string | number | boolean | null | readonly ParameterValue[] | { readonly [key: string]: ParameterValue };

/** One block of a flow. */
export interface Action {
  /** Unique within the flow; at most 50 characters, none of `% : ( \ / ) = $ , ; [ ] { }`. */
  readonly Identifier: string;
  /** The action type, e.g. `MessageParticipant` (see lib/flows/actions.ts). */
  readonly Type: string;
  readonly Parameters: { readonly [key: string]: ParameterValue };
  readonly Transitions: Transitions;
}

/** A flow in the Amazon Connect Flow Language: what `AWS::Connect::ContactFlow` takes as `Content`. */
export interface FlowDocument {
  readonly Version: typeof FLOW_LANGUAGE_VERSION;
  /** Identifier of the first action. */
  readonly StartAction: string;
  /** Designer layout and display data; Amazon Connect does not execute it. */
  readonly Metadata?: { readonly [key: string]: unknown };
  readonly Actions: readonly Action[];
}

/**
 * How a flow file was written:
 * - `kit`: `{Name, Type, Description, Content: {…}}`, the kit's own format;
 * - `envelope`: `{Name, Type, Description?, Content: "<JSON string>"}` (an export);
 * - `describe`: `{"ContactFlow": {…}}` or `{"ContactFlowModule": {…}}`, the output of
 *   `aws connect describe-contact-flow` / `describe-contact-flow-module`;
 * - `raw`: bare Flow Language (the console's "Export flow"); name, type and description come
 *   from the console's `Metadata.name` / `type` / `description` when present.
 */
export type FlowFileFormat = 'kit' | 'envelope' | 'describe' | 'raw';

/** A flow file that parsed, with its declaration. */
export interface LoadedFlow {
  /** The file, relative to the working directory with `/` separators (as shown in findings). */
  readonly file: string;
  /** Reference name: the file name without `.json`; what `${flow:<name>}` and the config use. */
  readonly name: string;
  /** Name in Amazon Connect (`Name` of the file, or the reference name). */
  readonly displayName: string;
  readonly type: FlowType;
  /**
   * Set when the file declares no type: `inferred` (its actions fit one type) or `unknown`
   * (several fit; {@link LoadedFlow.type} is the first of {@link LoadedFlow.possibleTypes}).
   * @default - the type is declared
   */
  readonly typeInferred?: 'inferred' | 'unknown';
  /** The types an undeclared flow may be; the flow-type rule accepts actions allowed in any. @default - [type] */
  readonly possibleTypes?: readonly FlowType[];
  readonly description: string;
  readonly format: FlowFileFormat;
  /**
   * True for every format but `kit`: an export dropped in. The linter is softer on imported
   * flows (unhandled error types and literal ARNs are warnings, not errors).
   */
  readonly imported: boolean;
  readonly content: FlowDocument;
}

/** How bad a finding is: errors fail synthesis and the lint command; warnings only with `--strict`. */
export type Severity = 'error' | 'warning';

/** One problem found in a flow file. */
export interface Finding {
  /** The file, as in {@link LoadedFlow.file}. */
  readonly file: string;
  /** The action the problem is in, if any. */
  readonly actionId?: string;
  /** The rule that found it (kebab-case), e.g. `unhandled-error`. */
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** 1-based line, for `invalid-json` only. */
  readonly line?: number;
  /** 1-based column, for `invalid-json` only. */
  readonly column?: number;
}
