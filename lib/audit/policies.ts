import { AcknowledgedFinding, ResourceRef } from './types';
import { asList, Assembly, AssemblyResource, flatten } from './model';

/**
 * Every permission statement of the assembly, normalized: identity policies (inline, managed,
 * role inline policies), trust policies, key policies, resource policies (S3, SNS, Lex) and
 * Lambda permissions, each with its actions, resources, conditions, the wildcards in it and the
 * acknowledgement that justifies each wildcard.
 */

/** Where a statement comes from. */
export type StatementKind = 'identity' | 'trust' | 'key' | 'resource';

/** A wildcard in a statement and what justifies it. */
export interface Wildcard {
  /** `action` or `resource`. */
  readonly on: 'action' | 'resource';
  /** The wildcard value, e.g. `s3:List*` or `*`. */
  readonly value: string;
  /** The acknowledgement naming it, when one exists. */
  readonly acknowledgement?: AcknowledgedFinding;
  /**
   * Why a key-policy wildcard is acceptable, when it follows a known pattern (cdk-nag does not
   * check key policies, so they carry no acknowledgement).
   */
  readonly explanation?: string;
}

const ACCOUNT_ROOT = /^AWS:(arn:[^:]+:iam::(\d{12}|<AWS::AccountId>):root|<AWS::AccountId>|\d{12})$/;

/** Explains a wildcard action in a key policy, or leaves it to review. */
function keyPolicyExplanation(principals: readonly string[], action: string, conditions: unknown): string | undefined {
  if (principals.length > 0 && principals.every((p) => ACCOUNT_ROOT.test(p))) {
    return `AWS KMS key policy for the account itself: ${action} is exercised only by principals that IAM policies in this account allow (AWS KMS Developer Guide, 'Default key policy'); in a key policy Resource * is this key.`;
  }
  if (principals.length > 0 && principals.every((p) => p.startsWith('Service:')) && conditions !== undefined) {
    return `An AWS service (${principals.map((p) => p.slice('Service:'.length)).join(', ')}) may use this key only under the statement's conditions; ${action} is the family of variants that service calls for envelope encryption.`;
  }
  return undefined;
}

/** One normalized policy statement. */
export interface Statement {
  /** The resource that holds the statement. */
  readonly source: ResourceRef & { readonly type: string };
  readonly kind: StatementKind;
  /** JSON path of the statement inside its resource. */
  readonly path: string;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  /** Principals, flattened (`AWS:*`, `Service:connect.amazonaws.com`); empty for identity policies. */
  readonly principals: readonly string[];
  readonly actions: readonly string[];
  /** Resources, flattened as cdk-nag shows them (`<Bucket.Arn>/*`). */
  readonly resources: readonly string[];
  /** Resources of the assembly the statement names. */
  readonly resourceRefs: readonly ResourceRef[];
  /** Conditions as written. */
  readonly conditions?: Record<string, unknown>;
  /** The roles the statement is granted to (identity policies), or the resources a resource policy protects. */
  readonly appliesTo: readonly ResourceRef[];
  readonly wildcards: readonly Wildcard[];
}

function principalsOf(principal: unknown): string[] {
  if (principal === undefined) return [];
  if (principal === '*') return ['*'];
  return Object.entries(principal as Record<string, unknown>).flatMap(([kind, values]) => asList(values).map((v) => `${kind}:${flatten(v)}`));
}

function documentStatements(document: unknown): Array<{ statement: Record<string, unknown>; index: number }> {
  const doc = typeof document === 'string' ? safeJson(document) : document;
  return asList<Record<string, unknown>>((doc as Record<string, unknown> | undefined)?.Statement).map((statement, index) => ({ statement, index }));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Reads every statement in the assembly. */
export function readStatements(assembly: Assembly): Statement[] {
  const out: Statement[] = [];
  const push = (
    r: AssemblyResource,
    kind: StatementKind,
    docPath: string,
    document: unknown,
    appliesTo: ResourceRef[],
    acks: readonly AcknowledgedFinding[],
  ) => {
    for (const { statement, index } of documentStatements(document)) {
      const actions = asList(statement.Action).map((v) => flatten(v));
      const resourcesRaw = asList(statement.Resource);
      const resources = resourcesRaw.map((v) => flatten(v));
      const wildcards: Wildcard[] = [];
      if (kind === 'identity' || kind === 'resource') {
        for (const a of actions.filter((x) => x.includes('*'))) {
          wildcards.push({ on: 'action', value: a, acknowledgement: acks.find((k) => k.id === `AwsSolutions-IAM5[Action::${a}]`) });
        }
      }
      if (kind === 'key') {
        const principals = principalsOf(statement.Principal);
        for (const a of actions.filter((x) => x.includes('*'))) wildcards.push({ on: 'action', value: a, explanation: keyPolicyExplanation(principals, a, statement.Condition) });
      }
      if (kind === 'identity') {
        for (const res of resources.filter((x) => x.includes('*'))) {
          wildcards.push({ on: 'resource', value: res, acknowledgement: acks.find((k) => k.id === `AwsSolutions-IAM5[Resource::${res}]`) });
        }
      }
      const effect = statement.Effect === 'Deny' ? 'Deny' : 'Allow';
      out.push({
        source: { stack: r.stack, logicalId: r.logicalId, type: r.type },
        kind,
        path: `${docPath}.Statement[${index}]`,
        sid: typeof statement.Sid === 'string' ? statement.Sid : undefined,
        effect,
        principals: principalsOf(statement.Principal),
        actions,
        resources,
        resourceRefs: assembly.refsIn(resourcesRaw, r.stack),
        conditions: statement.Condition as Record<string, unknown> | undefined,
        appliesTo,
        // A wildcard in a Deny only narrows access.
        wildcards: effect === 'Deny' ? [] : wildcards,
      });
    }
  };
  const roleAcks = (roles: ResourceRef[], own: readonly AcknowledgedFinding[]) => [...own, ...roles.flatMap((ref) => assembly.get(ref)?.acknowledgements ?? [])];

  for (const r of assembly.resources) {
    const p = r.properties;
    switch (r.type) {
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy': {
        // A managed policy also reaches the roles that list it in ManagedPolicyArns (possibly in another stack).
        const attached = r.type === 'AWS::IAM::ManagedPolicy' ? assembly.ofType('AWS::IAM::Role').filter((role) => assembly.refsIn(role.properties.ManagedPolicyArns, role.stack).some((ref) => ref.stack === r.stack && ref.logicalId === r.logicalId)) : [];
        const roles = [...assembly.refsIn(p.Roles, r.stack), ...attached.map((role) => ({ stack: role.stack, logicalId: role.logicalId }))];
        push(r, 'identity', 'Properties.PolicyDocument', p.PolicyDocument, roles, roleAcks(roles, r.acknowledgements));
        break;
      }
      case 'AWS::IAM::Role': {
        push(r, 'trust', 'Properties.AssumeRolePolicyDocument', p.AssumeRolePolicyDocument, [r], r.acknowledgements);
        asList<Record<string, unknown>>(p.Policies).forEach((policy, i) => push(r, 'identity', `Properties.Policies[${i}].PolicyDocument`, policy.PolicyDocument, [r], r.acknowledgements));
        break;
      }
      case 'AWS::KMS::Key':
        push(r, 'key', 'Properties.KeyPolicy', p.KeyPolicy, [r], r.acknowledgements);
        break;
      case 'AWS::S3::BucketPolicy':
        push(r, 'resource', 'Properties.PolicyDocument', p.PolicyDocument, assembly.refsIn(p.Bucket, r.stack), r.acknowledgements);
        break;
      case 'AWS::SNS::TopicPolicy':
        push(r, 'resource', 'Properties.PolicyDocument', p.PolicyDocument, assembly.refsIn(p.Topics, r.stack), r.acknowledgements);
        break;
      case 'AWS::SQS::QueuePolicy':
        push(r, 'resource', 'Properties.PolicyDocument', p.PolicyDocument, assembly.refsIn(p.Queues, r.stack), r.acknowledgements);
        break;
      case 'AWS::Lex::ResourcePolicy':
        push(r, 'resource', 'Properties.Policy', p.Policy, assembly.refsIn(p.ResourceArn, r.stack), r.acknowledgements);
        break;
      case 'AWS::Logs::ResourcePolicy':
        push(r, 'resource', 'Properties.PolicyDocument', p.PolicyDocument, [], r.acknowledgements);
        break;
      case 'AWS::Lambda::Permission': {
        const condition: Record<string, unknown> = {};
        if (p.SourceAccount !== undefined) condition.StringEquals = { 'aws:SourceAccount': p.SourceAccount };
        if (p.SourceArn !== undefined) condition.ArnLike = { 'aws:SourceArn': p.SourceArn };
        const principal = typeof p.Principal === 'string' && p.Principal.endsWith('.amazonaws.com') ? { Service: p.Principal } : { AWS: p.Principal };
        const document = {
          Statement: [{ Effect: 'Allow', Principal: principal, Action: p.Action, Resource: p.FunctionName, ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}) }],
        };
        // The statement is synthesized from the permission's properties; its path is the resource's.
        for (const s of documentStatementsToStatements(assembly, r, document)) out.push(s);
        break;
      }
      default:
        break;
    }
  }
  return out;
}

function documentStatementsToStatements(assembly: Assembly, r: AssemblyResource, document: { Statement: Array<Record<string, unknown>> }): Statement[] {
  const s = document.Statement[0];
  return [
    {
      source: { stack: r.stack, logicalId: r.logicalId, type: r.type },
      kind: 'resource',
      path: 'Properties',
      effect: 'Allow',
      principals: principalsOf(s.Principal),
      actions: asList(s.Action).map((v) => flatten(v)),
      resources: asList(s.Resource).map((v) => flatten(v)),
      resourceRefs: assembly.refsIn(s.Resource, r.stack),
      conditions: s.Condition as Record<string, unknown> | undefined,
      appliesTo: assembly.refsIn(s.Resource, r.stack),
      wildcards: [],
    },
  ];
}

/** True when an action pattern (`kms:GenerateDataKey*`, `kms:*`, `*`) covers the service prefix. */
export function actionsOfService(actions: readonly string[], service: string): string[] {
  return actions.filter((a) => a === '*' || a.toLowerCase().startsWith(`${service.toLowerCase()}:`));
}

/** The condition keys a statement tests, flattened: `aws:SecureTransport = false`. */
export function describeConditions(conditions: Record<string, unknown> | undefined): string[] {
  if (!conditions) return [];
  return Object.entries(conditions).flatMap(([operator, tests]) =>
    Object.entries(tests as Record<string, unknown>).map(([key, value]) => `${key} ${operator} ${asList(value).map((v) => flatten(v)).join(' | ')}`),
  );
}

/** True for a TLS-only statement: deny every request that is not over TLS (or below TLS 1.2). */
export function isTlsOnlyDeny(s: Statement): boolean {
  if (s.effect !== 'Deny' || !s.conditions) return false;
  const bool = (s.conditions.Bool as Record<string, unknown> | undefined)?.['aws:SecureTransport'];
  return String(bool) === 'false';
}
