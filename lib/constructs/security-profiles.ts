import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import { IConnectInstance } from './connect-instance';

/*
 * Security profile permissions use the API names from "List of security profile permissions"
 * in the Amazon Connect Administrator Guide:
 * https://docs.aws.amazon.com/connect/latest/adminguide/security-profile-list.html
 *
 * Only permissions for features Amazon Connect offers in AWS GovCloud (US-West) are used:
 * nothing for Amazon Q / Wisdom, Customer Profiles, Cases, outbound campaigns, email or Voice ID.
 * No profile may delete or download call recordings: recordings are records under the
 * jurisdiction's records schedule and leave the system only through the audited S3 path.
 *
 * Recordings and transcripts use the two permissions CloudFormation and the API still accept
 * for them ("Legacy permissions" in the list): `RedactedData.View`, the redacted recording and
 * transcript only, and `ListenCallRecordings`, the unredacted ones. A profile with both is shown
 * the redacted version when Contact Lens produced one and the unredacted version otherwise (a
 * contact not analyzed, e.g. because redaction failed), so only the Admin profile has both: the
 * Supervisor has redacted access only, the Auditor and Agent neither.
 */

/** The roles the kit creates a security profile for. */
export enum SecurityProfileRole {
  /** Manages users, security profiles and contact center configuration. */
  ADMIN = 'Admin',
  /** Takes contacts, monitors agents and reads metrics and redacted recordings and transcripts. */
  SUPERVISOR = 'Supervisor',
  /** Takes contacts in the Contact Control Panel. */
  AGENT = 'Agent',
  /** Reads configuration, metrics, reports and change history; changes nothing, sees no contact content. */
  AUDITOR = 'Auditor',
}

/**
 * Permissions of the Admin profile: user and access management, the routing configuration,
 * flows, prompts, rules, reports and metrics, contact search, recordings and transcripts (listen
 * and read only; redacted where Contact Lens produced a redacted version, unredacted otherwise),
 * and the Contact Control Panel. The only profile with unredacted access: someone must be able to
 * answer a records request for a contact whose redaction failed, and a profile that can edit
 * security profiles could grant itself the permission anyway.
 *
 * Hours, queues, routing profiles, quick connects and flows are normally changed through this
 * kit (CloudFormation); an edit made in the Amazon Connect console shows up as stack drift and
 * is overwritten by the next deployment. Phone numbers are view-only because the kit claims
 * and releases them.
 */
export const ADMIN_PERMISSIONS: readonly string[] = Object.freeze([
  // Users and permissions
  'Users.Create',
  'Users.Edit',
  'Users.EditPermission',
  'Users.Delete',
  'Users.View',
  'SecurityProfiles.Create',
  'SecurityProfiles.Edit',
  'SecurityProfiles.Delete',
  'SecurityProfiles.View',
  'AgentGrouping.Create',
  'AgentGrouping.Edit',
  'AgentGrouping.EnableAndDisable',
  'AgentGrouping.View',
  'AgentStates.Create',
  'AgentStates.Edit',
  'AgentStates.EnableAndDisable',
  'AgentStates.View',
  'HistoricalChanges.View',
  // Routing
  'RoutingPolicies.Create',
  'RoutingPolicies.Edit',
  'RoutingPolicies.View',
  'Queues.Create',
  'Queues.Edit',
  'Queues.EnableAndDisable',
  'Queues.View',
  'HoursOfOperation.Create',
  'HoursOfOperation.Edit',
  'HoursOfOperation.Delete',
  'HoursOfOperation.View',
  'TransferDestinations.Create',
  'TransferDestinations.Edit',
  'TransferDestinations.Delete',
  'TransferDestinations.View',
  'TaskTemplates.Create',
  'TaskTemplates.Edit',
  'TaskTemplates.Delete',
  'TaskTemplates.View',
  // Numbers and flows
  'PhoneNumbers.View',
  'Prompts.Create',
  'Prompts.Edit',
  'Prompts.Delete',
  'Prompts.View',
  'ContactFlows.Create',
  'ContactFlows.Edit',
  'ContactFlows.Delete',
  'ContactFlows.Publish',
  'ContactFlows.View',
  'ContactFlowModules.Create',
  'ContactFlowModules.Edit',
  'ContactFlowModules.Delete',
  'ContactFlowModules.Publish',
  'ContactFlowModules.View',
  'ChatTestMode',
  // Analytics
  'AccessMetrics',
  'MetricsReports.Create',
  'MetricsReports.Share',
  'MetricsReports.Edit',
  'MetricsReports.Delete',
  'MetricsReports.Publish',
  'MetricsReports.Schedule',
  'MetricsReports.View',
  'ReportSchedules.Create',
  'ReportSchedules.Edit',
  'ReportSchedules.Delete',
  'ReportSchedules.View',
  'Rules.Create',
  'Rules.Edit',
  'Rules.Delete',
  'Rules.View',
  'ContactSearch.View',
  'ContactAttributes.View',
  'ConfigureContactAttributes.View',
  'RedactedData.View',
  'ListenCallRecordings',
  'AgentTimeCard.View',
  'ManagerListenIn',
  // Contact Control Panel
  'BasicAgentAccess',
  'OutboundCallAccess',
]);

/**
 * Permissions of the Supervisor profile: the Contact Control Panel with quick connects,
 * real-time and historical metrics, saved reports of their own, contact search, redacted
 * recordings and transcripts only (a contact with no redacted version shows none), live
 * monitoring, and a read-only view of users, agent statuses and routing.
 */
export const SUPERVISOR_PERMISSIONS: readonly string[] = Object.freeze([
  'BasicAgentAccess',
  'OutboundCallAccess',
  'TransferDestinations.View',
  'AccessMetrics',
  'MetricsReports.Create',
  'MetricsReports.Share',
  'MetricsReports.Edit',
  'MetricsReports.View',
  'ContactSearch.View',
  'ContactAttributes.View',
  'RedactedData.View',
  'ManagerListenIn',
  'AgentTimeCard.View',
  'AgentStates.View',
  'AgentGrouping.View',
  'Users.View',
  'Queues.View',
  'RoutingPolicies.View',
  'HoursOfOperation.View',
]);

/**
 * Permissions of the Agent profile: the Contact Control Panel, outbound calls, and the quick
 * connects it transfers to (Amazon Connect needs `TransferDestinations.View` for that).
 */
export const AGENT_PERMISSIONS: readonly string[] = Object.freeze(['BasicAgentAccess', 'OutboundCallAccess', 'TransferDestinations.View']);

/**
 * Permissions of the Auditor profile, view only, configuration and metrics: real-time and
 * historical metrics, saved reports and report schedules, login/logout reports, the history of
 * changes, and the configuration (users, security profiles, hierarchy, agent statuses, routing
 * profiles, queues, hours, quick connects, flows, prompts, phone numbers, rules).
 *
 * No contact content: no recordings or transcripts (`ListenCallRecordings`, `RedactedData.View`),
 * no contact search (the Contact search and Contact details pages show callers' phone numbers),
 * no contact attributes (they hold case numbers). No Create, Edit, Delete, Publish, Share,
 * Schedule or Enable/Disable permission, no Contact Control Panel, no live monitoring.
 */
export const AUDITOR_PERMISSIONS: readonly string[] = Object.freeze([
  'AccessMetrics',
  'MetricsReports.View',
  'ReportSchedules.View',
  'AgentTimeCard.View',
  'HistoricalChanges.View',
  'Users.View',
  'SecurityProfiles.View',
  'AgentGrouping.View',
  'AgentStates.View',
  'RoutingPolicies.View',
  'Queues.View',
  'HoursOfOperation.View',
  'TransferDestinations.View',
  'ContactFlows.View',
  'ContactFlowModules.View',
  'Prompts.View',
  'PhoneNumbers.View',
  'Rules.View',
]);

/** The permission list of each role. */
export const SECURITY_PROFILE_PERMISSIONS: Readonly<Record<SecurityProfileRole, readonly string[]>> = Object.freeze({
  [SecurityProfileRole.ADMIN]: ADMIN_PERMISSIONS,
  [SecurityProfileRole.SUPERVISOR]: SUPERVISOR_PERMISSIONS,
  [SecurityProfileRole.AGENT]: AGENT_PERMISSIONS,
  [SecurityProfileRole.AUDITOR]: AUDITOR_PERMISSIONS,
});

/** What each profile is for; becomes its description in Amazon Connect. */
export const SECURITY_PROFILE_DESCRIPTIONS: Readonly<Record<SecurityProfileRole, string>> = Object.freeze({
  [SecurityProfileRole.ADMIN]: 'Contact center administrators: manage users, security profiles, routing, flows and reports. Cannot download or delete recordings.',
  [SecurityProfileRole.SUPERVISOR]: 'Supervisors: take contacts, monitor agents live, read metrics, reports, contact records and redacted recordings and transcripts. Read-only view of routing.',
  [SecurityProfileRole.AGENT]: 'Agents: handle contacts in the Contact Control Panel and transfer them to quick connects.',
  [SecurityProfileRole.AUDITOR]: 'Auditors: read-only access to configuration, metrics, reports and change history. No recordings, transcripts or contact records. Cannot change anything.',
});

const OUTBOUND = 'OutboundCallAccess';
const NAME = /^[ a-zA-Z0-9_@-]+$/;

/** Properties of {@link StandardSecurityProfiles}. */
export interface StandardSecurityProfilesProps {
  /** The Amazon Connect instance the security profiles belong to. */
  readonly instance: IConnectInstance;
  /**
   * Prefix of the profile names, which become `<prefix>-Admin`, `<prefix>-Supervisor`,
   * `<prefix>-Agent` and `<prefix>-Auditor`. Every instance already has profiles called Admin
   * and Agent, and names are unique per instance, hence the prefix. Letters, digits, spaces,
   * `_`, `@` and `-`. The name cannot change without replacing the profile.
   * @default 'Kit'
   */
  readonly namePrefix?: string;
  /**
   * Whether users may place outbound calls. When false, `OutboundCallAccess` is left out of
   * every profile (match the instance's `outboundCalls` setting).
   * @default true
   */
  readonly outboundCalls?: boolean;
}

/**
 * The kit's four security profiles: Admin, Supervisor, Agent and a read-only Auditor, with
 * the permissions listed in {@link SECURITY_PROFILE_PERMISSIONS}. Only Admin can open unredacted
 * recordings and transcripts; Supervisor sees redacted ones only; Auditor and Agent none. The
 * child construct ids are the role names.
 */
export class StandardSecurityProfiles extends Construct {
  /** The profiles by role. */
  public readonly byRole: Readonly<Record<SecurityProfileRole, connect.CfnSecurityProfile>>;
  /** The Admin profile. */
  public readonly admin: connect.CfnSecurityProfile;
  /** The Supervisor profile. */
  public readonly supervisor: connect.CfnSecurityProfile;
  /** The Agent profile. */
  public readonly agent: connect.CfnSecurityProfile;
  /** The read-only Auditor profile. */
  public readonly auditor: connect.CfnSecurityProfile;

  constructor(scope: Construct, id: string, props: StandardSecurityProfilesProps) {
    super(scope, id);
    const prefix = props.namePrefix ?? 'Kit';
    const longest = Math.max(...Object.values(SecurityProfileRole).map((r) => r.length));
    if (!NAME.test(prefix) || prefix.length + 1 + longest > 127) {
      throw new Error(
        `${this.node.path}: namePrefix ${JSON.stringify(prefix)} must use only letters, digits, spaces, "_", "@" or "-" and be at most ${126 - longest} characters`,
      );
    }
    const outbound = props.outboundCalls ?? true;

    const make = (role: SecurityProfileRole) =>
      new connect.CfnSecurityProfile(this, role, {
        instanceArn: props.instance.instanceArn,
        securityProfileName: `${prefix}-${role}`,
        description: SECURITY_PROFILE_DESCRIPTIONS[role],
        permissions: SECURITY_PROFILE_PERMISSIONS[role].filter((p) => outbound || p !== OUTBOUND),
      });
    this.admin = make(SecurityProfileRole.ADMIN);
    this.supervisor = make(SecurityProfileRole.SUPERVISOR);
    this.agent = make(SecurityProfileRole.AGENT);
    this.auditor = make(SecurityProfileRole.AUDITOR);
    this.byRole = Object.freeze({
      [SecurityProfileRole.ADMIN]: this.admin,
      [SecurityProfileRole.SUPERVISOR]: this.supervisor,
      [SecurityProfileRole.AGENT]: this.agent,
      [SecurityProfileRole.AUDITOR]: this.auditor,
    });
  }
}
