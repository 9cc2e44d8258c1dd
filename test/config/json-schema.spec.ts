import * as fs from 'fs';
import * as path from 'path';
import { JSON_SCHEMA_PATH, jurisdictionJsonSchema, jurisdictionJsonSchemaText } from '../../lib/config/json-schema';
import { SUPPORTED_REGIONS } from '../../lib/config/known-values';

type Json = Record<string, any>;

const committedFile = path.join(__dirname, '..', '..', JSON_SCHEMA_PATH);

/** Every object schema in `schema`, with its JSON pointer-ish location. */
function objectSchemas(schema: unknown, at = '#'): Array<[string, Json]> {
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as Json;
  const here: Array<[string, Json]> = node.type === 'object' ? [[at, node]] : [];
  return here.concat(Object.entries(node).flatMap(([key, child]) => objectSchemas(child, `${at}/${key}`)));
}

describe('jurisdiction JSON Schema', () => {
  const schema = jurisdictionJsonSchema() as Json;

  test('the committed config/jurisdiction.schema.json is the one generated from the zod schema', () => {
    // If this fails, run: npx tsx bin/generate-schema.ts
    expect(fs.readFileSync(committedFile, 'utf8')).toEqual(jurisdictionJsonSchemaText());
  });

  test('is written pretty-printed with a trailing newline', () => {
    const text = jurisdictionJsonSchemaText();
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toMatch(/^ {2}"\$schema": /);
  });

  test('carries a title and a description for editors', () => {
    expect(schema.$schema).toEqual('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toEqual('gov-contact-center-kit jurisdiction');
    expect(schema.description).toContain('config/jurisdictions/<id>.yaml');
  });

  test('rejects unknown keys at the top level', () => {
    expect(schema.type).toEqual('object');
    expect(schema.additionalProperties).toBe(false);
  });

  test('rejects unknown keys in every nested mapping', () => {
    const open = objectSchemas(schema).filter(([, node]) => node.additionalProperties !== false).map(([at]) => at);
    expect(open).toEqual([]);
    expect(objectSchemas(schema).length).toBeGreaterThan(10);
  });

  test('requires the keys that have no default', () => {
    expect(schema.required).toEqual(['id', 'displayName', 'account', 'region', 'tags', 'instance', 'retention', 'routing', 'hours', 'queues', 'routingProfiles']);
  });

  test('leaves keys with a default optional, and shows the default', () => {
    for (const key of ['languages', 'lexLocales', 'features', 'quickConnects', 'agentStatuses']) expect(schema.required).not.toContain(key);
    expect(schema.properties.languages.default).toEqual(['en-US']);
    expect(schema.properties.instance.required).toEqual(['alias']);
    expect(schema.properties.instance.properties.identityManagement).toEqual({ default: 'SAML', type: 'string', enum: ['SAML', 'CONNECT_MANAGED'] });
    expect(schema.properties.features.default).toEqual({
      chat: true,
      tasks: true,
      contactLens: true,
      customerProfiles: false,
      cases: false,
      outboundCampaigns: false,
      emailChannel: false,
      voiceId: false,
      amazonQInConnect: false,
      globalResiliency: false,
    });
  });

  test('lists the supported regions as an enum', () => {
    expect(schema.properties.region).toEqual({ type: 'string', enum: ['us-gov-west-1', 'us-east-1', 'us-west-2'] });
    expect(schema.properties.region.enum).toEqual([...SUPPORTED_REGIONS]);
  });

  test('carries the patterns and bounds of the zod schema', () => {
    expect(schema.properties.account).toEqual({ type: 'string', pattern: '^\\d{12}$' });
    expect(schema.properties.id.pattern).toEqual('^[a-z][a-z0-9-]{1,30}[a-z0-9]$');
    const queue = schema.properties.queues.items;
    expect(schema.properties.queues.minItems).toEqual(1);
    expect(queue.required).toEqual(['name', 'hours']);
    expect(queue.properties.maxContacts).toEqual({
      type: 'integer',
      minimum: 1,
      maximum: 10000,
      description: 'Most contacts waiting in the queue. @default - no limit',
    });
  });

  test('allows the $schema key that editors add', () => {
    expect(schema.properties.$schema).toEqual({ type: 'string' });
  });
});
