import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { promptContentHash, RecordedPrompts } from '../../lib/constructs/recorded-prompts';
import { wavBytes } from '../../lib/prompts/wav';
import { evaluate, resolver } from '../helpers/key-policy';
import { EXAMPLES_CONFIG_DIR, kitApp, sharedExamples, templateOf } from '../helpers/examples';

// GIVEN both examples in one app: Pinecrest lists one prompt (hold music of its General queue), Riverton none.
const { 'pinecrest-benefits': pinecrest, 'riverton-311': riverton } = sharedExamples();
const stateful = templateOf(pinecrest.stateful);
const contactCenter = templateOf(pinecrest.contactCenter);
const logicalId = (template: Template, type: string) => Object.keys(template.findResources(type))[0];
const FOLDER = path.join(EXAMPLES_CONFIG_DIR, 'prompts', 'pinecrest-benefits');
const HASH = promptContentHash(FOLDER, [{ name: 'hold-chime', file: 'hold-chime.wav' }]);

describe('recorded prompts', () => {
  test('each listed prompt is an AWS::Connect::Prompt created from the uploaded audio, after the upload', () => {
    contactCenter.resourceCountIs('AWS::Connect::Prompt', 1);
    const bucketRef = { 'Fn::ImportValue': Match.stringLikeRegexp('^pinecrest-benefits-stateful:ExportsOutputRefPromptBucket') };
    contactCenter.hasResource('AWS::Connect::Prompt', {
      Properties: {
        Name: 'hold-chime',
        Description: 'Two-note chime played to callers waiting in the General queue',
        InstanceArn: { 'Fn::ImportValue': Match.stringLikeRegexp('^pinecrest-benefits-stateful:ExportsOutputFnGetAttInstance') },
        S3Uri: { 'Fn::Join': ['', ['s3://', bucketRef, `/prompts/${HASH}/hold-chime.wav`]] },
      },
      DependsOn: Match.arrayWith([logicalId(contactCenter, 'Custom::CDKBucketDeployment')]),
    });
    contactCenter.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: bucketRef,
      DestinationBucketKeyPrefix: `prompts/${HASH}/`,
      Prune: true,
      RetainOnDelete: false,
      SystemMetadata: { 'content-type': 'audio/wav' },
    });
  });

  test('the queue flow plays the prompt by its ARN, for the General queue', () => {
    const promptId = logicalId(contactCenter, 'AWS::Connect::Prompt');
    const queueFlow = Object.values(contactCenter.findResources('AWS::Connect::ContactFlow', { Properties: { Type: 'CUSTOMER_QUEUE' } }));
    expect(queueFlow).toHaveLength(1);
    const content = JSON.stringify(queueFlow[0].Properties.Content);
    expect(content).toContain(`{"Fn::GetAtt":["${promptId}","PromptArn"]}`);
    expect(content).toContain('\\"Operands\\":[\\"General\\"]');
    expect(content).not.toContain('${prompt:');
  });

  test('the audio bucket is private, TLS-only, versioned, logged and encrypted with a key of its own', () => {
    stateful.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PromptBucketKey'), 'Arn'] } } },
        ],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { LogFilePrefix: 'prompts/' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    stateful.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/pinecrest-benefits/prompts' });
    stateful.hasResource('AWS::KMS::Key', { Properties: { Description: 'Recorded prompt audio (no caller data)', EnableKeyRotation: true }, DeletionPolicy: 'Retain' });
  });

  test('only Amazon Connect, for this instance and account, may read the audio, and only through S3 decrypt it', () => {
    const instance = { 'Fn::GetAtt': [logicalId(stateful, 'AWS::Connect::Instance'), 'Arn'] };
    stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('^PromptBucket') },
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'AllowConnectToReadPromptAudio',
            Effect: 'Allow',
            Principal: { Service: 'connect.amazonaws.com' },
            Action: 's3:GetObject',
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^PromptBucket'), 'Arn'] }, '/prompts/*']] },
            Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' }, ArnEquals: { 'aws:SourceArn': instance } },
          },
        ]),
      },
    });
    const [key] = Object.values(stateful.findResources('AWS::KMS::Key', { Properties: { Description: 'Recorded prompt audio (no caller data)' } }));
    expect(key.Properties.KeyPolicy.Statement).toContainEqual({
      Sid: 'AllowConnectToDecryptPromptAudio',
      Effect: 'Allow',
      Principal: { Service: 'connect.amazonaws.com' },
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': 's3.us-gov-west-1.amazonaws.com' } },
    });
    const policy = resolver({ partition: 'aws-us-gov', region: 'us-gov-west-1', account: '111111111111' })(key.Properties.KeyPolicy) as never;
    const connect = { service: 'connect.amazonaws.com' };
    expect(evaluate(policy, { principal: connect, action: 'kms:Decrypt', context: { 'kms:ViaService': 's3.us-gov-west-1.amazonaws.com' } })).toBe('allow');
    expect(evaluate(policy, { principal: connect, action: 'kms:Decrypt', context: { 'kms:ViaService': 'kinesis.us-gov-west-1.amazonaws.com' } })).toBe('implicit-deny');
    expect(evaluate(policy, { principal: connect, action: 'kms:GenerateDataKey', context: { 'kms:ViaService': 's3.us-gov-west-1.amazonaws.com' } })).toBe('implicit-deny');
  });

  test('the upload function has its own role: no managed policy, its log group encrypted and kept', () => {
    contactCenter.hasResourceProperties('AWS::IAM::Role', { Description: 'Uploads recorded prompt audio to the prompt bucket at deploy time', ManagedPolicyArns: Match.absent() });
    contactCenter.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: Match.anyValue(), RetentionInDays: 365 });
  });

  test('a jurisdiction without prompts has no prompt, audio bucket or upload', () => {
    const statefulR = templateOf(riverton.stateful);
    const contactCenterR = templateOf(riverton.contactCenter);
    contactCenterR.resourceCountIs('AWS::Connect::Prompt', 0);
    contactCenterR.resourceCountIs('Custom::CDKBucketDeployment', 0);
    expect(riverton.stateful.promptBucket).toBeUndefined();
    expect(Object.keys(statefulR.findResources('AWS::S3::Bucket')).filter((id) => id.startsWith('PromptBucket'))).toEqual([]);
    expect(JSON.stringify(contactCenterR.findResources('AWS::Connect::ContactFlow'))).not.toContain('Hold music');
  });

  test('uploads only the listed files of the folder (drafts and notes stay out of the asset)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-upload-'));
    try {
      fs.writeFileSync(path.join(dir, 'welcome.wav'), wavBytes());
      fs.writeFileSync(path.join(dir, 'draft.wav'), wavBytes());
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'script');
      const uploadApp = kitApp();
      const stack = new Stack(uploadApp, 'Upload', { env: { account: '111111111111', region: 'us-gov-west-1' } });
      new RecordedPrompts(stack, 'Prompts', {
        instance: { instanceArn: 'arn:aws-us-gov:connect:us-gov-west-1:111111111111:instance/abc', instanceId: 'abc' },
        bucket: s3.Bucket.fromBucketName(stack, 'Bucket', 'prompt-bucket'),
        folder: dir,
        prompts: [{ name: 'welcome', file: 'welcome.wav' }],
        logKey: new kms.Key(stack, 'Key'),
      });
      const assembly = uploadApp.synth();
      const staged = fs.readdirSync(assembly.directory).filter((entry) => entry.startsWith('asset.') && fs.statSync(path.join(assembly.directory, entry)).isDirectory());
      const withAudio = staged.filter((entry) => fs.readdirSync(path.join(assembly.directory, entry)).some((f) => f.endsWith('.wav')));
      expect(withAudio.map((entry) => fs.readdirSync(path.join(assembly.directory, entry)))).toEqual([['welcome.wav']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the upload folder changes when any audio changes, so Amazon Connect copies the new recording', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-hash-'));
    try {
      const prompts = [{ name: 'a', file: 'a.wav' }];
      fs.writeFileSync(path.join(dir, 'a.wav'), wavBytes({ dataBytes: 80 }));
      const first = promptContentHash(dir, prompts);
      expect(promptContentHash(dir, prompts)).toBe(first);
      fs.writeFileSync(path.join(dir, 'a.wav'), wavBytes({ dataBytes: 81 }));
      expect(promptContentHash(dir, prompts)).not.toBe(first);
      expect(first).toMatch(/^[0-9a-f]{16}$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
