/**
 * Writes config/jurisdiction.schema.json from the zod schema in lib/config/schema.ts.
 * Run after changing the schema: `npx tsx bin/generate-schema.ts` (test/config/json-schema.spec.ts
 * fails while the committed file is out of date).
 */
import * as fs from 'fs';
import * as path from 'path';
import { JSON_SCHEMA_PATH, jurisdictionJsonSchemaText } from '../lib/config/json-schema';

const target = path.join(__dirname, '..', JSON_SCHEMA_PATH);
fs.writeFileSync(target, jurisdictionJsonSchemaText());
process.stdout.write(`wrote ${JSON_SCHEMA_PATH}\n`);
