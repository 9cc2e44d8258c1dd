import { z } from 'zod';
import { scenarioSchema } from './scenario';

/** Where the generated JSON Schema of scenario files is committed, relative to the repository root. */
export const SCENARIO_JSON_SCHEMA_PATH = 'config/scenario.schema.json';

/**
 * The JSON Schema of a scenario file, generated from {@link scenarioSchema} (the input side:
 * keys with a default are optional). Scenario files point at it with a
 * `# yaml-language-server: $schema=` line so editors complete keys and flag mistakes.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'gov-contact-center-kit flow scenario',
    ...rest,
    description:
      'One scripted call through a jurisdiction\'s contact flows and what the caller must hear ' +
      '(contact-flows/tests/*.yaml). Generated from lib/flows/simulator/scenario.ts by `gcck scenario-schema`; do not edit by hand.',
  };
}

/** The JSON Schema as committed: two-space indent, trailing newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
