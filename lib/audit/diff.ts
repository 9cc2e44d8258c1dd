import { exposureInventory } from './access';
import { encryptionInventory } from './encryption';
import { Assembly, keyOf } from './model';
import type { AuditPack } from './pack';
import { readStatements, Statement } from './policies';
import { retentionInventory } from './retention';
import { classifyStores, STORE_TYPES } from './stores';
import type { RecordsSchedule, StackTemplate } from './types';

/**
 * The security-relevant changes between two versions of the synthesized templates, in plain
 * words: permissions and key policies granted or withdrawn, retention shortened, encryption or
 * TLS enforcement removed, public exposure added, stateful resources replaced or deleted,
 * acknowledgements added or removed, and controls losing evidence.
 */

/** One change. `review` changes make `gcck audit-diff` exit 1. */
export interface Change {
  readonly severity: 'review' | 'info';
  readonly category: 'iam' | 'key-policy' | 'resource-policy' | 'encryption' | 'tls' | 'retention' | 'exposure' | 'stateful' | 'acknowledgement' | 'control';
  readonly stack: string;
  readonly logicalId?: string;
  readonly message: string;
}

/** Properties whose change makes CloudFormation replace the resource (from the resource reference pages). */
const REPLACING: Readonly<Record<string, readonly string[]>> = {
  'AWS::S3::Bucket': ['BucketName', 'ObjectLockEnabled'],
  'AWS::DynamoDB::Table': ['TableName', 'KeySchema'],
  'AWS::Kinesis::Stream': ['Name'],
  'AWS::KinesisFirehose::DeliveryStream': ['DeliveryStreamName', 'DeliveryStreamType', 'KinesisStreamSourceConfiguration'],
  'AWS::KMS::Key': ['KeySpec', 'KeyUsage', 'MultiRegion'],
  'AWS::Connect::Instance': ['InstanceAlias', 'IdentityManagementType', 'DirectoryId'],
  'AWS::Logs::LogGroup': ['LogGroupName'],
  'AWS::SSM::Parameter': ['Name'],
  'AWS::Backup::BackupVault': ['BackupVaultName'],
  'AWS::Connect::InstanceStorageConfig': ['InstanceArn', 'ResourceType'],
};

/** Types whose loss loses data or identity. */
const STATEFUL = new Set<string>([...STORE_TYPES, 'AWS::KMS::Key', 'AWS::Connect::Instance', 'AWS::Backup::BackupVault', 'Custom::ConnectPhoneNumber']);

/** A schedule only used to read retention figures (the diff compares figures, not the schedule). */
const NEUTRAL_SCHEDULE: RecordsSchedule = {
  recordings: { days: 0, mode: 'GOVERNANCE', expireAfterRetention: true },
  reports: { days: 0, mode: 'GOVERNANCE', expireAfterRetention: true },
  contactRecords: { days: 0, mode: 'GOVERNANCE', expireAfterRetention: true },
  accessLogsDays: 0,
  agentEventsHours: 0,
  surveyDays: 0,
  logDays: 0,
};

function atoms(assembly: Assembly, statements: readonly Statement[]): Map<string, { s: Statement; text: string }> {
  const out = new Map<string, { s: Statement; text: string }>();
  for (const s of statements) {
    if (s.kind === 'trust' && s.effect !== 'Allow') continue;
    const holder = s.kind === 'identity' ? s.appliesTo.map((a) => assembly.label(a)).join(', ') || assembly.label(s.source) : assembly.label(s.source);
    const cond = s.conditions ? ` if ${JSON.stringify(s.conditions)}` : '';
    const principals = s.principals.length ? s.principals : ['(role)'];
    for (const p of principals)
      for (const a of s.actions.length ? s.actions : ['(none)'])
        for (const r of s.kind === 'trust' ? ['(assume)'] : s.resources.length ? s.resources : ['(this resource)']) {
          const text = `${s.effect === 'Allow' ? 'allows' : 'denies'} ${s.kind === 'identity' ? holder : p} ${a} on ${r}${cond}`;
          out.set(`${s.source.stack}|${s.kind}|${holder}|${text}`, { s, text: s.kind === 'identity' ? text : `${holder}: ${text}` });
        }
  }
  return out;
}

/** Compares two versions of a set of stacks; `packs` adds the control-evidence comparison. */
export function diffAssemblies(
  before: readonly StackTemplate[],
  after: readonly StackTemplate[],
  packs?: { readonly before: readonly AuditPack[]; readonly after: readonly AuditPack[] },
): Change[] {
  const changes: Change[] = [];
  const a = new Assembly(before);
  const b = new Assembly(after);
  const sa = readStatements(a);
  const sb = readStatements(b);

  // Permissions.
  const aa = atoms(a, sa);
  const ab = atoms(b, sb);
  const category = (s: Statement): Change['category'] => (s.kind === 'key' ? 'key-policy' : s.kind === 'resource' ? 'resource-policy' : 'iam');
  for (const [key, { s, text }] of ab) {
    if (aa.has(key)) continue;
    const wildcard = s.effect === 'Allow' && s.kind !== 'trust' && (s.actions.some((x) => x.includes('*')) || (s.kind === 'identity' && s.resources.some((x) => x.includes('*'))));
    changes.push({ severity: s.effect === 'Allow' ? 'review' : 'info', category: category(s), stack: s.source.stack, logicalId: s.source.logicalId, message: `added: ${text}${wildcard ? ' (wildcard)' : ''}` });
  }
  for (const [key, { s, text }] of aa) {
    if (ab.has(key)) continue;
    // A removed Deny widens access (e.g. a TLS-only statement); a removed Allow narrows it.
    changes.push({ severity: s.effect === 'Deny' ? 'review' : 'info', category: category(s), stack: s.source.stack, logicalId: s.source.logicalId, message: `removed: ${text}` });
  }

  // Encryption and TLS.
  const ea = encryptionInventory(a, classifyStores(a), sa);
  const eb = encryptionInventory(b, classifyStores(b), sb);
  for (const store of eb.stores) {
    const old = ea.stores.find((x) => keyOf(x) === keyOf(store));
    const key = store.key ? b.label(store.key) : undefined;
    if (!old) {
      if (store.atRest !== 'customer-managed key') changes.push({ severity: 'review', category: 'encryption', stack: store.stack, logicalId: store.logicalId, message: `new ${store.type} ${store.name} is not encrypted with a customer-managed key (${store.atRest})` });
      if (store.tlsOnly !== undefined && store.tlsOnly.length === 0) changes.push({ severity: 'review', category: 'tls', stack: store.stack, logicalId: store.logicalId, message: `new ${store.type} ${store.name} accepts requests without TLS` });
      continue;
    }
    const oldKey = old.key ? a.label(old.key) : undefined;
    if (old.atRest === 'customer-managed key' && store.atRest !== 'customer-managed key') changes.push({ severity: 'review', category: 'encryption', stack: store.stack, logicalId: store.logicalId, message: `${store.name}: encryption with customer-managed key ${oldKey} removed (now ${store.atRest})` });
    else if (oldKey && key && oldKey !== key) changes.push({ severity: 'review', category: 'encryption', stack: store.stack, logicalId: store.logicalId, message: `${store.name}: key changed from ${oldKey} to ${key}` });
    if ((old.tlsOnly ?? []).length > 0 && (store.tlsOnly ?? []).length === 0) changes.push({ severity: 'review', category: 'tls', stack: store.stack, logicalId: store.logicalId, message: `${store.name}: TLS-only enforcement removed` });
  }
  for (const key of a.ofType('AWS::KMS::Key')) {
    const now = b.get(key);
    if (now && key.properties.EnableKeyRotation === true && now.properties.EnableKeyRotation !== true) changes.push({ severity: 'review', category: 'encryption', stack: key.stack, logicalId: key.logicalId, message: `${a.label(key)}: automatic key rotation turned off` });
  }

  // Retention.
  const ra = retentionInventory(a, classifyStores(a), NEUTRAL_SCHEDULE);
  const rb = retentionInventory(b, classifyStores(b), NEUTRAL_SCHEDULE);
  for (const now of rb) {
    const old = ra.find((x) => keyOf(x) === keyOf(now));
    if (!old || old.retention === now.retention) continue;
    const shorter = old.keptDays === undefined ? now.keptDays !== undefined : now.keptDays !== undefined && now.keptDays < old.keptDays;
    const lockShorter = /Object Lock \w+ (\d+)/.exec(old.retention) && (!/Object Lock \w+ (\d+)/.exec(now.retention) || Number(/Object Lock \w+ (\d+)/.exec(now.retention)![1]) < Number(/Object Lock \w+ (\d+)/.exec(old.retention)![1]));
    changes.push({ severity: shorter || lockShorter ? 'review' : 'info', category: 'retention', stack: now.stack, logicalId: now.logicalId, message: `${now.name}: retention ${shorter || lockShorter ? 'shortened' : 'changed'} from "${old.retention}" to "${now.retention}"` });
    if (old.onDelete !== now.onDelete) changes.push({ severity: 'review', category: 'stateful', stack: now.stack, logicalId: now.logicalId, message: `${now.name}: ${old.onDelete} → ${now.onDelete}` });
  }

  // Exposure.
  const xa = exposureInventory(a, sa);
  for (const e of exposureInventory(b, sb)) {
    if (xa.some((x) => keyOf(x) === keyOf(e) && x.what === e.what)) continue;
    changes.push({ severity: e.kind === 'network endpoint' ? 'review' : 'info', category: 'exposure', stack: e.stack, logicalId: e.logicalId, message: `new ${e.kind}: ${e.name}: ${e.what}` });
  }

  // Stateful resources deleted, renamed or replaced.
  for (const old of a.resources.filter((r) => STATEFUL.has(r.type))) {
    const now = b.get(old);
    if (!now || now.type !== old.type) {
      const moved = b.resources.find((r) => r.type === old.type && r.path === old.path);
      changes.push({
        severity: 'review',
        category: 'stateful',
        stack: old.stack,
        logicalId: old.logicalId,
        message: moved
          ? `${a.label(old)} (${old.type}): logical id changed from ${old.logicalId} to ${moved.logicalId}: CloudFormation creates a new resource and deletes or orphans the old one`
          : `${a.label(old)} (${old.type}) deleted from the template${old.resource.DeletionPolicy === 'Retain' ? ' (retained in the account, no longer managed)' : ' and will be deleted'}`,
      });
      continue;
    }
    for (const prop of REPLACING[old.type] ?? []) {
      if (JSON.stringify(old.properties[prop]) !== JSON.stringify(now.properties[prop])) {
        changes.push({ severity: 'review', category: 'stateful', stack: old.stack, logicalId: old.logicalId, message: `${a.label(old)} (${old.type}): ${prop} changed from ${JSON.stringify(old.properties[prop]) ?? '(absent)'} to ${JSON.stringify(now.properties[prop]) ?? '(absent)'}: CloudFormation replaces the resource` });
      }
    }
    if (old.resource.DeletionPolicy === 'Retain' && now.resource.DeletionPolicy !== 'Retain' && !ra.some((x) => keyOf(x) === keyOf(old))) {
      changes.push({ severity: 'review', category: 'stateful', stack: old.stack, logicalId: old.logicalId, message: `${a.label(old)}: no longer retained when the stack is deleted` });
    }
  }

  // Acknowledgements, per resource. The kit acknowledges on a construct and cdk-nag writes the
  // acknowledgement on each of its CloudFormation resources (a bucket and its policy): a change
  // is reported once, on the outermost resource of the construct.
  const ackKey = (x: { stack: string; logicalId: string; id: string; reason: string }) => `${x.stack}|${x.logicalId}|${x.id}|${x.reason}`;
  const ackChanges = (from: Assembly, to: Assembly) => {
    const present = new Set(to.acknowledgements().map(ackKey));
    const changed = from.acknowledgements().filter((x) => !present.has(ackKey(x)));
    const label = (x: (typeof changed)[number]) => from.label(x);
    return changed.filter((x) => !changed.some((y) => y !== x && y.stack === x.stack && y.id === x.id && y.reason === x.reason && label(x).startsWith(`${label(y)}/`)));
  };
  for (const x of ackChanges(b, a)) changes.push({ severity: 'review', category: 'acknowledgement', stack: x.stack, logicalId: x.logicalId, message: `acknowledgement added: ${x.id} on ${b.label(x)}: ${x.reason}` });
  for (const x of ackChanges(a, b)) changes.push({ severity: 'info', category: 'acknowledgement', stack: x.stack, logicalId: x.logicalId, message: `acknowledgement removed: ${x.id} on ${a.label(x)}` });

  // Controls losing evidence.
  for (const now of packs?.after ?? []) {
    const old = packs?.before.find((p) => p.jurisdiction.id === now.jurisdiction.id);
    if (!old) continue;
    for (const c of now.matrix) {
      const was = old.matrix.find((x) => x.id === c.id)!;
      const evKey = (e: { stack: string; logicalId: string; path: string }) => `${e.stack}|${e.logicalId}|${e.path}`;
      const lost = was.evidence.filter((e) => !c.evidence.some((n) => evKey(n) === evKey(e)));
      if (was.responsibility !== c.responsibility) changes.push({ severity: 'review', category: 'control', stack: now.jurisdiction.id, message: `${c.label}: responsibility changed from ${was.responsibility} to ${c.responsibility}` });
      if (lost.length > 0) changes.push({ severity: 'review', category: 'control', stack: now.jurisdiction.id, message: `${c.label}: lost ${lost.length} evidence item${lost.length === 1 ? '' : 's'} (${lost.slice(0, 3).map((e) => `${e.logicalId} ${e.path}`).join('; ')}${lost.length > 3 ? '; …' : ''})` });
      const newGaps = c.gaps.filter((g) => !was.gaps.includes(g));
      for (const g of newGaps) changes.push({ severity: 'review', category: 'control', stack: now.jurisdiction.id, message: `${c.label}: new gap: ${g}` });
    }
  }
  return changes;
}

/** Renders changes as Markdown. */
export function diffMarkdown(changes: readonly Change[]): string {
  if (changes.length === 0) return 'No security-relevant change.\n';
  const review = changes.filter((c) => c.severity === 'review');
  const info = changes.filter((c) => c.severity === 'info');
  const section = (title: string, list: readonly Change[]) => (list.length ? [`## ${title} (${list.length})`, '', ...list.map((c) => `- **${c.category}** \`${c.stack}${c.logicalId ? `/${c.logicalId}` : ''}\`: ${c.message}`), ''] : []);
  return [`# Security-relevant changes`, '', ...section('Needs review', review), ...section('For information', info)].join('\n');
}
