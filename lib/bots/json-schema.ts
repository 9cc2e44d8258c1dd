import { z } from 'zod';
import { botSchema } from './schema';

/** Where the generated JSON Schema of bot definitions is committed, relative to the repository root. */
export const BOT_JSON_SCHEMA_PATH = 'config/bots/bot.schema.json';

/**
 * The JSON Schema of a bot definition file, generated from {@link botSchema} so the two
 * cannot disagree; editors use it through the `# yaml-language-server: $schema=` line. It
 * describes the input side: settings with a default are optional.
 */
export function botJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(botSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'gov-contact-center-kit bot definition',
    description:
      'One Amazon Lex V2 bot (config/bots/<name>.yaml), intents declared once with their words per locale. ' +
      'Generated from lib/bots/schema.ts by `npm run gcck -- bot-schema`; do not edit by hand. ' +
      'The bot lint (`npm run gcck -- lint-bots`) also checks what a schema cannot: every locale has every text, ' +
      'utterances name defined slots and are not shared by two intents, slot types have values, and the region offers each locale.',
    ...rest,
  };
}

/** The JSON Schema as the text committed to {@link BOT_JSON_SCHEMA_PATH}: two-space indent, trailing newline. */
export function botJsonSchemaText(): string {
  return `${JSON.stringify(botJsonSchema(), null, 2)}\n`;
}
