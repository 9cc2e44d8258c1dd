import { Assembly, at, evidence, keyOf } from './model';
import { actionsOfService, describeConditions, isTlsOnlyDeny, Statement } from './policies';
import type { Store } from './stores';
import type { Evidence, ResourceRef } from './types';

/**
 * The encryption inventory: every data store → how it is encrypted at rest and with which key,
 * whether it refuses requests without TLS, and who may use the key and how (key policy and IAM).
 */

/** How a store is encrypted at rest. */
export type AtRest = 'customer-managed key' | 'AWS managed or owned key' | 'SSE-S3 (AES-256)' | 'none';

/** Who may use a key, from one statement. */
export interface KeyUse {
  /** `key policy` or `IAM policy of <role>`. */
  readonly via: string;
  readonly principals: readonly string[];
  readonly actions: readonly string[];
  readonly conditions: readonly string[];
  readonly source: ResourceRef & { readonly path: string };
}

/** A customer-managed key and everyone who may use it. */
export interface KeyEntry extends ResourceRef {
  readonly name: string;
  readonly description: string;
  readonly rotation: boolean;
  readonly rotationDays?: number;
  readonly uses: readonly KeyUse[];
  /** Stores encrypted with it. */
  readonly stores: readonly ResourceRef[];
}

/** One store's encryption. */
export interface EncryptionEntry extends ResourceRef {
  readonly type: string;
  readonly name: string;
  readonly holds: string;
  readonly callerData: boolean;
  readonly atRest: AtRest;
  readonly key?: ResourceRef;
  /** TLS-only statements protecting the store (S3, SNS); undefined where the service only speaks TLS. */
  readonly tlsOnly?: readonly Evidence[];
  readonly evidence: readonly Evidence[];
}

/** The encryption inventory. */
export interface EncryptionInventory {
  readonly stores: readonly EncryptionEntry[];
  readonly keys: readonly KeyEntry[];
}

/** Builds the encryption inventory. */
export function encryptionInventory(assembly: Assembly, stores: readonly Store[], statements: readonly Statement[]): EncryptionInventory {
  const entries: EncryptionEntry[] = stores.map((store) => {
    const r = assembly.get(store)!;
    const p = r.properties;
    const base = { stack: r.stack, logicalId: r.logicalId, type: r.type, name: store.name, holds: store.holds, callerData: store.callerData };
    const withKey = (keyValue: unknown, path: string, note: string): Pick<EncryptionEntry, 'atRest' | 'key' | 'evidence'> => {
      const key = assembly.resolve(keyValue, r.stack);
      if (key && key.type === 'AWS::KMS::Key') return { atRest: 'customer-managed key', key: { stack: key.stack, logicalId: key.logicalId }, evidence: [evidence(r, path, `${note} with customer-managed key ${assembly.label(key)}`)] };
      return { atRest: 'AWS managed or owned key', evidence: [evidence(r, path, `${note} with a key this assembly does not manage`)] };
    };
    switch (r.type) {
      case 'AWS::S3::Bucket': {
        const rule = at(p, 'BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault') as Record<string, unknown> | undefined;
        const path = 'Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault';
        const tlsOnly = statements
          .filter((s) => s.kind === 'resource' && s.appliesTo.some((a) => keyOf(a) === keyOf(r)) && isTlsOnlyDeny(s))
          .map((s) => evidence(assembly.get(s.source)!, s.path, `denies every request to ${store.name} made without TLS`));
        if (rule?.SSEAlgorithm === 'aws:kms' || rule?.SSEAlgorithm === 'aws:kms:dsse') return { ...base, ...withKey(rule.KMSMasterKeyID, path, 'SSE-KMS'), tlsOnly };
        if (rule?.SSEAlgorithm === 'AES256') return { ...base, atRest: 'SSE-S3 (AES-256)', tlsOnly, evidence: [evidence(r, path, 'SSE-S3: Amazon S3 managed keys (AES-256)')] };
        return { ...base, atRest: 'SSE-S3 (AES-256)', tlsOnly, evidence: [evidence(r, 'Properties.BucketEncryption', 'no encryption configured: Amazon S3 applies SSE-S3 by default')] };
      }
      case 'AWS::DynamoDB::Table': {
        const sse = p.SSESpecification as Record<string, unknown> | undefined;
        if (sse?.SSEEnabled === true && sse.KMSMasterKeyId !== undefined) return { ...base, ...withKey(sse.KMSMasterKeyId, 'Properties.SSESpecification', 'SSE-KMS') };
        return { ...base, atRest: 'AWS managed or owned key', evidence: [evidence(r, 'Properties.SSESpecification', 'DynamoDB default encryption with an AWS owned key')] };
      }
      case 'AWS::Kinesis::Stream': {
        const enc = p.StreamEncryption as Record<string, unknown> | undefined;
        if (enc?.EncryptionType === 'KMS') return { ...base, ...withKey(enc.KeyId, 'Properties.StreamEncryption', 'server-side encryption') };
        return { ...base, atRest: 'none', evidence: [evidence(r, 'Properties.StreamEncryption', 'stream not encrypted')] };
      }
      case 'AWS::KinesisFirehose::DeliveryStream': {
        const input = p.DeliveryStreamEncryptionConfigurationInput as Record<string, unknown> | undefined;
        if (input?.KeyType === 'CUSTOMER_MANAGED_CMK') return { ...base, ...withKey(input.KeyARN, 'Properties.DeliveryStreamEncryptionConfigurationInput', 'buffer encrypted') };
        const source = assembly.resolve(at(p, 'KinesisStreamSourceConfiguration.KinesisStreamARN'), r.stack);
        const sourceKey = source ? assembly.resolve(at(source.properties, 'StreamEncryption.KeyId'), source.stack) : undefined;
        if (source && sourceKey) {
          return {
            ...base,
            atRest: 'customer-managed key',
            key: { stack: sourceKey.stack, logicalId: sourceKey.logicalId },
            evidence: [evidence(source, 'Properties.StreamEncryption', `reads from stream ${assembly.label(source)}, encrypted with ${assembly.label(sourceKey)}; records stay in that stream`)],
          };
        }
        return { ...base, atRest: input ? 'AWS managed or owned key' : 'none', evidence: [evidence(r, 'Properties.DeliveryStreamEncryptionConfigurationInput', 'no customer-managed key on the buffer')] };
      }
      case 'AWS::Logs::LogGroup':
        if (p.KmsKeyId !== undefined) return { ...base, ...withKey(p.KmsKeyId, 'Properties.KmsKeyId', 'log events encrypted') };
        return { ...base, atRest: 'AWS managed or owned key', evidence: [evidence(r, 'Properties.KmsKeyId', 'CloudWatch Logs default encryption')] };
      case 'AWS::SNS::Topic': {
        const tlsOnly = statements
          .filter((s) => s.kind === 'resource' && s.appliesTo.some((a) => keyOf(a) === keyOf(r)) && isTlsOnlyDeny(s))
          .map((s) => evidence(assembly.get(s.source)!, s.path, `denies publishing to ${store.name} without TLS`));
        if (p.KmsMasterKeyId !== undefined) return { ...base, ...withKey(p.KmsMasterKeyId, 'Properties.KmsMasterKeyId', 'messages encrypted'), tlsOnly };
        return { ...base, atRest: 'none', tlsOnly, evidence: [evidence(r, 'Properties.KmsMasterKeyId', 'topic not encrypted')] };
      }
      case 'AWS::Athena::WorkGroup': {
        const path = 'Properties.WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration';
        const enc = at(r.resource, path) as Record<string, unknown> | undefined;
        if (enc?.KmsKey !== undefined) return { ...base, ...withKey(enc.KmsKey, path, `query results ${String(enc.EncryptionOption)}`) };
        return { ...base, atRest: enc ? 'SSE-S3 (AES-256)' : 'none', evidence: [evidence(r, path, 'query results without a customer-managed key')] };
      }
      case 'AWS::Backup::BackupVault':
        if (p.EncryptionKeyArn !== undefined) return { ...base, ...withKey(p.EncryptionKeyArn, 'Properties.EncryptionKeyArn', 'recovery points encrypted') };
        return { ...base, atRest: 'AWS managed or owned key', evidence: [evidence(r, 'Properties.EncryptionKeyArn', 'AWS Backup default key')] };
      case 'AWS::SSM::Parameter':
        return { ...base, atRest: 'AWS managed or owned key', evidence: [evidence(r, 'Properties.Type', `${String(p.Type)} parameter: holds ${store.holds}`)] };
      default:
        return { ...base, atRest: 'none', evidence: [] };
    }
  });

  const keys: KeyEntry[] = assembly.ofType('AWS::KMS::Key').map((key) => {
    const uses: KeyUse[] = [];
    for (const s of statements) {
      if (s.effect !== 'Allow') continue;
      if (s.kind === 'key' && keyOf(s.source) === keyOf(key)) {
        uses.push({ via: 'key policy', principals: s.principals, actions: s.actions, conditions: describeConditions(s.conditions), source: { ...s.source, path: s.path } });
      }
      const kms = actionsOfService(s.actions, 'kms');
      if (s.kind === 'identity' && kms.length > 0 && s.resourceRefs.some((ref) => keyOf(ref) === keyOf(key))) {
        uses.push({
          via: `IAM policy ${assembly.label(s.source)}`,
          principals: s.appliesTo.map((role) => `role:${assembly.label(role)}`),
          actions: kms,
          conditions: describeConditions(s.conditions),
          source: { ...s.source, path: s.path },
        });
      }
    }
    return {
      stack: key.stack,
      logicalId: key.logicalId,
      name: assembly.label(key),
      description: String(key.properties.Description ?? ''),
      rotation: key.properties.EnableKeyRotation === true,
      rotationDays: typeof key.properties.RotationPeriodInDays === 'number' ? key.properties.RotationPeriodInDays : undefined,
      uses,
      stores: entries.filter((e) => e.key && keyOf(e.key) === keyOf(key)).map((e) => ({ stack: e.stack, logicalId: e.logicalId })),
    };
  });
  return { stores: entries, keys };
}
