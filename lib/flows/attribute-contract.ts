/**
 * The caller-context attribute contract: every user-defined contact attribute the kit's flows
 * (and the web chat backend) set, what its values mean, who sets it and whether the agent is
 * shown it. `contact-flows/README.md` ("Contact attributes the flows set") renders this table
 * (test/flows/attribute-contract.spec.ts keeps the two equal), the lint rule
 * `attribute-contract` warns about a flow that sets any other attribute, and the agent view
 * (lib/constructs/agent-context-view.ts) shows the agent-facing ones.
 *
 * Names are part of the contract: contact records, the analytics queries (lib/analytics) and
 * agents' habits read them, so one is never renamed, only added.
 */

/** Who sets an attribute: a kit flow (its reference name) or the web chat backend. */
export type AttributeSetter = 'main-inbound' | 'chat-inbound' | 'customer-queue' | 'post-contact-survey' | 'chat-start';

/** One attribute of the contract. */
export interface ContractAttribute {
  /** The attribute name (`$.Attributes.<name>`). */
  readonly name: string;
  /** What the values are, in words (the README's "Values" column). */
  readonly values: string;
  /** The only values the kit's flows write, when they are a fixed list. @default - free text (read from the caller, the bot or config) */
  readonly allowed?: readonly string[];
  /** Who sets it, in the README's order. */
  readonly setBy: readonly AttributeSetter[];
  /** The label the agent reads next to the value, when the agent is shown it. @default - not shown to the agent (routing, reporting or survey data) */
  readonly agentLabel?: string;
}

/** Case status codes the bot reads from the case table, plus `NOT_FOUND` (lambdas/lex-fulfillment/messages.ts). */
export const CASE_STATUS_VALUES = ['RECEIVED', 'IN_REVIEW', 'APPROVED', 'DENIED', 'NEEDS_INFO', 'NOT_FOUND'] as const;

/** Results of caller verification (`verification`). */
export const VERIFICATION_VALUES = ['NOT_ATTEMPTED', 'SKIPPED', 'VERIFIED', 'FAILED', 'LOCKED', 'INVALID_INPUT', 'UNAVAILABLE'] as const;

/** How self-service ended (`selfServiceExit`), when it did not end with the caller asking the bot for an agent. */
export const SELF_SERVICE_EXIT_VALUES = ['AGENT_KEY', 'BOT_HANDOFF', 'BOT_ERROR', 'ROUNDS_USED', 'WEB_TOPIC'] as const;

/** The contract, in the order the README lists it and the agent view shows it. */
export const ATTRIBUTE_CONTRACT: readonly ContractAttribute[] = [
  { name: 'language', values: '`en-US`, `es-US`', allowed: ['en-US', 'es-US'], setBy: ['main-inbound', 'chat-inbound', 'chat-start'], agentLabel: 'Language' },
  { name: 'verification', values: VERIFICATION_VALUES.map((v) => `\`${v}\``).join(', '), allowed: VERIFICATION_VALUES, setBy: ['main-inbound', 'chat-inbound'], agentLabel: 'Identity verification' },
  { name: 'caseNumber', values: 'the case number the caller gave the bot (normalized)', setBy: ['main-inbound', 'chat-inbound'], agentLabel: 'Case number' },
  { name: 'caseStatus', values: `${CASE_STATUS_VALUES.map((v) => `\`${v}\``).join(', ')} (what the bot read the caller)`, allowed: CASE_STATUS_VALUES, setBy: ['main-inbound', 'chat-inbound'], agentLabel: 'Case status' },
  { name: 'intents', values: 'the bot intents the caller went through, in order, comma-separated (e.g. `CheckCaseStatus,OfficeHoursAndLocations,SpeakToAgent`)', setBy: ['main-inbound', 'chat-inbound'], agentLabel: 'Self-service path' },
  { name: 'intent', values: 'the last Lex intent, `Unknown` when the bot failed', setBy: ['main-inbound', 'chat-inbound'], agentLabel: 'Reason for contact' },
  { name: 'problemType', values: 'the kind of problem the caller reported to the bot', setBy: ['main-inbound', 'chat-inbound'], agentLabel: 'Problem reported' },
  {
    name: 'selfServiceExit',
    values: '`AGENT_KEY` (pressed 0 for an agent), `BOT_HANDOFF` (the bot could not help), `BOT_ERROR`, `ROUNDS_USED` (wanted more after the last bot round), `WEB_TOPIC` (a web chat topic with its own queue skips the bot); not set when the caller asked the bot for an agent or reported a problem',
    allowed: SELF_SERVICE_EXIT_VALUES,
    setBy: ['main-inbound', 'chat-inbound'],
    agentLabel: 'Self-service ended',
  },
  { name: 'callbackRequested', values: '`true` when the caller asked to be called back (set before the callback contact is created, which carries it)', allowed: ['true'], setBy: ['main-inbound', 'customer-queue'], agentLabel: 'Callback requested' },
  { name: 'hours', values: '`closed` when the contact arrived outside its queue\'s hours (after hours)', allowed: ['closed'], setBy: ['main-inbound', 'chat-inbound'], agentLabel: 'After hours' },
  { name: 'channelSource', values: '`web-chat`', allowed: ['web-chat'], setBy: ['chat-start'], agentLabel: 'Chat source' },
  { name: 'topic', values: 'a `chat.topics[].id` of the config', setBy: ['chat-start'], agentLabel: 'Chat topic' },
  { name: 'page', values: 'the path of the page the chat started on (no query or fragment, at most 200 characters)', setBy: ['chat-start'], agentLabel: 'Web page' },
  { name: 'topicQueue', values: 'the topic\'s queue ARN (absent when the topic routes by language)', setBy: ['chat-start'] },
  { name: 'languages', values: 'the jurisdiction\'s languages, e.g. `en-US,es-US`', setBy: ['main-inbound', 'chat-inbound'] },
  { name: 'agentView', values: '`on`, `off` (config `agentView.enabled`: whether the flows pop the caller-context view)', allowed: ['on', 'off'], setBy: ['main-inbound', 'chat-inbound'] },
  { name: 'followUpFlowId', values: 'ARN of the follow-up task flow (only with `followUp.enabled`; a failed callback starts a task there)', setBy: ['main-inbound'] },
  { name: 'redaction', values: '`FAILED` (only set when Contact Lens redaction could not be set up)', allowed: ['FAILED'], setBy: ['main-inbound', 'chat-inbound'] },
  { name: 'surveySatisfaction', values: '`1` to `5`, empty when skipped', allowed: ['', '1', '2', '3', '4', '5'], setBy: ['post-contact-survey'] },
  { name: 'surveyTrust', values: '`1` to `5`, empty when skipped', allowed: ['', '1', '2', '3', '4', '5'], setBy: ['post-contact-survey'] },
  { name: 'surveyEase', values: '`1` to `5`, empty when skipped', allowed: ['', '1', '2', '3', '4', '5'], setBy: ['post-contact-survey'] },
];

/** Every attribute name of the contract. */
export const CONTRACT_ATTRIBUTE_NAMES: readonly string[] = ATTRIBUTE_CONTRACT.map((a) => a.name);

/** The attributes shown to the agent, in display order. */
export const AGENT_ATTRIBUTES: readonly (ContractAttribute & { readonly agentLabel: string })[] = ATTRIBUTE_CONTRACT.filter(
  (a): a is ContractAttribute & { readonly agentLabel: string } => a.agentLabel !== undefined,
);

/** The agent-facing attributes the view puts in its attribute bar (the rest go in its section). */
export const AGENT_BAR_ATTRIBUTES: readonly string[] = ['language', 'verification', 'caseNumber', 'caseStatus'];

/**
 * The `ViewData` the agent-context guide flow (contact-flows/agent-context.json) passes to the
 * AWS-managed Detail view: an attribute bar with {@link AGENT_BAR_ATTRIBUTES} and one section
 * with the other agent-facing attributes, each `{Label, Value: "$.Attributes.<name>"}`, in
 * contract order. A test keeps the flow file equal to it.
 */
export function agentViewData(): { Heading: string; AttributeBar: Array<{ Label: string; Value: string }>; Sections: Array<{ Heading: string; Content: Array<{ Label: string; Value: string }> }> } {
  const item = (a: ContractAttribute & { readonly agentLabel: string }) => ({ Label: a.agentLabel, Value: `$.Attributes.${a.name}` });
  return {
    Heading: 'Caller context',
    AttributeBar: AGENT_ATTRIBUTES.filter((a) => AGENT_BAR_ATTRIBUTES.includes(a.name)).map(item),
    Sections: [{ Heading: 'What the caller already gave', Content: AGENT_ATTRIBUTES.filter((a) => !AGENT_BAR_ATTRIBUTES.includes(a.name)).map(item) }],
  };
}

/** Who sets an attribute, as the README's "Set by" column writes it. */
export function setByText(attribute: ContractAttribute): string {
  return attribute.setBy.map((s) => (s === 'chat-start' ? 'chat-start Lambda (start attribute)' : s)).join(', ');
}

/**
 * The README table of the contract (Markdown): one row per attribute, in contract order.
 * `contact-flows/README.md` must contain exactly this text.
 */
export function contractTable(): string {
  const rows = ATTRIBUTE_CONTRACT.map((a) => `| \`${a.name}\` | ${a.values} | ${setByText(a)} | ${a.agentLabel ?? 'no'} |`);
  return ['| Attribute | Values | Set by | Agent sees it as |', '|---|---|---|---|', ...rows].join('\n');
}
