import { gzipSync } from 'zlib';

/**
 * What an Amazon Data Firehose stream writes to S3 for a batch of records, from the
 * `ExtendedS3DestinationConfiguration` of a synthesized `AWS::KinesisFirehose::DeliveryStream`.
 *
 * Modelled on the Firehose developer guide: records are concatenated with no delimiter
 * (https://docs.aws.amazon.com/firehose/latest/dev/basic-deliver.html) unless the
 * `AppendDelimiterToRecord` processor is on, whose delimiter defaults to a newline
 * (https://docs.aws.amazon.com/firehose/latest/APIReference/API_Processor.html); the object is
 * then compressed as `CompressionFormat` says. Any other processing (Lambda, dynamic
 * partitioning, format conversion) is refused rather than guessed.
 */
export function deliveredObject(records: readonly string[], destination: ExtendedS3Destination): Buffer {
  if (destination.DynamicPartitioningConfiguration?.Enabled) throw new Error('dynamic partitioning is not simulated');
  if (destination.DataFormatConversionConfiguration?.Enabled) throw new Error('record format conversion is not simulated');
  let delimiter = '';
  const processing = destination.ProcessingConfiguration;
  if (processing?.Enabled) {
    for (const processor of processing.Processors ?? []) {
      if (processor.Type !== 'AppendDelimiterToRecord') throw new Error(`processor ${processor.Type} is not simulated`);
      const parameter = (processor.Parameters ?? []).find((p) => p.ParameterName === 'Delimiter');
      delimiter = parameter ? unescape(parameter.ParameterValue) : '\n';
    }
  }
  const body = Buffer.from(records.map((record) => record + delimiter).join(''), 'utf8');
  switch (destination.CompressionFormat ?? 'UNCOMPRESSED') {
    case 'UNCOMPRESSED':
      return body;
    case 'GZIP':
      return gzipSync(body);
    default:
      throw new Error(`compression ${destination.CompressionFormat} is not simulated`);
  }
}

/** The part of `ExtendedS3DestinationConfiguration` the simulation reads. */
export interface ExtendedS3Destination {
  readonly CompressionFormat?: string;
  readonly ProcessingConfiguration?: {
    readonly Enabled?: boolean;
    readonly Processors?: ReadonlyArray<{ readonly Type: string; readonly Parameters?: ReadonlyArray<{ readonly ParameterName: string; readonly ParameterValue: string }> }>;
  };
  readonly DynamicPartitioningConfiguration?: { readonly Enabled?: boolean };
  readonly DataFormatConversionConfiguration?: { readonly Enabled?: boolean };
}

/** Firehose takes `\n`, `\t`, `\r` escapes in the delimiter parameter. */
function unescape(value: string): string {
  return value.replace(/\\([ntr])/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c]!);
}
