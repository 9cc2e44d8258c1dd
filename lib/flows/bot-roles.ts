/** The bot roles flows name as `${botRole:<role>}`, each with the bot that plays it unless config `flows.bots` says otherwise. */
export const BOT_ROLE_DEFAULTS = { selfService: 'citizen-services', survey: 'survey-answers' } as const;

/** A bot role. */
export type BotRole = keyof typeof BOT_ROLE_DEFAULTS;

/** The bot roles, in a stable order. */
export const BOT_ROLES = Object.keys(BOT_ROLE_DEFAULTS) as BotRole[];

/** The kit flows that converse with each role's bot (contact-flows/<name>.json). */
export const KIT_FLOWS_BY_BOT_ROLE: Readonly<Record<BotRole, readonly string[]>> = {
  selfService: ['main-inbound', 'chat-inbound'],
  survey: ['post-contact-survey'],
};
