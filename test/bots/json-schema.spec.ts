import * as fs from 'fs';
import * as path from 'path';
import { BOT_JSON_SCHEMA_PATH, botJsonSchema, botJsonSchemaText } from '../../lib/bots/json-schema';
import { ROOT } from './helpers';

type Json = Record<string, any>;

/** Every object schema in `schema`, with where it is. */
function objectSchemas(schema: unknown, at = '#'): Array<[string, Json]> {
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as Json;
  const here: Array<[string, Json]> = node.type === 'object' ? [[at, node]] : [];
  return here.concat(Object.entries(node).flatMap(([key, child]) => objectSchemas(child, `${at}/${key}`)));
}

describe('bot definition JSON Schema', () => {
  const schema = botJsonSchema() as Json;

  test('the committed config/bots/bot.schema.json is the one generated from the zod schema', () => {
    // If this fails, run: npm run gcck -- bot-schema
    expect(fs.readFileSync(path.join(ROOT, BOT_JSON_SCHEMA_PATH), 'utf8')).toEqual(botJsonSchemaText());
  });

  test('is what the bot files point their editors at', () => {
    const first = fs.readFileSync(path.join(ROOT, 'config', 'bots', 'citizen-services.yaml'), 'utf8').split('\n')[0];
    expect(first).toEqual('# yaml-language-server: $schema=./bot.schema.json');
    expect(schema.title).toEqual('gov-contact-center-kit bot definition');
  });

  test('rejects unknown keys in every mapping', () => {
    expect(objectSchemas(schema).filter(([, node]) => node.additionalProperties !== false).map(([at]) => at)).toEqual([]);
  });

  test('requires name, locales and intents, and leaves settings with defaults optional', () => {
    expect(schema.required).toEqual(['name', 'locales', 'intents']);
    expect(schema.properties.idleSessionTtlSeconds).toMatchObject({ type: 'integer', minimum: 60, maximum: 86400, default: 300 });
  });

  test('holds the per-locale shapes once, under $defs', () => {
    expect(Object.keys(schema.$defs).sort()).toEqual(['BotCodeHook', 'BotLocaleSettings', 'BotLocalizedSynonyms', 'BotLocalizedText', 'BotLocalizedUtterances']);
    expect(schema.properties.locales.properties.es_US).toEqual({ $ref: '#/$defs/BotLocaleSettings' });
    expect(schema.$defs.BotLocaleSettings.properties.voice.properties.engine).toEqual({ default: 'neural', description: 'Polly engine. @default neural', type: 'string', enum: ['neural', 'standard'] });
  });
});
