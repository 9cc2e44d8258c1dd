import * as fs from 'fs';
import { Command, parseArgs, UsageError } from './command';
import { BOT_JSON_SCHEMA_PATH, botJsonSchemaText } from '../bots/json-schema';

/**
 * `gcck bot-schema [--check]`: writes config/bots/bot.schema.json from the bot definition
 * schema (run after changing lib/bots/schema.ts); `--check` only compares, exit 1 if stale.
 */
export const botSchemaCommand: Command = {
  name: 'bot-schema',
  summary: `write ${BOT_JSON_SCHEMA_PATH} from the bot definition schema (--check: only compare)`,
  usage: 'gcck bot-schema [--check]   (run from the repository root)',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { check: 'boolean' });
    if (positional.length > 0) throw new UsageError('takes no arguments');
    const text = botJsonSchemaText();
    if (options.check === true) {
      const current = fs.existsSync(BOT_JSON_SCHEMA_PATH) ? fs.readFileSync(BOT_JSON_SCHEMA_PATH, 'utf8') : undefined;
      if (current === text) {
        io.out(`${BOT_JSON_SCHEMA_PATH} is up to date`);
        return 0;
      }
      io.err(`${BOT_JSON_SCHEMA_PATH} is out of date: run npm run gcck -- bot-schema`);
      return 1;
    }
    fs.writeFileSync(BOT_JSON_SCHEMA_PATH, text);
    io.out(`wrote ${BOT_JSON_SCHEMA_PATH}`);
    return 0;
  },
};
