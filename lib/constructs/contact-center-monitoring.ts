import { Annotations, ArnFormat, Duration, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cw_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { JurisdictionConfig } from '../config/schema';
import { DataKey } from './data-key';

/** Namespace Amazon Connect publishes its instance metrics to. */
export const CONNECT_NAMESPACE = 'AWS/Connect';

/**
 * Values of the `MetricGroup` dimension of Amazon Connect metrics.
 * @see https://docs.aws.amazon.com/connect/latest/adminguide/monitoring-cloudwatch.html
 */
export enum ConnectMetricGroup {
  /** ConcurrentCalls, ConcurrentCallsPercentage, CallsPerInterval, MissedCalls, ThrottledCalls, CallsBreachingConcurrencyQuota. */
  VOICE_CALLS = 'VoiceCalls',
  /** QueueSize, LongestQueueWaitTime (with the QueueName dimension). */
  QUEUE = 'Queue',
  /** ContactFlowErrors, ContactFlowFatalErrors (with the ContactFlowName dimension). */
  CONTACT_FLOW = 'ContactFlow',
  /** CallRecordingUploadError. */
  CALL_RECORDINGS = 'CallRecordings',
}

/** Alarm thresholds; the `monitoring` block of a jurisdiction config fits as it is. */
export type MonitoringThresholds = Omit<JurisdictionConfig['monitoring'], 'alarmEmails'>;

/** A queue to watch; its name is the `QueueName` dimension Amazon Connect publishes. */
export interface MonitoredQueue {
  /** The queue name as it is in the instance. */
  readonly name: string;
}

/** A Lambda function to watch. */
export interface MonitoredFunction {
  /** Plain name used in widget labels and alarm construct ids, e.g. `case-status`. */
  readonly name: string;
  /** The function. */
  readonly function: lambda.IFunction;
}

/** A Firehose delivery stream to S3 to watch. */
export interface MonitoredDeliveryStream {
  /** Plain name used in widget labels and alarm construct ids, e.g. `contact-records`. */
  readonly name: string;
  /** The delivery stream. */
  readonly deliveryStream: firehose.IDeliveryStream;
}

/** A Lex V2 bot alias to watch. */
export interface MonitoredBot {
  /** Bot id (the `BotId` dimension). */
  readonly botId: string;
  /** Alias id (the `BotAliasId` dimension). */
  readonly aliasId: string;
  /** Locale ids of the alias, e.g. `en_US` (the `LocaleId` dimension). */
  readonly locales: readonly string[];
}

/** Properties of {@link ContactCenterMonitoring}. */
export interface ContactCenterMonitoringProps {
  /** Id of the Amazon Connect instance (the `InstanceId` dimension); a token is fine. */
  readonly instanceId: string;
  /** Queues whose size and longest wait are graphed and whose longest wait is alarmed. */
  readonly queues: readonly MonitoredQueue[];
  /** Functions whose errors, throttles and p99 duration are graphed; errors and p99 are alarmed. */
  readonly functions: readonly MonitoredFunction[];
  /** Delivery streams whose S3 data freshness and delivery success are graphed; freshness is alarmed. */
  readonly deliveryStreams: readonly MonitoredDeliveryStream[];
  /**
   * Lex V2 bot aliases whose missed utterances are graphed.
   * @default - no Lex widget
   */
  readonly bots?: readonly MonitoredBot[];
  /** Alarm thresholds, usually `config.monitoring`. */
  readonly thresholds: MonitoringThresholds;
  /**
   * Addresses subscribed to the alarm topic; each must confirm its subscription.
   * @default - no subscription
   */
  readonly alarmEmails?: readonly string[];
  /**
   * Key that encrypts the alarm topic. The construct adds a statement letting CloudWatch alarms
   * of this account use it; a key that takes no policy statements (imported) must already allow it.
   * @default - a new {@link DataKey} aliased `keyAlias`
   */
  readonly alarmKey?: kms.IKey;
  /**
   * Alias of the key created when no `alarmKey` is given, without `alias/`, e.g. `springfield/alarms`.
   * @default - required when `alarmKey` is not given
   */
  readonly keyAlias?: string;
  /**
   * Seconds the oldest record may wait in a delivery stream before the freshness alarm fires.
   * @default 900 - three times the contact-record buffering interval of 300 s
   */
  readonly deliveryFreshnessSeconds?: number;
  /**
   * Name of the dashboard.
   * @default - CloudFormation names it
   */
  readonly dashboardName?: string;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * A CloudWatch dashboard and alarms for one jurisdiction's contact center: Amazon Connect
 * instance, queue, flow and recording metrics, the Lambda functions the flows call, the
 * contact-record delivery streams and the Lex bots. Alarms notify an SNS topic encrypted with
 * a customer-managed key and reachable only over TLS.
 */
export class ContactCenterMonitoring extends Construct {
  /** The dashboard. */
  public readonly dashboard: cloudwatch.Dashboard;
  /** The topic every alarm notifies. */
  public readonly topic: sns.Topic;
  /** The key that encrypts the topic. */
  public readonly key: kms.IKey;
  /** Every alarm, by construct id (e.g. `ConcurrentCallsPercentAlarm`, `Queue-main-LongestWaitAlarm`). */
  public readonly alarms: ReadonlyMap<string, cloudwatch.Alarm>;

  private readonly instanceId: string;
  private readonly alarmAction: cw_actions.SnsAction;
  private readonly alarmsById = new Map<string, cloudwatch.Alarm>();

  constructor(scope: Construct, id: string, props: ContactCenterMonitoringProps) {
    super(scope, id);
    validate(props);
    this.instanceId = props.instanceId;

    if (props.alarmKey) {
      this.key = props.alarmKey;
    } else {
      this.key = new DataKey(this, 'Key', { purpose: 'Contact center alarm notifications', alias: props.keyAlias!, usableVia: ['sns'] }).key;
    }
    this.allowCloudWatchAlarms();

    this.topic = new sns.Topic(this, 'Topic', { masterKey: this.key, enforceSSL: true });
    for (const email of props.alarmEmails ?? []) this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    this.alarmAction = new cw_actions.SnsAction(this.topic);
    this.alarms = this.alarmsById;

    this.dashboard = new cloudwatch.Dashboard(this, 'Resource', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.hours(3),
    });
    this.addInstanceWidgetsAndAlarms(props.thresholds);
    this.addQueueWidgetsAndAlarms(props.queues, props.thresholds);
    this.addFunctionWidgetsAndAlarms(props.functions, props.thresholds);
    this.addDeliveryWidgetsAndAlarms(props.deliveryStreams, props.deliveryFreshnessSeconds ?? 900);
    this.addBotWidgets(props.bots ?? []);
  }

  /**
   * CloudWatch alarms publish to an encrypted topic with the key, so the key must let
   * cloudwatch.amazonaws.com decrypt and generate data keys, for this account's alarms only.
   * @see https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger
   */
  private allowCloudWatchAlarms(): void {
    const stack = Stack.of(this);
    const { statementAdded } = this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarms',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
        },
      }),
      true,
    );
    if (!statementAdded) {
      Annotations.of(this).addWarningV2(
        'gov-contact-center-kit:alarm-key-policy',
        'The alarm key takes no policy statements here; its key policy must let cloudwatch.amazonaws.com use kms:Decrypt and kms:GenerateDataKey*, or alarm notifications are lost.',
      );
    }
  }

  private connectMetric(metricName: string, group: ConnectMetricGroup, statistic: string, extra: Record<string, string> = {}, label?: string): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: CONNECT_NAMESPACE,
      metricName,
      dimensionsMap: { InstanceId: this.instanceId, MetricGroup: group, ...extra },
      statistic,
      period: FIVE_MINUTES,
      label,
    });
  }

  /**
   * Flow metrics carry a ContactFlowName dimension, so the instance-wide total is a Metrics
   * Insights query (alarms accept it) over every flow of the instance.
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-metrics-insights-alarms.html
   */
  private flowTotal(metricName: string, label: string): cloudwatch.MathExpression {
    return new cloudwatch.MathExpression({
      expression: `SELECT SUM(${metricName}) FROM SCHEMA("${CONNECT_NAMESPACE}", ContactFlowName, InstanceId, MetricGroup) WHERE InstanceId = '${this.instanceId}'`,
      usingMetrics: {},
      period: FIVE_MINUTES,
      label,
    });
  }

  private alarm(id: string, metric: cloudwatch.IMetric, threshold: number, description: string, options: Partial<cloudwatch.CreateAlarmOptions> = {}): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      // Amazon Connect, Lambda and Firehose publish nothing when idle; quiet is healthy.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
      ...options,
    });
    alarm.addAlarmAction(this.alarmAction);
    alarm.addOkAction(this.alarmAction);
    this.alarmsById.set(id, alarm);
    return alarm;
  }

  private addInstanceWidgetsAndAlarms(t: MonitoringThresholds): void {
    const voice = (name: string, statistic: string) => this.connectMetric(name, ConnectMetricGroup.VOICE_CALLS, statistic);
    const percent = voice('ConcurrentCallsPercentage', cloudwatch.Stats.MAXIMUM);
    const missed = voice('MissedCalls', cloudwatch.Stats.SUM);
    const throttled = voice('ThrottledCalls', cloudwatch.Stats.SUM);
    const fatal = this.flowTotal('ContactFlowFatalErrors', 'Flow fatal errors');
    const recordingErrors = this.connectMetric('CallRecordingUploadError', ConnectMetricGroup.CALL_RECORDINGS, cloudwatch.Stats.SUM);

    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Concurrent calls',
        left: [voice('ConcurrentCalls', cloudwatch.Stats.MAXIMUM)],
        right: [percent],
        rightYAxis: { min: 0, max: 100, label: '% of quota' },
        rightAnnotations: [{ value: t.concurrentCallsPercent, label: 'alarm' }],
        width: 8,
      }),
      new cloudwatch.GraphWidget({ title: 'Calls per interval', left: [voice('CallsPerInterval', cloudwatch.Stats.SUM)], width: 8 }),
      new cloudwatch.GraphWidget({
        title: 'Missed, throttled and over-quota calls',
        left: [missed, throttled, voice('CallsBreachingConcurrencyQuota', cloudwatch.Stats.SUM)],
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Contact flow errors (per flow)',
        left: ['ContactFlowErrors', 'ContactFlowFatalErrors'].map(
          (name) =>
            new cloudwatch.MathExpression({
              expression: `SEARCH('{${CONNECT_NAMESPACE},ContactFlowName,InstanceId,MetricGroup} MetricName="${name}" InstanceId="${this.instanceId}"', 'Sum', 300)`,
              usingMetrics: {},
              label: name,
            }),
        ),
        width: 12,
      }),
      new cloudwatch.GraphWidget({ title: 'Call recording upload errors', left: [recordingErrors], width: 12 }),
    );

    this.alarm('ConcurrentCallsPercentAlarm', percent, t.concurrentCallsPercent, `Concurrent calls above ${t.concurrentCallsPercent}% of the instance quota.`);
    this.alarm('MissedCallsAlarm', missed, t.missedCalls, `More than ${t.missedCalls} calls missed by agents in 5 minutes.`);
    const any = { comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD };
    this.alarm('ThrottledCallsAlarm', throttled, 1, 'Amazon Connect throttled calls: the call rate exceeded the instance quota.', any);
    this.alarm('FlowFatalErrorsAlarm', fatal, 1, 'A contact flow failed to run because of a system error.', any);
    this.alarm('RecordingUploadErrorsAlarm', recordingErrors, 1, 'Call recordings failed to upload to the recordings bucket.', any);
  }

  private addQueueWidgetsAndAlarms(queues: readonly MonitoredQueue[], t: MonitoringThresholds): void {
    if (queues.length === 0) return;
    const metric = (queue: MonitoredQueue, name: string) =>
      this.connectMetric(name, ConnectMetricGroup.QUEUE, cloudwatch.Stats.MAXIMUM, { QueueName: queue.name }, queue.name);
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'Queue size', left: queues.map((q) => metric(q, 'QueueSize')), width: 12 }),
      new cloudwatch.GraphWidget({
        title: 'Longest wait in queue (seconds)',
        left: queues.map((q) => metric(q, 'LongestQueueWaitTime')),
        leftAnnotations: [{ value: t.longestWaitSeconds, label: 'alarm' }],
        width: 12,
      }),
    );
    for (const queue of queues) {
      this.alarm(`Queue-${queue.name}-LongestWaitAlarm`, metric(queue, 'LongestQueueWaitTime'), t.longestWaitSeconds, `A contact waited more than ${t.longestWaitSeconds} s in queue ${queue.name}.`);
    }
  }

  private addFunctionWidgetsAndAlarms(functions: readonly MonitoredFunction[], t: MonitoringThresholds): void {
    if (functions.length === 0) return;
    const p99 = (f: MonitoredFunction) => f.function.metricDuration({ statistic: 'p99', period: FIVE_MINUTES, label: f.name });
    const errors = (f: MonitoredFunction) => f.function.metricErrors({ period: FIVE_MINUTES, label: f.name });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'Lambda errors', left: functions.map(errors), width: 8 }),
      new cloudwatch.GraphWidget({ title: 'Lambda throttles', left: functions.map((f) => f.function.metricThrottles({ period: FIVE_MINUTES, label: f.name })), width: 8 }),
      new cloudwatch.GraphWidget({
        title: 'Lambda duration p99 (ms)',
        left: functions.map(p99),
        leftAnnotations: [{ value: t.lambdaP99Ms, label: 'alarm' }],
        width: 8,
      }),
    );
    for (const f of functions) {
      this.alarm(`Function-${f.name}-ErrorsAlarm`, errors(f), t.lambdaErrors, `Function ${f.name} failed more than ${t.lambdaErrors} times in 5 minutes.`);
      this.alarm(`Function-${f.name}-P99Alarm`, p99(f), t.lambdaP99Ms, `Function ${f.name} p99 duration above ${t.lambdaP99Ms} ms.`);
    }
  }

  private addDeliveryWidgetsAndAlarms(streams: readonly MonitoredDeliveryStream[], freshnessSeconds: number): void {
    if (streams.length === 0) return;
    const freshness = (s: MonitoredDeliveryStream) =>
      s.deliveryStream.metric('DeliveryToS3.DataFreshness', { statistic: cloudwatch.Stats.MAXIMUM, period: FIVE_MINUTES, label: s.name });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Firehose delivery freshness (seconds)',
        left: streams.map(freshness),
        leftAnnotations: [{ value: freshnessSeconds, label: 'alarm' }],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Firehose delivery to S3 success',
        left: streams.map((s) => s.deliveryStream.metric('DeliveryToS3.Success', { statistic: cloudwatch.Stats.AVERAGE, period: FIVE_MINUTES, label: s.name })),
        leftYAxis: { min: 0, max: 1 },
        width: 12,
      }),
    );
    for (const stream of streams) {
      this.alarm(`Delivery-${stream.name}-FreshnessAlarm`, freshness(stream), freshnessSeconds, `Records of ${stream.name} wait more than ${freshnessSeconds} s for delivery to S3.`);
    }
  }

  private addBotWidgets(bots: readonly MonitoredBot[]): void {
    if (bots.length === 0) return;
    // Lex V2 adds Operation (and InputMode for audio) dimensions, so a search without a schema
    // catches every operation Amazon Connect uses.
    // https://docs.aws.amazon.com/lexv2/latest/dg/monitoring-cloudwatch.html
    const missed = bots.flatMap((bot) =>
      bot.locales.map(
        (locale) =>
          new cloudwatch.MathExpression({
            expression: `SEARCH('Namespace="AWS/Lex" MetricName="MissedUtteranceCount" BotId="${bot.botId}" BotAliasId="${bot.aliasId}" LocaleId="${locale}"', 'Sum', 300)`,
            usingMetrics: {},
            label: locale,
          }),
      ),
    );
    this.dashboard.addWidgets(new cloudwatch.GraphWidget({ title: 'Lex missed utterances', left: missed, width: 24 }));
  }
}

function validate(props: ContactCenterMonitoringProps): void {
  const problems: string[] = [];
  if (!props.alarmKey && !props.keyAlias) problems.push('keyAlias: required when no alarmKey is given (e.g. "springfield/alarms")');
  const t = props.thresholds;
  const checks: [keyof MonitoringThresholds, number, number][] = [
    ['concurrentCallsPercent', 1, 100],
    ['missedCalls', 1, Infinity],
    ['lambdaErrors', 1, Infinity],
    ['lambdaP99Ms', 100, 8000],
    ['longestWaitSeconds', 30, Infinity],
  ];
  for (const [key, min, max] of checks) {
    const value = t[key];
    if (!Token.isUnresolved(value) && (value < min || value > max)) problems.push(`thresholds.${key}: ${value} is outside ${min}..${max}`);
  }
  const fresh = props.deliveryFreshnessSeconds;
  if (fresh !== undefined && !Token.isUnresolved(fresh) && fresh < 60) problems.push(`deliveryFreshnessSeconds: ${fresh} is below 60`);
  for (const [what, names] of [
    ['queues', props.queues.map((q) => q.name)],
    ['functions', props.functions.map((f) => f.name)],
    ['deliveryStreams', props.deliveryStreams.map((s) => s.name)],
  ] as const) {
    const seen = new Set<string>();
    for (const n of names) {
      if (seen.has(n)) problems.push(`${what}: "${n}" is listed twice`);
      seen.add(n);
    }
  }
  if (problems.length > 0) throw new Error(`ContactCenterMonitoring: ${problems.join('; ')}`);
}
