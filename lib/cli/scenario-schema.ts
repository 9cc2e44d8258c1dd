import * as fs from 'fs';
import { Command, parseArgs, UsageError } from './command';
import { SCENARIO_JSON_SCHEMA_PATH, scenarioJsonSchemaText } from '../flows/simulator/json-schema';

/**
 * `gcck scenario-schema [--check]`: writes config/scenario.schema.json from the scenario schema
 * (run after changing lib/flows/simulator/scenario.ts); `--check` only compares, exit 1 if stale.
 */
export const scenarioSchemaCommand: Command = {
  name: 'scenario-schema',
  summary: `write ${SCENARIO_JSON_SCHEMA_PATH} from the scenario schema (--check: only compare)`,
  usage: 'gcck scenario-schema [--check]   (run from the repository root)',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { check: 'boolean' });
    if (positional.length > 0) throw new UsageError('takes no arguments');
    const text = scenarioJsonSchemaText();
    if (options.check === true) {
      const current = fs.existsSync(SCENARIO_JSON_SCHEMA_PATH) ? fs.readFileSync(SCENARIO_JSON_SCHEMA_PATH, 'utf8') : undefined;
      if (current === text) {
        io.out(`${SCENARIO_JSON_SCHEMA_PATH} is up to date`);
        return 0;
      }
      io.err(`${SCENARIO_JSON_SCHEMA_PATH} is out of date: run npm run gcck -- scenario-schema`);
      return 1;
    }
    fs.writeFileSync(SCENARIO_JSON_SCHEMA_PATH, text);
    io.out(`wrote ${SCENARIO_JSON_SCHEMA_PATH}`);
    return 0;
  },
};
