import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { TABLES } from '../../lib/analytics/queries';
import { sharedExamples, templateOf } from '../helpers/examples';
import { deliveredObject, ExtendedS3Destination } from '../helpers/firehose-delivery';
import { GlueTableInput, readJsonTable } from '../helpers/json-serde';

/**
 * End to end on paper: what the contact-records Firehose (stateful stack) writes to S3, read back
 * through the SerDe the contact_records Glue table (analytics stack) declares.
 */
const stacks = sharedExamples()['pinecrest-benefits'];
const statefulResources = templateOf(stacks.stateful).toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
const analyticsResources = templateOf(stacks.analytics).toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;

const destination = statefulResources.ContactRecordsC9914C30.Properties.ExtendedS3DestinationConfiguration as ExtendedS3Destination;
const table = Object.values(analyticsResources)
  .filter((r) => r.Type === 'AWS::Glue::Table')
  .map((r) => (r.Properties as { TableInput: GlueTableInput & { Name: string } }).TableInput)
  .find((input) => input.Name === TABLES.contactRecords)!;

/** Sample CTRs in the shape of the contact record data model; Amazon Connect sends each as compact JSON. */
const SAMPLE_CTRS: Array<Record<string, unknown>> = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'ctr', 'contact-records.json'), 'utf8'));

describe('contact records delivered by Firehose, read by Athena', () => {
  test('reads one row per contact from one object holding several CTRs', () => {
    // GIVEN three CTRs as Amazon Connect puts them on the delivery stream
    const records = SAMPLE_CTRS.map((ctr) => JSON.stringify(ctr));
    // WHEN Firehose buffers them into one object and Athena reads it through the table's SerDe
    const rows = readJsonTable(deliveredObject(records, destination), table);
    // THEN each contact is one row, with nested fields and attributes decoded
    expect(rows.map((row) => row.contactid)).toEqual([
      'c0a8e1f2-1111-4aaa-8bbb-000000000001',
      'c0a8e1f2-2222-4aaa-8bbb-000000000002',
      'c0a8e1f2-3333-4aaa-8bbb-000000000003',
    ]);
    expect(rows.map((row) => row.channel)).toEqual(['VOICE', 'CHAT', 'VOICE']);
    expect(rows.map((row) => (row.queue as { Name: string } | null)?.Name ?? null)).toEqual(['Benefits', 'General', null]);
    expect(rows[0].agent).toEqual(
      expect.objectContaining({ Username: 'jdoe', AgentInteractionDuration: 311, CustomerHoldDuration: 25, RoutingProfile: expect.objectContaining({ Name: 'Benefits Agents' }) }),
    );
    expect(rows[1].attributes).toEqual({ language: 'en-US', note: 'caller wrote {"braces"} and a\nnewline' });
    expect(rows[2].contactlens).toEqual(
      expect.objectContaining({ ConversationalAnalytics: expect.objectContaining({ Configuration: expect.objectContaining({ Enabled: true, LanguageLocale: 'en-US' }) }) }),
    );
  });

  test('reads as many rows as contacts for any batch, whatever the field values hold', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            ContactId: fc.uuid(),
            Channel: fc.constantFrom('VOICE', 'CHAT', 'TASK'),
            Attributes: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 20 })),
            Queue: fc.option(fc.record({ Name: fc.string({ maxLength: 20 }), Duration: fc.nat(3600) }), { nil: null }),
          }),
          { minLength: 1, maxLength: 25 },
        ),
        (ctrs) => {
          const rows = readJsonTable(deliveredObject(ctrs.map((ctr) => JSON.stringify(ctr)), destination), table);
          expect(rows.map((row) => row.contactid)).toEqual(ctrs.map((ctr) => ctr.ContactId));
          expect(rows.map((row) => row.attributes)).toEqual(ctrs.map((ctr) => ctr.Attributes));
        },
      ),
      { seed: 9_2026, numRuns: 150 },
    );
  });

  test('would read a whole object as one contact if Firehose appended no delimiter', () => {
    // The failure this configuration prevents: records back to back on one line.
    const { ProcessingConfiguration: _, ...withoutDelimiter } = destination;
    const rows = readJsonTable(deliveredObject(SAMPLE_CTRS.map((ctr) => JSON.stringify(ctr)), withoutDelimiter), table);
    expect(rows.map((row) => row.contactid)).toEqual(['c0a8e1f2-1111-4aaa-8bbb-000000000001']);
  });

  test('the table reads GZIP JSON lines with the OpenX SerDe, case-insensitively, matching the delivery', () => {
    expect(destination.CompressionFormat).toBe('GZIP');
    expect(table.StorageDescriptor).toEqual(
      expect.objectContaining({
        InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
        Compressed: true,
        SerdeInfo: { SerializationLibrary: 'org.openx.data.jsonserde.JsonSerDe', Parameters: { 'case.insensitive': 'TRUE' } },
      }),
    );
  });
});
