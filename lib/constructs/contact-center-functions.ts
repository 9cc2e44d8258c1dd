import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { ConnectFunction } from './connect-function';
import { IConnectInstance } from './connect-instance';

/**
 * What a function writing items to a table encrypted with a customer-managed key needs of the
 * key: exact actions rather than `grantEncryptDecrypt`'s `kms:GenerateDataKey*` and `kms:ReEncrypt*`.
 */
const TABLE_WRITE_KEY_ACTIONS = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'] as const;

/** The kit's handlers, by the name flows use in `${lambda:<name>}`. */
export enum HandlerName {
  CONTACT_CENTER_STATUS = 'contact-center-status',
  CASE_STATUS = 'case-status',
  CALLER_VERIFICATION = 'caller-verification',
  SURVEY_CAPTURE = 'survey-capture',
  LEX_FULFILLMENT = 'lex-fulfillment',
}

/** The data stores the handlers use, from the stateful stack. */
export interface HandlerDataStores {
  /** Key of the three tables. */
  readonly tablesKey: kms.IKey;
  /** Case statuses (read). */
  readonly casesTable: dynamodb.ITable;
  /** Verification secrets and attempt counters (read and update). */
  readonly verificationTable: dynamodb.ITable;
  /** Survey answers (write). */
  readonly surveyTable: dynamodb.ITable;
  /** Closure switch (read). */
  readonly closureParameter: ssm.IStringParameter;
  /** Bucket survey answers are copied to for Athena (under `surveys/`). */
  readonly analyticsBucket: s3.IBucket;
  /** Key of the analytics bucket, named in each PutObject. */
  readonly analyticsKey: kms.IKey;
  /** Managed policy allowing exactly that write (kept beside the bucket). */
  readonly surveyWriterPolicy: iam.IManagedPolicy;
  /** Key of the functions' log groups. */
  readonly logKey: kms.IKey;
}

/** Properties of {@link ContactCenterFunctions}. */
export interface ContactCenterFunctionsProps {
  /** The instance whose flows invoke the functions. */
  readonly instance: IConnectInstance;
  /** Where the handlers read and write. */
  readonly data: HandlerDataStores;
  /** Days survey answers are kept (DynamoDB TTL). */
  readonly surveyRetentionDays: number;
  /**
   * Names of the jurisdiction's queues. survey-capture uses them as the only values of its `queue`
   * metric dimension (any other queue counts as "other").
   * @default - none: every queue counts as "other"
   */
  readonly queueNames?: readonly string[];
  /** What the bot says about offices, per Lex locale (`en_US`, `es_US`). */
  readonly officeInfo: Readonly<Record<string, string>>;
  /**
   * Days the functions' logs are kept.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Reserved concurrency of each function invoked by flows.
   * @default - unreserved
   */
  readonly reservedConcurrency?: number;
}

/**
 * The Lambda functions of the self-service flows and the bot, each granted exactly the
 * data it needs: read-only where it only reads, one parameter, one table, one prefix.
 */
export class ContactCenterFunctions extends Construct {
  /** The functions by handler name. */
  public readonly byName: ReadonlyMap<HandlerName, ConnectFunction>;

  constructor(scope: Construct, id: string, props: ContactCenterFunctionsProps) {
    super(scope, id);
    const { data, instance } = props;
    const make = (name: HandlerName, description: string, environment: Record<string, string>, invokedByConnect = true) =>
      new ConnectFunction(this, name, {
        handlerName: name,
        description,
        instance,
        logKey: data.logKey,
        logRetention: props.logRetention,
        reservedConcurrency: props.reservedConcurrency,
        environment,
        invokedByConnect,
      });

    const status = make(HandlerName.CONTACT_CENTER_STATUS, 'Tells flows whether staff closed the lines, with the message to play', {
      CLOSURE_PARAMETER_NAME: data.closureParameter.parameterName,
    });
    data.closureParameter.grantRead(status.role);

    const caseStatus = make(HandlerName.CASE_STATUS, 'Looks up the status of a case for self-service', {
      CASE_TABLE_NAME: data.casesTable.tableName,
    });
    data.casesTable.grant(caseStatus.role, 'dynamodb:GetItem');
    data.tablesKey.grantDecrypt(caseStatus.role);

    const verification = make(HandlerName.CALLER_VERIFICATION, 'Verifies a caller by case number and PIN, with lock-out', {
      VERIFICATION_TABLE_NAME: data.verificationTable.tableName,
    });
    data.verificationTable.grant(verification.role, 'dynamodb:UpdateItem');
    data.tablesKey.grant(verification.role, ...TABLE_WRITE_KEY_ACTIONS);

    const survey = make(HandlerName.SURVEY_CAPTURE, 'Stores post-contact survey answers (OMB A-11 section 280)', {
      SURVEY_TABLE_NAME: data.surveyTable.tableName,
      SURVEY_RETENTION_DAYS: String(props.surveyRetentionDays),
      SURVEY_BUCKET_NAME: data.analyticsBucket.bucketName,
      SURVEY_KMS_KEY_ARN: data.analyticsKey.keyArn,
      SURVEY_QUEUE_NAMES: JSON.stringify(props.queueNames ?? []),
    });
    data.surveyTable.grant(survey.role, 'dynamodb:PutItem');
    data.tablesKey.grant(survey.role, ...TABLE_WRITE_KEY_ACTIONS);
    survey.role.addManagedPolicy(data.surveyWriterPolicy);

    const lex = make(
      HandlerName.LEX_FULFILLMENT,
      'Code hook of the citizen-services bot: case status and office information',
      { CASE_TABLE_NAME: data.casesTable.tableName, OFFICE_INFO: JSON.stringify(props.officeInfo) },
      false,
    );
    data.casesTable.grant(lex.role, 'dynamodb:GetItem');
    data.tablesKey.grantDecrypt(lex.role);

    this.byName = new Map([
      [HandlerName.CONTACT_CENTER_STATUS, status],
      [HandlerName.CASE_STATUS, caseStatus],
      [HandlerName.CALLER_VERIFICATION, verification],
      [HandlerName.SURVEY_CAPTURE, survey],
      [HandlerName.LEX_FULFILLMENT, lex],
    ]);
  }
}
