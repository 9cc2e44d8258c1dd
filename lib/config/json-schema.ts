import { z } from 'zod';
import { jurisdictionSchema } from './schema';

/** Where the generated JSON Schema is committed, relative to the repository root. */
export const JSON_SCHEMA_PATH = 'config/jurisdiction.schema.json';

/**
 * The JSON Schema of a jurisdiction file, generated from {@link jurisdictionSchema} so the
 * two cannot disagree. Editors use it (via the `# yaml-language-server: $schema=` line) to
 * complete keys and flag mistakes as you type.
 *
 * It describes the *input* side of the schema: settings with a default (or supplied by
 * `config/defaults.yaml`) are optional, as they are when writing the file.
 */
export function jurisdictionJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(jurisdictionSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'gov-contact-center-kit jurisdiction',
    description:
      'One Amazon Connect contact center for one jurisdiction (config/jurisdictions/<id>.yaml). ' +
      'Generated from lib/config/schema.ts by bin/generate-schema.ts; do not edit by hand. ' +
      'Settings in config/defaults.yaml are merged underneath before validation, and the loader ' +
      'also checks what a schema cannot: references between entries, time zones, dates, and ' +
      'features available in the region.',
    ...rest,
  };
}

/** The JSON Schema as the text committed to {@link JSON_SCHEMA_PATH}: two-space indent, trailing newline. */
export function jurisdictionJsonSchemaText(): string {
  return `${JSON.stringify(jurisdictionJsonSchema(), null, 2)}\n`;
}
