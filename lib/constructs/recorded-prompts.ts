import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { RemovalPolicy } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { CheckedPrompt } from '../prompts/files';
import { idPart } from '../stacks/ids';
import type { IConnectInstance } from './connect-instance';
import { PROMPT_KEY_PREFIX } from './prompt-bucket';

/** Properties of {@link RecordedPrompts}. */
export interface RecordedPromptsProps {
  /** The instance the prompts belong to. */
  readonly instance: IConnectInstance;
  /** The bucket the audio is uploaded to (a PromptBucket, SSE-KMS). */
  readonly bucket: s3.IBucket;
  /** Folder holding the audio files. */
  readonly folder: string;
  /** The prompts, their files already checked (lib/prompts/files.ts). */
  readonly prompts: readonly CheckedPrompt[];
  /** Key of the upload function's log group. */
  readonly logKey: kms.IKey;
  /**
   * Days the upload function's logs are kept.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * A hash of the prompts' names, file names and audio: the upload folder in the bucket. Amazon
 * Connect copies the audio when a prompt is created or its `S3Uri` changes, so new audio must
 * come with a new `S3Uri`, or the instance would keep playing the old recording.
 */
export function promptContentHash(folder: string, prompts: readonly CheckedPrompt[]): string {
  const hash = crypto.createHash('sha256');
  for (const prompt of [...prompts].sort((a, b) => a.file.localeCompare(b.file))) {
    hash.update(`${prompt.file}\0`);
    hash.update(fs.readFileSync(path.join(folder, prompt.file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * A jurisdiction's recorded prompts: the listed audio files uploaded to the prompt bucket
 * (aws-s3-deployment, under `prompts/<content hash>/`, so a changed recording gives every prompt
 * a new `S3Uri` and Amazon Connect copies the new audio), and one `AWS::Connect::Prompt` each.
 *
 * Prompts hold no caller data and Amazon Connect keeps its own copy of the audio, so they live
 * with the replaceable resources; the bucket and its key, which must outlive any one deploy,
 * are in the stateful stack (PromptBucket). Construct ids are `Prompt-<name>`: renaming a
 * prompt replaces it.
 */
export class RecordedPrompts extends Construct {
  /** Prompt ARNs by name (`${prompt:<name>}`). */
  public readonly promptArns: ReadonlyMap<string, string>;
  /** The CloudFormation resources by name. */
  public readonly resources: ReadonlyMap<string, connect.CfnPrompt>;
  /** The bucket the audio is uploaded to. */
  public readonly bucket: s3.IBucket;
  /** The upload of the audio to the bucket. */
  public readonly upload: s3deploy.BucketDeployment;
  /** The upload function's role: reads the audio asset, writes `prompts/` of the bucket, writes its log group. */
  public readonly uploadRole: iam.Role;

  constructor(scope: Construct, id: string, props: RecordedPromptsProps) {
    super(scope, id);
    if (props.prompts.length === 0) throw new Error(`${this.node.path}: no prompts to create (create this construct only when prompts.files lists some)`);
    this.bucket = props.bucket;
    const prefix = `${PROMPT_KEY_PREFIX}${promptContentHash(props.folder, props.prompts)}/`;
    // Only the listed files: the folder may hold drafts and other recordings.
    const exclude = ['*', ...props.prompts.map((p) => `!${p.file}`)];
    const logGroup = new logs.LogGroup(this, 'UploadLogs', {
      encryptionKey: props.logKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // A role of our own: BucketDeployment's default one carries the AWSLambdaBasicExecutionRole
    // managed policy (logs:* on every log group); this one writes its own log group only.
    this.uploadRole = new iam.Role(this, 'UploadRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Uploads recorded prompt audio to the prompt bucket at deploy time',
    });
    logGroup.grantWrite(this.uploadRole);
    this.upload = new s3deploy.BucketDeployment(this, 'Upload', {
      role: this.uploadRole,
      sources: [s3deploy.Source.asset(props.folder, { exclude })],
      destinationBucket: props.bucket,
      destinationKeyPrefix: prefix,
      // The previous upload's folder goes when the hash changes: Connect has its own copy.
      retainOnDelete: false,
      prune: true,
      contentType: 'audio/wav',
      logGroup,
      memoryLimit: 256,
    });

    const promptArns = new Map<string, string>();
    const resources = new Map<string, connect.CfnPrompt>();
    for (const prompt of props.prompts) {
      const resource = new connect.CfnPrompt(this, `Prompt-${idPart(prompt.name)}`, {
        instanceArn: props.instance.instanceArn,
        name: prompt.name,
        description: prompt.description,
        s3Uri: `s3://${props.bucket.bucketName}/${prefix}${prompt.file}`,
      });
      // The audio must be in the bucket before Amazon Connect copies it.
      resource.node.addDependency(this.upload);
      promptArns.set(prompt.name, resource.attrPromptArn);
      resources.set(prompt.name, resource);
    }
    this.promptArns = promptArns;
    this.resources = resources;
  }
}
