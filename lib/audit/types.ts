/**
 * Shapes shared by the audit pack's pure core: what it reads (parsed CloudFormation templates,
 * the jurisdiction config, acknowledgements, nag rule data, the FedRAMP baseline) and what it
 * returns. Nothing here does I/O.
 */

/** A resource of a synthesized template, as JSON. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly DependsOn?: string | string[];
  readonly Condition?: string;
}

/** A synthesized CloudFormation template, as JSON. */
export interface Template {
  readonly Description?: string;
  readonly Resources?: Record<string, TemplateResource>;
  readonly Outputs?: Record<string, { readonly Value: unknown; readonly Export?: { readonly Name: unknown } }>;
  readonly [key: string]: unknown;
}

/** One stack of the cloud assembly. */
export interface StackTemplate {
  /** Stack name, e.g. `riverton-311-stateful`. */
  readonly name: string;
  readonly template: Template;
}

/** A rule of cdk-nag's NIST 800-53 rev 5 pack and the controls its message names. */
export interface NagRuleInfo {
  /** Rule id as cdk-nag reports it, e.g. `NIST.800.53.R5-S3BucketSSLRequestsOnly`. */
  readonly id: string;
  /** The pack's check group, e.g. `S3` (its `checkS3` method). */
  readonly group: string;
  /** Control ids as the rule's message writes them, e.g. `SC-8(1)`, `CP-9d`. */
  readonly controls: readonly string[];
  /** What the rule checks (its message without the control list). */
  readonly info: string;
}

/** A control or enhancement of the FedRAMP baseline. */
export interface BaselineControl {
  /** OSCAL id, e.g. `sc-28.1`. */
  readonly id: string;
  /** Label, e.g. `SC-28(1)`. */
  readonly label: string;
  readonly title: string;
  readonly family: string;
}

/** The FedRAMP baseline data file. */
export interface Baseline {
  readonly source: string;
  readonly commit: string;
  readonly title: string;
  readonly version: string;
  readonly published: string;
  readonly catalogUuid: string;
  readonly controls: readonly BaselineControl[];
}

/** A resource named in the audit: stack and logical id. */
export interface ResourceRef {
  readonly stack: string;
  readonly logicalId: string;
}

/** One fact read from a template: the resource, the JSON path of the property and its value. */
export interface Evidence extends ResourceRef {
  /** CloudFormation type, e.g. `AWS::S3::Bucket`. */
  readonly type: string;
  /** JSON path inside the resource, e.g. `Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]`. */
  readonly path: string;
  /** The value at that path (CloudFormation functions kept as written). */
  readonly value: unknown;
  /** What the fact shows, in plain words. */
  readonly note: string;
}

/** An acknowledged cdk-nag finding, as written into the template's metadata. */
export interface AcknowledgedFinding extends ResourceRef {
  /** Rule id, possibly with a finding suffix (`AwsSolutions-IAM5[Action::s3:List*]`). */
  readonly id: string;
  readonly reason: string;
}

/** The retention a jurisdiction's records schedule sets (its config's `retention`). */
export interface RecordsSchedule {
  readonly recordings: { readonly days: number; readonly mode: string; readonly expireAfterRetention: boolean; readonly archiveAfterDays?: number };
  readonly reports: { readonly days: number; readonly mode: string; readonly expireAfterRetention: boolean; readonly archiveAfterDays?: number };
  readonly contactRecords: { readonly days: number; readonly mode: string; readonly expireAfterRetention: boolean; readonly archiveAfterDays?: number };
  readonly accessLogsDays: number;
  readonly agentEventsHours: number;
  readonly surveyDays: number;
  readonly logDays: number;
}

/** What the audit core needs to know about the jurisdiction besides its templates. */
export interface AuditJurisdiction {
  readonly id: string;
  readonly displayName: string;
  readonly region: string;
  readonly account: string;
  readonly retention: RecordsSchedule;
}

/**
 * Which resources each cdk-nag NIST 800-53 rev 5 rule evaluated, by outcome (`stack/logicalId`),
 * as recorded at synthesis (`cdk.out/nag-nist-800-53-r5-results.json`). Non-compliant ones
 * were acknowledged: synthesis fails otherwise.
 */
export interface NagOutcomes {
  readonly [rule: string]: { readonly compliant: readonly string[]; readonly nonCompliant: readonly string[] };
}
