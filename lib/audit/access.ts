import { asList, Assembly, evidence, flatten, keyOf } from './model';
import { describeConditions, Statement, Wildcard } from './policies';
import type { Evidence, ResourceRef } from './types';

/**
 * The identity and access inventory: every role (who can assume it, what it may do), every
 * resource policy (who may reach the resource), every wildcard with the acknowledgement that
 * justifies it, and every Amazon Connect security profile in plain words; plus the exposure
 * inventory (what is reachable from outside the account).
 */

/** A statement as the inventory shows it. */
export interface AccessStatement {
  readonly source: ResourceRef & { readonly type: string; readonly path: string };
  readonly effect: 'Allow' | 'Deny';
  readonly principals: readonly string[];
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly conditions: readonly string[];
  readonly wildcards: readonly Wildcard[];
}

/** A role with its trust and permissions. */
export interface RoleEntry extends ResourceRef {
  readonly name: string;
  /** Who may assume it. */
  readonly trustedBy: readonly string[];
  readonly managedPolicies: readonly string[];
  readonly statements: readonly AccessStatement[];
}

/** A resource policy (bucket, topic, bot alias, key, function permission). */
export interface ResourcePolicyEntry extends ResourceRef {
  readonly type: string;
  readonly name: string;
  /** The resources it protects. */
  readonly protects: readonly string[];
  readonly statements: readonly AccessStatement[];
}

/** An Amazon Connect security profile. */
export interface SecurityProfileEntry extends ResourceRef {
  readonly profile: string;
  readonly description: string;
  readonly permissions: readonly string[];
  /** The permissions in plain words. */
  readonly plain: readonly string[];
  /** What it means for caller content. */
  readonly contactContent: string;
}

/** A statement with a wildcard and its justification. */
export interface WildcardEntry {
  readonly statement: AccessStatement;
  readonly wildcard: Wildcard;
  /** The role or resource the statement belongs to. */
  readonly holder: string;
}

/** The identity and access inventory. */
export interface AccessInventory {
  readonly roles: readonly RoleEntry[];
  readonly resourcePolicies: readonly ResourcePolicyEntry[];
  readonly securityProfiles: readonly SecurityProfileEntry[];
  readonly wildcards: readonly WildcardEntry[];
}

/** One way into the system from outside the account. */
export interface ExposureEntry extends ResourceRef {
  readonly type: string;
  readonly name: string;
  /** `network endpoint` or `telephone number` (public by design). */
  readonly kind: 'network endpoint' | 'telephone number';
  readonly what: string;
  /** The AWS WAF web ACL in front of a network endpoint, when one is associated with it. */
  readonly protectedBy?: string;
  readonly evidence: readonly Evidence[];
}

const toAccess = (s: Statement): AccessStatement => ({
  source: { ...s.source, path: s.path },
  effect: s.effect,
  principals: s.principals,
  actions: s.actions,
  resources: s.resources,
  conditions: describeConditions(s.conditions),
  wildcards: s.wildcards,
});

/** Builds the access inventory. */
export function accessInventory(assembly: Assembly, statements: readonly Statement[]): AccessInventory {
  const roles: RoleEntry[] = assembly.ofType('AWS::IAM::Role').map((role) => {
    const trust = statements.filter((s) => s.kind === 'trust' && keyOf(s.source) === keyOf(role));
    const granted = statements.filter((s) => s.kind === 'identity' && s.appliesTo.some((a) => keyOf(a) === keyOf(role)));
    return {
      stack: role.stack,
      logicalId: role.logicalId,
      name: assembly.label(role),
      trustedBy: trust.flatMap((s) => s.principals.map((p) => (s.conditions ? `${p} (if ${describeConditions(s.conditions).join(' and ')})` : p))),
      managedPolicies: asList(role.properties.ManagedPolicyArns).map((v) => flatten(v)),
      statements: granted.map(toAccess),
    };
  });
  const policyHolders = statements.filter((s) => s.kind === 'resource' || s.kind === 'key');
  const bySource = new Map<string, Statement[]>();
  for (const s of policyHolders) bySource.set(keyOf(s.source), [...(bySource.get(keyOf(s.source)) ?? []), s]);
  const resourcePolicies: ResourcePolicyEntry[] = [...bySource.values()].map((list) => {
    const r = assembly.get(list[0].source)!;
    return {
      stack: r.stack,
      logicalId: r.logicalId,
      type: r.type,
      name: assembly.label(r),
      protects: [...new Set(list.flatMap((s) => s.appliesTo.map((a) => assembly.label(a))))],
      statements: list.map(toAccess),
    };
  });
  const wildcards: WildcardEntry[] = statements
    .filter((s) => s.kind !== 'trust')
    .flatMap((s) =>
      s.wildcards.map((w) => ({
        statement: toAccess(s),
        wildcard: w,
        holder: s.kind === 'identity' ? s.appliesTo.map((a) => assembly.label(a)).join(', ') || assembly.label(s.source) : assembly.label(s.source),
      })),
    );
  const securityProfiles: SecurityProfileEntry[] = assembly.ofType('AWS::Connect::SecurityProfile').map((profile) => {
    const permissions = asList<string>(profile.properties.Permissions).map(String);
    return {
      stack: profile.stack,
      logicalId: profile.logicalId,
      profile: String(profile.properties.SecurityProfileName ?? assembly.label(profile)),
      description: String(profile.properties.Description ?? ''),
      permissions,
      plain: permissions.map(plainPermission),
      contactContent: contactContent(permissions),
    };
  });
  return { roles, resourcePolicies, securityProfiles, wildcards };
}

const SPECIAL: Readonly<Record<string, string>> = {
  BasicAgentAccess: 'take contacts in the Contact Control Panel',
  OutboundCallAccess: 'place outbound calls',
  AccessMetrics: 'see real-time and historical metrics',
  ManagerListenIn: 'listen in on and barge into live calls',
  ListenCallRecordings: 'listen to unredacted call recordings and read unredacted chat transcripts',
  'RedactedData.View': 'listen to redacted recordings and read redacted transcripts',
  'ContactSearch.View': 'search contacts and open their records',
  'ContactAttributes.View': 'see contact attributes',
  'HistoricalChanges.View': 'see the change history of the configuration',
  'AgentTimeCard.View': 'see agent time cards',
  ChatTestMode: 'test chats in the flow designer',
};

const NOUNS: Readonly<Record<string, string>> = {
  Users: 'users',
  SecurityProfiles: 'security profiles',
  AgentGrouping: 'agent hierarchies',
  AgentStates: 'agent statuses',
  RoutingPolicies: 'routing profiles',
  Queues: 'queues',
  HoursOfOperation: 'hours of operation',
  TransferDestinations: 'quick connects',
  TaskTemplates: 'task templates',
  PhoneNumbers: 'phone numbers',
  Prompts: 'prompts',
  ContactFlows: 'contact flows',
  ContactFlowModules: 'flow modules',
  MetricsReports: 'metrics reports',
  ReportSchedules: 'report schedules',
  Rules: 'Contact Lens rules',
  ConfigureContactAttributes: 'contact attribute settings',
};

const VERBS: Readonly<Record<string, string>> = {
  Create: 'create',
  Edit: 'edit',
  Delete: 'delete',
  View: 'view',
  EnableAndDisable: 'enable and disable',
  EditPermission: 'change the permissions of',
  Publish: 'publish',
  Share: 'share',
  Schedule: 'schedule',
  Claim: 'claim',
  Release: 'release',
};

/** An Amazon Connect security-profile permission in plain words (`Users.Create` → `create users`). */
export function plainPermission(permission: string): string {
  if (SPECIAL[permission]) return SPECIAL[permission];
  const [noun, verb] = permission.split('.');
  if (NOUNS[noun] && VERBS[verb]) return `${VERBS[verb]} ${NOUNS[noun]}`;
  return permission;
}

function contactContent(permissions: readonly string[]): string {
  const unredacted = permissions.includes('ListenCallRecordings');
  const redacted = permissions.includes('RedactedData.View');
  if (unredacted) return 'unredacted recordings and transcripts (redacted ones where Contact Lens produced them)';
  if (redacted) return 'redacted recordings and transcripts only';
  if (permissions.includes('BasicAgentAccess')) return 'only the live contacts routed to the user';
  return 'none';
}

/** Builds the exposure inventory: network endpoints reachable from outside the account, and public phone numbers. */
export function exposureInventory(assembly: Assembly, statements: readonly Statement[]): ExposureEntry[] {
  const out: ExposureEntry[] = [];
  const NETWORK_TYPES: Readonly<Record<string, string>> = {
    'AWS::ApiGateway::RestApi': 'REST API',
    'AWS::ApiGatewayV2::Api': 'HTTP or WebSocket API',
    'AWS::Lambda::Url': 'Lambda function URL',
    'AWS::ElasticLoadBalancingV2::LoadBalancer': 'load balancer',
    'AWS::ElasticLoadBalancing::LoadBalancer': 'load balancer',
    'AWS::EC2::EIP': 'public IP address',
    'AWS::CloudFront::Distribution': 'CloudFront distribution',
    'AWS::AppSync::GraphQLApi': 'GraphQL API',
  };
  const wafAssociations = assembly.resources.filter((x) => x.type === 'AWS::WAFv2::WebACLAssociation');
  for (const r of assembly.resources) {
    const kind = NETWORK_TYPES[r.type];
    if (kind && !(r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer' && r.properties.Scheme === 'internal')) {
      // An association names its resource by an ARN built from the resource's Ref (a stage of a REST API).
      const waf = wafAssociations.find((a) => a.stack === r.stack && JSON.stringify(a.properties.ResourceArn ?? '').includes(`"${r.logicalId}"`));
      const base = { stack: r.stack, logicalId: r.logicalId, type: r.type, name: assembly.label(r), kind: 'network endpoint' as const };
      if (waf) {
        const acl = assembly.label(waf);
        out.push({ ...base, what: `${kind} behind AWS WAF (${acl})`, protectedBy: acl, evidence: [evidence(r, 'Type', kind), evidence(waf, 'Properties.WebACLArn', 'AWS WAF web ACL associated with the endpoint')] });
      } else {
        out.push({ ...base, what: kind, evidence: [evidence(r, 'Type', kind)] });
      }
    }
    if (r.type === 'AWS::S3::Bucket') {
      const block = r.properties.PublicAccessBlockConfiguration as Record<string, unknown> | undefined;
      const open = !block || ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'].some((k) => block[k] !== true);
      const publicAllow = statements.some((s) => s.kind === 'resource' && s.effect === 'Allow' && s.principals.some((p) => p === '*' || p === 'AWS:*') && !s.conditions && s.appliesTo.some((a) => keyOf(a) === keyOf(r)));
      if (open && publicAllow) out.push({ stack: r.stack, logicalId: r.logicalId, type: r.type, name: assembly.label(r), kind: 'network endpoint', what: 'public bucket', evidence: [evidence(r, 'Properties.PublicAccessBlockConfiguration', 'public access not blocked and a policy allows everyone')] });
    }
  }
  for (const s of statements) {
    if (s.kind !== 'resource' || s.effect !== 'Allow' || s.conditions) continue;
    if (s.principals.some((p) => p === '*' || p === 'AWS:*')) {
      const r = assembly.get(s.source)!;
      out.push({ stack: r.stack, logicalId: r.logicalId, type: r.type, name: assembly.label(r), kind: 'network endpoint', what: `a policy allows anyone: ${s.actions.join(', ')}`, evidence: [evidence(r, s.path, 'Allow to every principal without a condition')] });
    }
  }
  for (const r of assembly.resources.filter((x) => x.type === 'Custom::ConnectPhoneNumber' || x.type === 'AWS::Connect::PhoneNumber')) {
    out.push({
      stack: r.stack,
      logicalId: r.logicalId,
      type: r.type,
      name: assembly.label(r),
      kind: 'telephone number',
      what: `${String(r.properties.Type ?? 'phone')} number ${r.properties.Prefix ? `with prefix ${String(r.properties.Prefix)} ` : ''}routed to a contact flow: callers reach the system by design`,
      evidence: [evidence(r, 'Properties.ContactFlowArn', 'the flow that answers the number')],
    });
  }
  return out;
}

