import * as fs from 'fs';
import * as path from 'path';
import { sharedExamples, templateOf } from '../helpers/examples';

/**
 * The contact-records Firehose holds buffered records and is named in the instance's storage
 * configuration: a replacement would drop what is in flight. Changes to it must stay in-place
 * updates. This compares the current template with the version that was deployed before.
 */

/**
 * Properties of AWS::KinesisFirehose::DeliveryStream whose change requires replacement
 * ("Update requires: Replacement" in
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesisfirehose-deliverystream.html;
 * `createOnlyProperties` of the resource schema for us-gov-west-1 shipped with cfn-lint 1.51).
 * Every other property, ExtendedS3DestinationConfiguration included, updates without interruption.
 */
const REPLACEMENT_PATHS = [
  'DeliveryStreamName',
  'DeliveryStreamType',
  'ElasticsearchDestinationConfiguration.VpcConfiguration',
  'AmazonopensearchserviceDestinationConfiguration.VpcConfiguration',
  'AmazonOpenSearchServerlessDestinationConfiguration.VpcConfiguration',
  'DatabaseSourceConfiguration',
  'KinesisStreamSourceConfiguration',
  'DirectPutSourceConfiguration',
  'MSKSourceConfiguration',
  'IcebergDestinationConfiguration.CatalogConfiguration',
  'SnowflakeDestinationConfiguration.SnowflakeVpcConfiguration',
] as const;

interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

/** Dotted paths (under Properties) where two property trees differ, at the shallowest differing object key. */
function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => changedPaths(before[key], after[key], prefix ? `${prefix}.${key}` : key));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix];
}

/** The changed paths that make CloudFormation replace the delivery stream. */
function replacementTriggers(before: Resource, after: Resource): string[] {
  return changedPaths(before.Properties, after.Properties).filter((changed) =>
    REPLACEMENT_PATHS.some((p) => changed === p || changed.startsWith(`${p}.`) || p.startsWith(`${changed}.`)),
  );
}

const deployed: { logicalId: string; resource: Resource } = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'deployed', 'pinecrest-contact-records-delivery-stream.json'), 'utf8'),
);
// Built as bin/app.ts builds it (tags included), since that is what was deployed.
const stack = sharedExamples()['pinecrest-benefits'].stateful;
const resources = templateOf(stack).toJSON().Resources as Record<string, Resource>;
const current = resources[deployed.logicalId];

describe('contact-records Firehose update from the deployed version', () => {
  test('keeps its logical id and type', () => {
    expect(stack.getLogicalId(stack.contactRecords.deliveryStream.node.defaultChild as never)).toBe('ContactRecordsC9914C30');
    expect(current?.Type).toBe('AWS::KinesisFirehose::DeliveryStream');
  });

  test('changes only the S3 destination processing configuration (newline after each record)', () => {
    expect(changedPaths(deployed.resource.Properties, current.Properties)).toEqual(['ExtendedS3DestinationConfiguration.ProcessingConfiguration']);
    expect((current.Properties.ExtendedS3DestinationConfiguration as Record<string, unknown>).ProcessingConfiguration).toEqual({
      Enabled: true,
      Processors: [{ Type: 'AppendDelimiterToRecord', Parameters: [] }],
    });
  });

  test('changes no property whose update requires replacement', () => {
    expect(replacementTriggers(deployed.resource, current)).toEqual([]);
  });

  test('does not turn on dynamic partitioning, which an existing stream cannot do', () => {
    // "You cannot enable dynamic partitioning for an existing Firehose stream" (Firehose developer guide, dynamic partitioning).
    expect((current.Properties.ExtendedS3DestinationConfiguration as Record<string, unknown>).DynamicPartitioningConfiguration).toBeUndefined();
  });

  test('keeps the retain policies', () => {
    expect([current.DeletionPolicy, current.UpdateReplacePolicy]).toEqual([deployed.resource.DeletionPolicy, deployed.resource.UpdateReplacePolicy]);
    expect(current.DeletionPolicy).toBe('Retain');
  });

  test('would flag a change of stream type or source as a replacement', () => {
    const changed = { ...current, Properties: { ...current.Properties, DeliveryStreamType: 'KinesisStreamAsSource', KinesisStreamSourceConfiguration: { KinesisStreamARN: 'x', RoleARN: 'y' } } };
    expect(replacementTriggers(deployed.resource, changed)).toEqual(['DeliveryStreamType', 'KinesisStreamSourceConfiguration']);
  });
});
