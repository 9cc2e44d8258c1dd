import type { AccessInventory, ExposureEntry } from './access';
import type { DataKind } from './dataflow';
import type { EncryptionInventory } from './encryption';
import type { DeployedFlow } from './flows';
import { Assembly, at, evidence, keyOf } from './model';
import type { Statement } from './policies';
import type { RetentionEntry } from './retention';
import type { Store } from './stores';
import type { AcknowledgedFinding, BaselineControl, Evidence, NagOutcomes, NagRuleInfo } from './types';

/**
 * The control matrix against the FedRAMP Rev 5 Moderate baseline. Each control gets a
 * responsibility (kit-implemented, shared, inherited from AWS GovCloud, agency procedure); a
 * kit or shared claim stands only on evidence read from the templates, and falls back to the
 * agency (with the gap named) when the templates do not show it. The cdk-nag NIST 800-53 rev 5
 * rules that name the control and apply to resources present, and the acknowledgements of those
 * rules, are attached to every control.
 */

/** Who implements a control. */
export type Responsibility = 'kit' | 'shared' | 'aws' | 'agency';

/** Plain words for each responsibility. */
export const RESPONSIBILITY_LABEL: Readonly<Record<Responsibility, string>> = {
  kit: 'kit-implemented',
  shared: 'shared (kit and agency)',
  aws: 'inherited from AWS GovCloud',
  agency: 'agency procedure',
};

/** What the audit core has computed, for control evidence. */
export interface ControlContext {
  readonly assembly: Assembly;
  readonly stores: readonly Store[];
  readonly statements: readonly Statement[];
  readonly encryption: EncryptionInventory;
  readonly retention: readonly RetentionEntry[];
  readonly access: AccessInventory;
  readonly exposure: readonly ExposureEntry[];
  readonly flows: readonly DeployedFlow[];
  readonly dataFlow: readonly DataKind[];
}

/** A nag rule that names a control and applies to resources of the assembly. */
export interface NagCheck {
  readonly rule: string;
  readonly checks: string;
  /** The control id as the rule writes it (`SC-8(1)`, `CP-9d`). */
  readonly names: string;
  /** How many resources the rule checked (recorded outcomes), or of the types it checks (without them). */
  readonly resources: number;
  /** Resources it passed on (`stack/logicalId`), when outcomes were recorded at synthesis. */
  readonly passed?: readonly string[];
  /** Resources it failed on, each acknowledged (synthesis fails otherwise), when recorded. */
  readonly acknowledged?: readonly string[];
}

/** One row of the control matrix. */
export interface ControlEntry {
  /** OSCAL id, e.g. `sc-28`. */
  readonly id: string;
  readonly label: string;
  readonly title: string;
  readonly family: string;
  readonly responsibility: Responsibility;
  /** How the control is met (kit, shared, inherited) or what the agency must do. */
  readonly implementation: string;
  /** For shared controls, the agency's part. */
  readonly agencyPart?: string;
  readonly evidence: readonly Evidence[];
  /** What the evidence shows is missing or wrong. */
  readonly gaps: readonly string[];
  readonly nagChecks: readonly NagCheck[];
  readonly acknowledgements: readonly AcknowledgedFinding[];
}

interface KitControl {
  readonly responsibility: 'kit' | 'shared';
  readonly implementation: string;
  readonly agencyPart?: string;
  readonly evidence: (c: ControlContext) => { evidence: Evidence[]; gaps?: string[] };
}

const res = (c: ControlContext, type: string) => c.assembly.ofType(type);
const networkEndpoints = (c: ControlContext) => c.exposure.filter((e) => e.kind === 'network endpoint');
/** Evidence for endpoints exposed on purpose behind AWS WAF (the web chat API). */
const guardedEndpoints = (c: ControlContext): Evidence[] => networkEndpoints(c).filter((e) => e.protectedBy).flatMap((e) => e.evidence);
/** Gaps: endpoints reachable from outside the account with nothing in front of them. */
const unguardedEndpoints = (c: ControlContext): string[] => networkEndpoints(c).filter((e) => !e.protectedBy).map((e) => `${e.name}: ${e.what}`);

const sc28: KitControl['evidence'] = (c) => {
  const caller = c.encryption.stores.filter((s) => s.callerData);
  return {
    evidence: caller.flatMap((s) => s.evidence),
    gaps: caller.filter((s) => s.atRest !== 'customer-managed key').map((s) => `${s.name} holds caller data without a customer-managed key (${s.atRest})`),
  };
};

const sc8: KitControl['evidence'] = (c) => {
  const guarded = c.encryption.stores.filter((s) => s.tlsOnly !== undefined);
  return {
    evidence: guarded.flatMap((s) => s.tlsOnly ?? []),
    gaps: guarded.filter((s) => (s.tlsOnly ?? []).length === 0).map((s) => `${s.name} accepts requests without TLS (no TLS-only policy)`),
  };
};

const au11: KitControl['evidence'] = (c) => {
  const scheduled = c.retention.filter((r) => r.scheduled !== undefined);
  return { evidence: scheduled.flatMap((r) => r.evidence), gaps: scheduled.flatMap((r) => r.problems.map((p) => `${r.name}: ${p}`)) };
};

const ac6: KitControl['evidence'] = (c) => {
  const identity = c.statements.filter((s) => s.kind === 'identity' && s.effect === 'Allow');
  const scoped = identity.filter((s) => s.wildcards.length === 0);
  return {
    evidence: [
      ...c.access.wildcards.map((w) =>
        evidence(
          c.assembly.get(w.statement.source)!,
          w.statement.source.path,
          `${w.wildcard.on} wildcard ${w.wildcard.value} for ${w.holder}: ${w.wildcard.acknowledgement ? `acknowledged: ${w.wildcard.acknowledgement.reason}` : w.wildcard.explanation ? `key policy: ${w.wildcard.explanation}` : 'NOT acknowledged'}`,
        ),
      ),
      ...scoped.map((s) => evidence(c.assembly.get(s.source)!, s.path, `${s.actions.join(', ')} on ${s.resources.join(', ')} only`)),
    ],
    gaps: c.access.wildcards
      .filter((w) => !w.wildcard.acknowledgement && !w.wildcard.explanation)
      .map((w) =>
        w.statement.source.type === 'AWS::KMS::Key'
          ? `${w.holder}: key-policy wildcard ${w.wildcard.value} for ${w.statement.principals.join(', ')} has no condition: review`
          : `${w.holder}: wildcard ${w.wildcard.value} has no acknowledgement`,
      ),
  };
};

const profiles = (c: ControlContext, note: (p: AccessInventory['securityProfiles'][number]) => string) =>
  c.access.securityProfiles.map((p) => evidence(c.assembly.get(p)!, 'Properties.Permissions', note(p)));

const KIT_CONTROLS: Readonly<Record<string, KitControl>> = {
  'AC-2': {
    responsibility: 'shared',
    implementation: 'The kit defines the account types as Amazon Connect security profiles (Admin, Supervisor, Agent, Auditor) with fixed permissions.',
    agencyPart: 'Create, approve, review and disable user accounts and assign them to these profiles; identity comes from the agency IdP when SAML is used.',
    evidence: (c) => ({ evidence: profiles(c, (p) => `${p.profile}: ${p.permissions.length} permissions`) }),
  },
  'AC-3': {
    responsibility: 'kit',
    implementation: 'Every service-to-service grant names one resource and, for service principals, the calling instance and account (aws:SourceArn, aws:SourceAccount).',
    evidence: (c) => {
      const conditioned = c.statements.filter((s) => (s.kind === 'resource' || s.kind === 'key') && s.effect === 'Allow' && s.principals.some((p) => p.startsWith('Service:')));
      return {
        evidence: conditioned.map((s) => evidence(c.assembly.get(s.source)!, s.path, `${s.principals.join(', ')} may ${s.actions.join(', ')}${s.conditions ? ' only with conditions' : ' WITHOUT a condition'}`)),
        gaps: conditioned.filter((s) => !s.conditions).map((s) => `${c.assembly.label(s.source)}: ${s.principals.join(', ')} granted without a source condition`),
      };
    },
  },
  'AC-4': {
    responsibility: 'kit',
    implementation: 'Caller data moves only along the paths the templates grant: key policies and resource policies let a service principal act only for this Amazon Connect instance and account.',
    evidence: (c) => ({
      evidence: c.statements
        .filter((s) => (s.kind === 'key' || s.kind === 'resource') && s.effect === 'Allow' && JSON.stringify(s.conditions ?? {}).includes('aws:SourceArn'))
        .map((s) => evidence(c.assembly.get(s.source)!, `${s.path}.Condition`, `${s.principals.join(', ')} limited to a source ARN`)),
    }),
  },
  'AC-5': {
    responsibility: 'shared',
    implementation: 'Duties are split across security profiles: only Admin manages users and profiles; the Auditor profile reads configuration and changes nothing and sees no contact content; agents see only their own contacts.',
    agencyPart: 'Assign different people to Admin and Auditor; review assignments.',
    evidence: (c) => ({ evidence: profiles(c, (p) => `${p.profile} sees ${p.contactContent}`) }),
  },
  'AC-6': {
    responsibility: 'kit',
    implementation: 'Each role is granted named actions on named resources; every wildcard is listed with the acknowledgement that justifies it.',
    evidence: ac6,
  },
  'AC-6(1)': {
    responsibility: 'shared',
    implementation: 'Only the Admin security profile may change users and security profiles.',
    agencyPart: 'Give the Admin profile to designated administrators only.',
    evidence: (c) => ({ evidence: profiles(c, (p) => (p.permissions.some((x) => x.startsWith('SecurityProfiles.Edit') || x === 'Users.EditPermission') ? `${p.profile} may change access` : `${p.profile} may not change access`)) }),
  },
  'AC-6(10)': {
    responsibility: 'shared',
    implementation: 'Agent and Auditor profiles carry no permission to create, edit or delete configuration or users.',
    agencyPart: 'Assign non-administrators only to those profiles.',
    evidence: (c) => {
      const nonAdmin = c.access.securityProfiles.filter((p) => /Agent|Auditor/.test(p.profile));
      const privileged = (p: (typeof nonAdmin)[number]) => p.permissions.filter((x) => /\.(Create|Edit|Delete|EditPermission|EnableAndDisable)$/.test(x));
      return {
        evidence: nonAdmin.map((p) => evidence(c.assembly.get(p)!, 'Properties.Permissions', `${p.profile}: ${privileged(p).length} privileged permissions`)),
        gaps: nonAdmin.filter((p) => privileged(p).length > 0).map((p) => `${p.profile} has privileged permissions: ${privileged(p).join(', ')}`),
      };
    },
  },
  'AU-2': {
    responsibility: 'shared',
    implementation: 'The kit turns on the logs the contact center produces: contact flow logs, function logs, delivery error logs, S3 server access logs and contact trace records.',
    agencyPart: 'Select the account-level events (AWS CloudTrail) and coordinate the event list with the agency audit function.',
    evidence: (c) => ({
      evidence: [
        ...res(c, 'AWS::Connect::Instance').map((i) => evidence(i, 'Properties.Attributes.ContactflowLogs', 'contact flow logs on')),
        ...res(c, 'AWS::S3::Bucket').filter((b) => b.properties.LoggingConfiguration).map((b) => evidence(b, 'Properties.LoggingConfiguration', 'S3 server access logging')),
        ...res(c, 'AWS::Lambda::Function').filter((f) => at(f.properties, 'LoggingConfig.LogGroup')).map((f) => evidence(f, 'Properties.LoggingConfig', 'function logs to its own log group')),
        ...res(c, 'AWS::Connect::InstanceStorageConfig').filter((s) => s.properties.ResourceType === 'CONTACT_TRACE_RECORDS').map((s) => evidence(s, 'Properties', 'contact trace records delivered')),
      ],
    }),
  },
  'AU-3': {
    responsibility: 'shared',
    implementation: 'Contact trace records (who, when, which queue, agent and outcome) are delivered for every contact; flows enable flow logging at their first action.',
    agencyPart: 'Define any additional content the agency requires in audit records.',
    evidence: (c) => ({
      evidence: [
        ...res(c, 'AWS::Connect::InstanceStorageConfig').filter((s) => s.properties.ResourceType === 'CONTACT_TRACE_RECORDS').map((s) => evidence(s, 'Properties.KinesisFirehoseConfig', 'contact trace records')),
        ...c.flows.filter((f) => f.actions.some((a) => a.Type === 'UpdateFlowLoggingBehavior' && a.Parameters?.FlowLoggingBehavior === 'Enabled')).map((f) => evidence(c.assembly.get(f)!, 'Properties.Content', `flow ${f.name} enables flow logging`)),
      ],
    }),
  },
  'AU-6': {
    responsibility: 'shared',
    implementation: 'A dashboard and alarms (to an encrypted SNS topic) surface failures and unusual activity.',
    agencyPart: 'Review the logs, dashboards and alarms at the agency-defined frequency and report findings.',
    evidence: (c) => ({
      evidence: [
        ...res(c, 'AWS::CloudWatch::Alarm').map((a) => evidence(a, 'Properties.MetricName', `alarm on ${String(a.properties.MetricName ?? 'a metric expression')}`)),
        ...res(c, 'AWS::CloudWatch::Dashboard').map((d) => evidence(d, 'Type', 'operations dashboard')),
      ],
    }),
  },
  'AU-7': {
    responsibility: 'shared',
    implementation: 'Contact records and survey answers are catalogued in Glue and queried in an Athena workgroup with saved queries.',
    agencyPart: 'Produce the reports auditors request from these queries.',
    evidence: (c) => ({ evidence: [...res(c, 'AWS::Glue::Table'), ...res(c, 'AWS::Athena::NamedQuery')].map((r) => evidence(r, 'Type', c.assembly.label(r))) }),
  },
  'AU-9': {
    responsibility: 'kit',
    implementation: 'Logs are encrypted with a customer-managed key; records buckets are versioned with Object Lock; the access-log bucket is private, versioned and TLS-only.',
    evidence: (c) => ({
      evidence: [
        ...c.encryption.stores.filter((s) => s.type === 'AWS::Logs::LogGroup').flatMap((s) => s.evidence),
        ...res(c, 'AWS::S3::Bucket').filter((b) => at(b.properties, 'VersioningConfiguration.Status') === 'Enabled').map((b) => evidence(b, 'Properties.VersioningConfiguration', 'versioned: overwritten or deleted objects are kept')),
        ...res(c, 'AWS::S3::Bucket').filter((b) => b.properties.ObjectLockConfiguration).map((b) => evidence(b, 'Properties.ObjectLockConfiguration', 'Object Lock')),
      ],
      gaps: c.encryption.stores.filter((s) => s.type === 'AWS::Logs::LogGroup' && s.atRest !== 'customer-managed key').map((s) => `${s.name} not encrypted with a customer-managed key`),
    }),
  },
  'AU-11': {
    responsibility: 'kit',
    implementation: "Every record store keeps its records for the period of the jurisdiction's records schedule (config `retention`) and no longer; each retention is compared with the schedule.",
    evidence: au11,
  },
  'AU-12': {
    responsibility: 'shared',
    implementation: 'Logging is configured in the templates for every component that can log (flows, functions, delivery streams, buckets, state machines).',
    agencyPart: 'Enable AWS CloudTrail for the account and keep it on.',
    evidence: (c) => ({
      evidence: [
        ...res(c, 'AWS::Connect::Instance').map((i) => evidence(i, 'Properties.Attributes.ContactflowLogs', 'contact flow logs on')),
        ...res(c, 'AWS::KinesisFirehose::DeliveryStream').filter((f) => at(f.properties, 'ExtendedS3DestinationConfiguration.CloudWatchLoggingOptions.Enabled') === true).map((f) => evidence(f, 'Properties.ExtendedS3DestinationConfiguration.CloudWatchLoggingOptions', 'delivery errors logged')),
        ...res(c, 'AWS::StepFunctions::StateMachine').filter((s) => s.properties.LoggingConfiguration).map((s) => evidence(s, 'Properties.LoggingConfiguration', 'state machine logging')),
      ],
    }),
  },
  'CM-2': {
    responsibility: 'shared',
    implementation: 'The baseline configuration is the synthesized templates: instance settings, routing, security profiles and every contact flow are template properties under version control.',
    agencyPart: 'Approve the baseline and keep prior versions (the git history) for rollback.',
    evidence: (c) => ({
      evidence: [
        ...res(c, 'AWS::Connect::Instance').map((i) => evidence(i, 'Properties.Attributes', 'instance settings')),
        ...c.flows.map((f) => evidence(c.assembly.get(f)!, 'Properties.Name', `flow ${f.name} (content in the template)`)),
      ],
    }),
  },
  'CM-6': {
    responsibility: 'shared',
    implementation: 'Security settings are fixed in code and checked at every synthesis by the cdk-nag NIST 800-53 rev 5 and AWS Solutions packs; a finding that is neither fixed nor acknowledged fails synthesis.',
    agencyPart: 'Approve deviations (the acknowledgements) and monitor settings changed outside the templates (drift).',
    evidence: (c) => ({ evidence: res(c, 'AWS::Connect::Instance').map((i) => evidence(i, 'Properties.Attributes', 'instance settings set by the kit')) }),
  },
  'CM-7': {
    responsibility: 'shared',
    implementation: 'Only the features the config asks for are enabled on the instance; the only network endpoint is the web chat API when the config enables it, behind AWS WAF.',
    agencyPart: 'Review enabled features at each change.',
    evidence: (c) => ({
      evidence: [...res(c, 'AWS::Connect::Instance').map((i) => evidence(i, 'Properties.Attributes', 'enabled instance features')), ...guardedEndpoints(c)],
      gaps: unguardedEndpoints(c),
    }),
  },
  'CM-8': {
    responsibility: 'shared',
    implementation: 'Every resource carries the jurisdiction, system id, owner and data-classification tags, and the audit pack inventories every data store.',
    agencyPart: 'Keep the system inventory, including components outside these templates.',
    evidence: (c) => ({ evidence: c.stores.map((s) => evidence(c.assembly.get(s)!, 'Properties.Tags', `${s.name} tagged`)).filter((e) => e.value !== undefined) }),
  },
  'CP-9': {
    responsibility: 'shared',
    implementation: 'Tables have point-in-time recovery and an AWS Backup plan; buckets are versioned with Object Lock.',
    agencyPart: 'Decide whether a second region is needed (see the acknowledgement on bucket replication), and test restores.',
    evidence: (c) => ({
      evidence: [
        ...res(c, 'AWS::Backup::BackupPlan').map((p) => evidence(p, 'Properties.BackupPlan.BackupPlanRule', 'backup rules')),
        ...res(c, 'AWS::DynamoDB::Table').filter((t) => at(t.properties, 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled') === true).map((t) => evidence(t, 'Properties.PointInTimeRecoverySpecification', 'point-in-time recovery')),
        ...res(c, 'AWS::S3::Bucket').filter((b) => at(b.properties, 'VersioningConfiguration.Status') === 'Enabled').map((b) => evidence(b, 'Properties.VersioningConfiguration', 'versioning')),
      ],
    }),
  },
  'CP-10': {
    responsibility: 'shared',
    implementation: 'Stateful resources are retained when a stack is deleted and can be restored to a point in time; stateless stacks can be redeployed from the templates.',
    agencyPart: 'Keep and exercise the recovery procedure.',
    evidence: (c) => ({
      evidence: c.stores
        .map((s) => c.assembly.get(s)!)
        .filter((r) => r.resource.DeletionPolicy === 'Retain')
        .map((r) => evidence(r, 'DeletionPolicy', `${c.assembly.label(r)} retained on stack deletion`)),
    }),
  },
  'IA-2': {
    responsibility: 'shared',
    implementation: 'The instance identity management type decides who authenticates users.',
    agencyPart: 'With SAML: the agency IdP identifies and authenticates users (PIV/CAC, MFA). With CONNECT_MANAGED: the agency must enforce password policy and should move to SAML for MFA.',
    evidence: (c) => ({ evidence: res(c, 'AWS::Connect::Instance').map((i) => evidence(i, 'Properties.IdentityManagementType', `users authenticated by ${String(i.properties.IdentityManagementType) === 'SAML' ? 'the agency SAML IdP' : 'Amazon Connect'}`)) }),
  },
  'SC-7': {
    responsibility: 'shared',
    implementation: 'No component accepts connections from the internet except the web chat API when the config enables it (behind AWS WAF with a rate-based rule, throttled, requests validated, CORS limited to the configured origins): buckets block public access, functions accept no network connections, and every grant to a service is limited to this account.',
    agencyPart: 'Agent workstation and network boundary (CCP access) are the agency’s.',
    evidence: (c) => ({
      evidence: [...res(c, 'AWS::S3::Bucket').map((b) => evidence(b, 'Properties.PublicAccessBlockConfiguration', 'all public access blocked')), ...guardedEndpoints(c)],
      gaps: unguardedEndpoints(c),
    }),
  },
  'SC-8': {
    responsibility: 'kit',
    implementation: 'Every bucket and topic refuses requests not made over TLS; AWS service APIs accept TLS only.',
    evidence: sc8,
  },
  'SC-8(1)': {
    responsibility: 'kit',
    implementation: 'Cryptographic protection in transit: TLS-only bucket and topic policies (and TLS 1.2 minimum on buckets).',
    evidence: sc8,
  },
  'SC-12': {
    responsibility: 'kit',
    implementation: 'The kit creates one customer-managed KMS key per data domain, with yearly automatic rotation and a 30-day deletion window.',
    evidence: (c) => ({
      evidence: res(c, 'AWS::KMS::Key').map((k) => evidence(k, 'Properties.EnableKeyRotation', `${c.assembly.label(k)} rotation ${k.properties.EnableKeyRotation === true ? 'on' : 'OFF'}`)),
      gaps: res(c, 'AWS::KMS::Key').filter((k) => k.properties.EnableKeyRotation !== true).map((k) => `${c.assembly.label(k)} is not rotated`),
    }),
  },
  'SC-13': {
    responsibility: 'shared',
    implementation: 'Encryption uses AWS KMS keys (FIPS 140-validated modules in AWS GovCloud).',
    agencyPart: 'Confirm the FIPS validation of the modules in the AWS customer responsibility matrix.',
    evidence: (c) => ({ evidence: c.encryption.stores.filter((s) => s.atRest === 'customer-managed key').flatMap((s) => s.evidence) }),
  },
  'SC-28': {
    responsibility: 'kit',
    implementation: 'Every store of caller data is encrypted at rest with a customer-managed KMS key.',
    evidence: sc28,
  },
  'SC-28(1)': {
    responsibility: 'kit',
    implementation: 'Cryptographic protection at rest of caller data with customer-managed KMS keys.',
    evidence: sc28,
  },
  'SI-4': {
    responsibility: 'shared',
    implementation: 'CloudWatch alarms watch function errors, throttles, delivery failures and contact-center metrics and notify the agency through an encrypted topic.',
    agencyPart: 'Monitor the notifications and the account (GuardDuty, CloudTrail), and respond.',
    evidence: (c) => ({ evidence: res(c, 'AWS::CloudWatch::Alarm').map((a) => evidence(a, 'Properties.AlarmActions', `alarm ${String(a.properties.MetricName ?? '')} notifies`)) }),
  },
  'SI-12': {
    responsibility: 'kit',
    implementation: 'Caller data is kept for its records-schedule period, protected by Object Lock, and disposed of when the period ends.',
    evidence: (c) => {
      const caller = c.retention.filter((r) => c.stores.some((s) => keyOf(s) === keyOf(r) && s.callerData) && r.scheduled !== undefined);
      return { evidence: caller.flatMap((r) => r.evidence), gaps: caller.flatMap((r) => r.problems.map((p) => `${r.name}: ${p}`)) };
    },
  },
};

/** Families whose controls AWS GovCloud implements for the customer (physical and hardware). */
const INHERITED_FAMILIES = new Set(['PE', 'MP', 'MA']);

/** Individual controls inherited from AWS GovCloud (its FedRAMP P-ATO). */
const INHERITED = new Set(['AU-4', 'AU-8', 'SC-4', 'SC-5', 'SC-7(3)', 'SC-7(4)', 'SC-7(5)', 'SC-7(7)', 'SC-7(8)', 'SC-7(12)', 'SC-7(18)', 'SC-17', 'SC-20', 'SC-21', 'SC-22', 'SC-23', 'SC-39', 'SC-45', 'SC-45(1)', 'CP-6', 'CP-6(1)', 'CP-6(3)', 'CP-7', 'CP-7(1)', 'CP-7(2)', 'CP-7(3)', 'CP-8', 'CP-8(1)', 'CP-8(2)']);

const AGENCY_TEXT: Readonly<Record<string, string>> = {
  AC: 'Manage user accounts, sessions, remote access and devices of staff under the agency access-control policy.',
  AT: 'Train staff (agents, supervisors, administrators) in security and privacy, including handling caller data.',
  AU: 'Operate the account-level audit trail (AWS CloudTrail), review audit records and respond to audit failures.',
  CA: 'Assess the system, authorize it (ATO), keep the plan of action and milestones, and monitor continuously.',
  CM: 'Run change control: approve changes, review `gcck audit-diff` output before deploying, keep the inventory.',
  CP: 'Write and test the contingency plan, including restoring records from backups.',
  IA: 'Identify and authenticate staff (agency IdP with MFA and PIV where SAML is used) and manage authenticators.',
  IR: 'Run incident response: plan, train, test, handle and report incidents (US-CERT within the required times).',
  MA: 'Maintain agency-owned equipment (agent workstations, headsets).',
  MP: 'Protect and sanitize agency-owned media (exports, downloaded reports).',
  PE: 'Physical protection of agency offices where agents work.',
  PL: 'Write the system security and privacy plans and the rules of behavior.',
  PS: 'Screen staff, handle transfers and terminations, and sign access agreements.',
  RA: 'Categorize the system, assess risk, and scan for vulnerabilities.',
  SA: 'Acquire and manage the system and its services (including the AWS and kit supply chain) under the agency SDLC.',
  SC: 'Configure the agency side of the boundary (agent networks, browsers, sessions).',
  SI: 'Patch, scan and monitor agency components; act on security alerts.',
  SR: 'Manage supply-chain risk for the kit, its dependencies and AWS services.',
};

/** What the agency must do for controls where the family text is too general. */
const AGENCY_CONTROL_TEXT: Readonly<Record<string, string>> = {
  'AC-7': 'Enforce the limit on failed sign-ins in the agency IdP (SAML) or the Amazon Connect password policy.',
  'AC-8': 'Show the system use notification at sign-in (agency IdP or Amazon Connect login page).',
  'AC-11': 'Lock idle agent workstations and Contact Control Panel sessions (agency device policy).',
  'AC-12': 'Set session timeouts in the agency IdP for the Amazon Connect application.',
  'AC-17': 'Authorize and protect remote agent access (VPN or managed devices) to the Contact Control Panel.',
  'AC-22': 'Review what prompts and chat greetings tell the public before publishing them.',
  'AU-5': 'Act on the delivery-failure and function-error alarms the kit publishes (AU-6 evidence) and on CloudTrail delivery failures.',
  'CM-3': 'Approve every change before deploying; gate the pipeline on `gcck audit-diff` (exit 1 means review) and keep its output as the change record.',
  'CM-4': 'Analyze the security impact of each change from the `gcck audit-diff` report before approval.',
  'CP-2': 'Write the contingency plan; the kit runs in one region (us-gov-west-1), see the replication acknowledgement.',
  'CP-4': 'Test the contingency plan, including restoring a table from point-in-time recovery and a record from a bucket version.',
  'IA-2(1)': 'Require MFA for privileged users at the agency IdP (SAML); CONNECT_MANAGED instances offer none.',
  'IA-2(2)': 'Require MFA for non-privileged users at the agency IdP (SAML).',
  'IA-5': 'Manage authenticators (IdP passwords, PIV); caller PIN records come from the agency case system.',
  'IR-4': 'Handle incidents; the alarm topic notifies the addresses in the config (monitoring.alarmEmails).',
  'IR-6': 'Report incidents to US-CERT/CISA and the authorizing official within the required times.',
  'RA-5': 'Scan the account and function dependencies (e.g. Amazon Inspector for Lambda) and remediate.',
  'SA-9': 'Keep the AWS FedRAMP package (AWS Artifact) and monitor AWS service compliance.',
  'SI-2': 'Patch function runtimes and dependencies: update the kit, re-synthesize and deploy; review with `gcck audit-diff`.',
};

/** Nag rule groups and the CloudFormation types they check. */
const GROUP_TYPES: Readonly<Record<string, readonly string[]>> = {
  APIGW: ['AWS::ApiGateway::'],
  CloudWatch: ['AWS::CloudWatch::Alarm', 'AWS::Logs::LogGroup'],
  ELB: ['AWS::ElasticLoadBalancing'],
  Lambda: ['AWS::Lambda::Function'],
  VPC: ['AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::SecurityGroup', 'AWS::EC2::NetworkAcl'],
  WAF: ['AWS::WAFv2::'],
  EC2: ['AWS::EC2::Instance', 'AWS::EC2::Volume', 'AWS::EC2::SecurityGroup', 'AWS::AutoScaling::LaunchConfiguration'],
};

/** AWS Solutions rules acknowledged by the kit and the controls they bear on (the pack names none). */
const SOLUTIONS_RULE_CONTROLS: Readonly<Record<string, readonly string[]>> = {
  'AwsSolutions-IAM4': ['AC-6'],
  'AwsSolutions-IAM5': ['AC-6'],
  'AwsSolutions-KDS3': ['SC-12', 'SC-28'],
  'AwsSolutions-KDF1': ['SC-28'],
};

/** `CP-9d` → `CP-9`, `SC-7(4)(b)` → `SC-7(4)`, `PM-14a.1` → `PM-14`. */
export function normalizeControlLabel(label: string): string | undefined {
  const m = /^([A-Z]{2}-\d+)(\(\d+\))?/.exec(label.trim());
  return m ? `${m[1]}${m[2] ?? ''}` : undefined;
}

/** The baseline labels a rule's control ids fall under (an enhancement outside the baseline counts for its base control). */
function baselineLabels(names: readonly string[], inBaseline: ReadonlySet<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of names) {
    const label = normalizeControlLabel(name);
    if (!label) continue;
    const target = inBaseline.has(label) ? label : inBaseline.has(label.replace(/\(\d+\)$/, '')) ? label.replace(/\(\d+\)$/, '') : undefined;
    if (target && !out.has(target)) out.set(target, name);
  }
  return out;
}

/** Builds the control matrix for the whole baseline. */
export function controlMatrix(baseline: readonly BaselineControl[], rules: readonly NagRuleInfo[], c: ControlContext, outcomes?: NagOutcomes): ControlEntry[] {
  const stacks = new Set(c.assembly.stacks.map((s) => s.name));
  const own = (ids: readonly string[] = []) => ids.filter((id) => stacks.has(id.slice(0, id.indexOf('/'))));
  const labels = new Set(baseline.map((b) => b.label));
  const typesPresent = [...new Set(c.assembly.resources.map((r) => r.type))];
  const countFor = (group: string) => {
    const prefixes = GROUP_TYPES[group] ?? [`AWS::${group}::`];
    return c.assembly.resources.filter((r) => prefixes.some((p) => r.type.startsWith(p))).length;
  };
  const checksByLabel = new Map<string, NagCheck[]>();
  const ruleLabels = new Map<string, Map<string, string>>();
  for (const rule of rules) {
    const mapped = baselineLabels(rule.controls, labels);
    ruleLabels.set(rule.id, mapped);
    const recorded = outcomes ? { passed: own(outcomes[rule.id]?.compliant), acknowledged: own(outcomes[rule.id]?.nonCompliant) } : undefined;
    const count = recorded ? recorded.passed.length + recorded.acknowledged.length : countFor(rule.group);
    if (count === 0) continue;
    for (const [label, names] of mapped) checksByLabel.set(label, [...(checksByLabel.get(label) ?? []), { rule: rule.id, checks: rule.info, names, resources: count, ...recorded }]);
  }
  void typesPresent;
  const acksByLabel = new Map<string, AcknowledgedFinding[]>();
  const seenAck = new Set<string>();
  for (const ack of c.assembly.acknowledgements()) {
    const base = ack.id.replace(/\[.*$/, '');
    const controlLabels = ruleLabels.has(base) ? [...ruleLabels.get(base)!.keys()] : (SOLUTIONS_RULE_CONTROLS[base] ?? []);
    for (const label of controlLabels) {
      const dedupe = `${label}|${ack.stack}|${ack.id}|${ack.reason}`;
      // The same acknowledgement is written on a construct's L1 children (a role and its policy); list it once per stack.
      if (seenAck.has(dedupe)) continue;
      seenAck.add(dedupe);
      acksByLabel.set(label, [...(acksByLabel.get(label) ?? []), ack]);
    }
  }

  return baseline.map((control) => {
    const family = control.label.slice(0, 2);
    const common = {
      id: control.id,
      label: control.label,
      title: control.title,
      family: control.family,
      nagChecks: checksByLabel.get(control.label) ?? [],
      acknowledgements: acksByLabel.get(control.label) ?? [],
    };
    const kit = KIT_CONTROLS[control.label];
    if (kit) {
      const { evidence: found, gaps = [] } = kit.evidence(c);
      if (found.length > 0) return { ...common, responsibility: kit.responsibility, implementation: kit.implementation, agencyPart: kit.agencyPart, evidence: found, gaps };
      return {
        ...common,
        responsibility: 'agency',
        implementation: `${AGENCY_CONTROL_TEXT[control.label] ?? AGENCY_TEXT[family] ?? 'Agency procedure.'} The kit would implement this (${kit.implementation}) but the templates show no evidence of it.`,
        evidence: [],
        gaps: [`no evidence in the templates for: ${kit.implementation}`, ...gaps],
      };
    }
    if (control.id.endsWith('-1') || /^[a-z]{2}-1$/.test(control.id)) {
      return { ...common, responsibility: 'agency', implementation: `Write, approve and review the ${control.family.toLowerCase()} policy and procedures.`, evidence: [], gaps: [] };
    }
    if (INHERITED.has(control.label) || (INHERITED_FAMILIES.has(family) && !control.id.endsWith('-1'))) {
      return {
        ...common,
        responsibility: 'aws',
        implementation: `Implemented by AWS for AWS GovCloud (US) under its FedRAMP authorization; cite the AWS customer responsibility matrix (AWS Artifact).${INHERITED_FAMILIES.has(family) ? ` Agency part: ${AGENCY_TEXT[family]}` : ''}`,
        evidence: [],
        gaps: [],
      };
    }
    return { ...common, responsibility: 'agency', implementation: AGENCY_CONTROL_TEXT[control.label] ?? AGENCY_TEXT[family] ?? 'Agency procedure.', evidence: [], gaps: [] };
  });
}

/** Counts controls per responsibility. */
export function countByResponsibility(matrix: readonly ControlEntry[]): Record<Responsibility, number> {
  const out: Record<Responsibility, number> = { kit: 0, shared: 0, aws: 0, agency: 0 };
  for (const c of matrix) out[c.responsibility]++;
  return out;
}

