import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { addNagPacks } from '../../lib/compliance/nag';
import { ContactCenterMonitoring, ContactCenterMonitoringProps } from '../../lib/constructs/contact-center-monitoring';

const ALARM = 'AWS::CloudWatch::Alarm';
const INSTANCE_ID = '11111111-2222-3333-4444-555555555555';
const THRESHOLDS = { concurrentCallsPercent: 80, missedCalls: 5, lambdaErrors: 5, lambdaP99Ms: 3000, longestWaitSeconds: 900 };

function givenStack(app = new App()): Stack {
  return new Stack(app, 'Test', { env: { account: '111111111111', region: 'us-gov-west-1' } });
}

function propsFor(stack: Stack, overrides: Partial<ContactCenterMonitoringProps> = {}): ContactCenterMonitoringProps {
  return {
    instanceId: INSTANCE_ID,
    queues: [{ name: 'General' }, { name: 'Benefits Spanish' }],
    functions: [
      { name: 'case-status', function: lambda.Function.fromFunctionName(stack, 'CaseStatus', 'case-status-fn') },
      { name: 'survey-capture', function: lambda.Function.fromFunctionName(stack, 'Survey', 'survey-capture-fn') },
    ],
    deliveryStreams: [{ name: 'contact-records', deliveryStream: firehose.DeliveryStream.fromDeliveryStreamName(stack, 'Ctr', 'ctr-stream') }],
    bots: [{ botId: 'BOTID12345', aliasId: 'ALIAS12345', locales: ['en_US', 'es_US'] }],
    thresholds: THRESHOLDS,
    alarmEmails: ['ops@example.gov', 'lead@example.gov'],
    keyAlias: 'springfield/alarms',
    ...overrides,
  };
}

function synth(overrides: (stack: Stack) => Partial<ContactCenterMonitoringProps> = () => ({})): { template: Template; monitoring: ContactCenterMonitoring } {
  const stack = givenStack();
  const monitoring = new ContactCenterMonitoring(stack, 'Monitoring', propsFor(stack, overrides(stack)));
  return { template: Template.fromStack(stack), monitoring };
}

let withDefaults: ReturnType<typeof synth> | undefined;
/**
 * {@link synth} with the default props, built once for the tests that only read it (each build
 * and synthesis is a new app); a test that changes a prop builds its own.
 */
function synthDefaults(): ReturnType<typeof synth> {
  withDefaults ??= synth();
  return withDefaults;
}

/** The dashboard body with every CloudFormation token rendered as `<token>`. */
function dashboardBody(template: Template): string {
  const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
  const parts = dashboard.Properties.DashboardBody['Fn::Join'][1] as unknown[];
  return parts.map((p) => (typeof p === 'string' ? p : '<token>')).join('');
}

const TOPIC_ACTION = [{ Ref: Match.stringLikeRegexp('^MonitoringTopic') }];

/** Alarm properties of an unlabelled instance-level Amazon Connect metric. */
function connectMetric(name: string, group: string, statistic: string) {
  return {
    Namespace: 'AWS/Connect',
    MetricName: name,
    Dimensions: [{ Name: 'InstanceId', Value: INSTANCE_ID }, { Name: 'MetricGroup', Value: group }],
    Period: 300,
    Statistic: statistic,
  };
}

describe('ContactCenterMonitoring', () => {
  describe('dashboard', () => {
    test('graphs every Amazon Connect instance metric with the VoiceCalls, ContactFlow and CallRecordings groups', () => {
      // GIVEN / WHEN
      const { template } = synthDefaults();
      // THEN
      const body = dashboardBody(template);
      for (const name of ['ConcurrentCalls', 'ConcurrentCallsPercentage', 'CallsPerInterval', 'MissedCalls', 'ThrottledCalls', 'CallsBreachingConcurrencyQuota']) {
        expect(body).toContain(`["AWS/Connect","${name}","InstanceId","${INSTANCE_ID}","MetricGroup","VoiceCalls"`);
      }
      for (const name of ['ContactFlowErrors', 'ContactFlowFatalErrors']) {
        expect(body).toContain(
          `SEARCH('{AWS/Connect,ContactFlowName,InstanceId,MetricGroup} MetricName=\\"${name}\\" InstanceId=\\"${INSTANCE_ID}\\"', 'Sum', 300)`,
        );
      }
      expect(body).toContain(`["AWS/Connect","CallRecordingUploadError","InstanceId","${INSTANCE_ID}","MetricGroup","CallRecordings",{"stat":"Sum"}]`);
      template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
      template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: Match.absent() });
    });

    test('graphs queue size and longest wait for each queue by queue name', () => {
      const { template } = synthDefaults();
      const body = dashboardBody(template);
      for (const queue of ['General', 'Benefits Spanish']) {
        for (const name of ['QueueSize', 'LongestQueueWaitTime']) {
          expect(body).toContain(`["AWS/Connect","${name}","InstanceId","${INSTANCE_ID}","MetricGroup","Queue","QueueName","${queue}",{"label":"${queue}","stat":"Maximum"}]`);
        }
      }
    });

    test('graphs errors, throttles and p99 duration for each function', () => {
      const { template } = synthDefaults();
      const body = dashboardBody(template);
      // the function name is a token (taken from the imported function's ARN)
      for (const name of ['case-status', 'survey-capture']) {
        expect(body).toContain(`["AWS/Lambda","Errors","FunctionName","<token>",{"label":"${name}","stat":"Sum"}]`);
        expect(body).toContain(`["AWS/Lambda","Throttles","FunctionName","<token>",{"label":"${name}","stat":"Sum"}]`);
        expect(body).toContain(`["AWS/Lambda","Duration","FunctionName","<token>",{"label":"${name}","stat":"p99"}]`);
      }
    });

    test('graphs Firehose delivery freshness and success for each delivery stream', () => {
      const { template } = synthDefaults();
      const body = dashboardBody(template);
      expect(body).toContain('["AWS/Firehose","DeliveryToS3.DataFreshness","DeliveryStreamName","ctr-stream",{"label":"contact-records","stat":"Maximum"}]');
      expect(body).toContain('["AWS/Firehose","DeliveryToS3.Success","DeliveryStreamName","ctr-stream",{"label":"contact-records"}]');
    });

    test('graphs Lex missed utterances for each bot locale', () => {
      const { template } = synthDefaults();
      const body = dashboardBody(template);
      for (const locale of ['en_US', 'es_US']) {
        expect(body).toContain(
          `SEARCH('Namespace=\\"AWS/Lex\\" MetricName=\\"MissedUtteranceCount\\" BotId=\\"BOTID12345\\" BotAliasId=\\"ALIAS12345\\" LocaleId=\\"${locale}\\"', 'Sum', 300)`,
        );
      }
    });

    test('leaves out the Lex widget when no bot is given', () => {
      const { template } = synth(() => ({ bots: undefined }));
      expect(dashboardBody(template)).not.toContain('AWS/Lex');
    });

    test('uses the dashboard name when one is given', () => {
      const { template } = synth(() => ({ dashboardName: 'springfield-contact-center' }));
      template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'springfield-contact-center' });
    });
  });

  describe('alarms', () => {
    test('create one alarm per instance check, per queue, two per function and one per delivery stream', () => {
      const { template, monitoring } = synthDefaults();
      // 5 instance + 2 queues + 2×2 functions + 1 stream
      template.resourceCountIs(ALARM, 12);
      expect([...monitoring.alarms.keys()]).toEqual([
        'ConcurrentCallsPercentAlarm',
        'MissedCallsAlarm',
        'ThrottledCallsAlarm',
        'FlowFatalErrorsAlarm',
        'RecordingUploadErrorsAlarm',
        'Queue-General-LongestWaitAlarm',
        'Queue-Benefits Spanish-LongestWaitAlarm',
        'Function-case-status-ErrorsAlarm',
        'Function-case-status-P99Alarm',
        'Function-survey-capture-ErrorsAlarm',
        'Function-survey-capture-P99Alarm',
        'Delivery-contact-records-FreshnessAlarm',
      ]);
    });

    test('alarm when concurrent calls exceed the configured percentage of the quota', () => {
      const { template } = synth(() => ({ thresholds: { ...THRESHOLDS, concurrentCallsPercent: 70 } }));
      template.hasResourceProperties(ALARM, {
        ...connectMetric('ConcurrentCallsPercentage', 'VoiceCalls', 'Maximum'),
        Threshold: 70,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        AlarmActions: TOPIC_ACTION,
        OKActions: TOPIC_ACTION,
      });
    });

    test('alarm when more calls than configured are missed in 5 minutes', () => {
      const { template } = synth(() => ({ thresholds: { ...THRESHOLDS, missedCalls: 3 } }));
      template.hasResourceProperties(ALARM, {
        ...connectMetric('MissedCalls', 'VoiceCalls', 'Sum'),
        Threshold: 3,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        AlarmActions: TOPIC_ACTION,
      });
    });

    test('alarm on the first throttled call and the first recording upload error', () => {
      const { template } = synthDefaults();
      for (const [name, group] of [['ThrottledCalls', 'VoiceCalls'], ['CallRecordingUploadError', 'CallRecordings']]) {
        template.hasResourceProperties(ALARM, {
          ...connectMetric(name, group, 'Sum'),
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          EvaluationPeriods: 1,
          TreatMissingData: 'notBreaching',
          AlarmActions: TOPIC_ACTION,
        });
      }
    });

    test('alarm on the first fatal flow error of any flow through a Metrics Insights query', () => {
      const { template } = synthDefaults();
      template.hasResourceProperties(ALARM, {
        Metrics: [
          {
            Id: 'expr_1',
            Expression: `SELECT SUM(ContactFlowFatalErrors) FROM SCHEMA("AWS/Connect", ContactFlowName, InstanceId, MetricGroup) WHERE InstanceId = '${INSTANCE_ID}'`,
            Period: 300,
            ReturnData: true,
          },
        ],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        AlarmActions: TOPIC_ACTION,
      });
    });

    test('alarm when the oldest contact of each queue waits longer than configured', () => {
      const { template } = synth(() => ({ thresholds: { ...THRESHOLDS, longestWaitSeconds: 600 } }));
      for (const queue of ['General', 'Benefits Spanish']) {
        template.hasResourceProperties(ALARM, {
          Metrics: [
            {
              Id: 'm1',
              Label: queue,
              MetricStat: {
                Metric: {
                  Namespace: 'AWS/Connect',
                  MetricName: 'LongestQueueWaitTime',
                  Dimensions: [
                    { Name: 'InstanceId', Value: INSTANCE_ID },
                    { Name: 'MetricGroup', Value: 'Queue' },
                    { Name: 'QueueName', Value: queue },
                  ],
                },
                Period: 300,
                Stat: 'Maximum',
              },
              ReturnData: true,
            },
          ],
          Threshold: 600,
          ComparisonOperator: 'GreaterThanThreshold',
          EvaluationPeriods: 1,
          TreatMissingData: 'notBreaching',
          AlarmActions: TOPIC_ACTION,
        });
      }
    });

    test('alarm on each function\'s errors and p99 duration above the configured values', () => {
      const { template } = synth(() => ({ thresholds: { ...THRESHOLDS, lambdaErrors: 2, lambdaP99Ms: 2500 } }));
      for (const fn of ['case-status', 'survey-capture']) {
        for (const [metricName, stat, threshold] of [['Errors', 'Sum', 2], ['Duration', 'p99', 2500]] as const) {
          template.hasResourceProperties(ALARM, {
            AlarmDescription: Match.stringLikeRegexp(`^Function ${fn} `),
            Metrics: [
              {
                Id: 'm1',
                Label: fn,
                MetricStat: {
                  Metric: { Namespace: 'AWS/Lambda', MetricName: metricName, Dimensions: [{ Name: 'FunctionName', Value: Match.anyValue() }] },
                  Period: 300,
                  Stat: stat,
                },
                ReturnData: true,
              },
            ],
            Threshold: threshold,
            ComparisonOperator: 'GreaterThanThreshold',
            EvaluationPeriods: 1,
            TreatMissingData: 'notBreaching',
            AlarmActions: TOPIC_ACTION,
          });
        }
      }
    });

    test('alarm when delivery to S3 is staler than 900 seconds unless told otherwise', () => {
      for (const [given, expected] of [[undefined, 900], [1200, 1200]] as const) {
        const { template } = synth(() => ({ deliveryFreshnessSeconds: given }));
        template.hasResourceProperties(ALARM, {
          Metrics: [
            {
              Id: 'm1',
              Label: 'contact-records',
              MetricStat: {
                Metric: { Namespace: 'AWS/Firehose', MetricName: 'DeliveryToS3.DataFreshness', Dimensions: [{ Name: 'DeliveryStreamName', Value: 'ctr-stream' }] },
                Period: 300,
                Stat: 'Maximum',
              },
              ReturnData: true,
            },
          ],
          Threshold: expected,
          ComparisonOperator: 'GreaterThanThreshold',
          EvaluationPeriods: 1,
          TreatMissingData: 'notBreaching',
          AlarmActions: TOPIC_ACTION,
        });
      }
    });
  });

  describe('topic and key', () => {
    test('encrypt the topic with a new rotating, retained key and refuse plain HTTP', () => {
      const { template } = synthDefaults();
      template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MonitoringKey'), 'Arn'] } });
      template.hasResource('AWS::KMS::Key', {
        Properties: { EnableKeyRotation: true, RotationPeriodInDays: 365, Description: 'Contact center alarm notifications' },
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
      template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/springfield/alarms' });
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    });

    test('let CloudWatch alarms of this account decrypt and generate data keys with the key', () => {
      const { template } = synthDefaults();
      template.hasResourceProperties('AWS::KMS::Key', {
        KeyPolicy: {
          Statement: Match.arrayWith([
            {
              Sid: 'AllowCloudWatchAlarms',
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
              Resource: '*',
              Condition: {
                StringEquals: { 'aws:SourceAccount': '111111111111' },
                ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:us-gov-west-1:111111111111:alarm:*']] } },
              },
            },
          ]),
        },
      });
    });

    test('use a given key, add the CloudWatch statement to it and create no key of its own', () => {
      const stack = givenStack();
      const key = new kms.Key(stack, 'AlarmKey');
      new ContactCenterMonitoring(stack, 'Monitoring', propsFor(stack, { alarmKey: key, keyAlias: undefined }));
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::KMS::Key', 1);
      template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AlarmKey'), 'Arn'] } });
      template.hasResourceProperties('AWS::KMS::Key', { KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'AllowCloudWatchAlarms' })]) } });
    });

    test('warn when a given key takes no policy statement', () => {
      const stack = givenStack();
      const key = kms.Key.fromKeyArn(stack, 'Imported', stack.formatArn({ service: 'kms', resource: 'key', resourceName: '1234abcd-12ab-34cd-56ef-1234567890ab' }));
      new ContactCenterMonitoring(stack, 'Monitoring', propsFor(stack, { alarmKey: key, keyAlias: undefined }));
      Annotations.fromStack(stack).hasWarning(
        '/Test/Monitoring',
        'The alarm key takes no policy statements here; its key policy must let cloudwatch.amazonaws.com use kms:Decrypt and kms:GenerateDataKey*, or alarm notifications are lost. [ack: gov-contact-center-kit:alarm-key-policy]',
      );
    });

    test('subscribe each configured address by email', () => {
      const { template } = synthDefaults();
      template.resourceCountIs('AWS::SNS::Subscription', 2);
      for (const address of ['ops@example.gov', 'lead@example.gov']) {
        template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: address, TopicArn: { Ref: Match.stringLikeRegexp('^MonitoringTopic') } });
      }
    });

    test('subscribe nobody when no address is configured', () => {
      const { template } = synth(() => ({ alarmEmails: [] }));
      template.resourceCountIs('AWS::SNS::Subscription', 0);
    });
  });

  test('fails listing every invalid prop at once', () => {
    const stack = givenStack();
    expect(
      () =>
        new ContactCenterMonitoring(
          stack,
          'Monitoring',
          propsFor(stack, {
            keyAlias: undefined,
            thresholds: { ...THRESHOLDS, concurrentCallsPercent: 120, lambdaP99Ms: 9000 },
            deliveryFreshnessSeconds: 30,
            queues: [{ name: 'General' }, { name: 'General' }],
          }),
        ),
    ).toThrow(
      new Error(
        'ContactCenterMonitoring: keyAlias: required when no alarmKey is given (e.g. "springfield/alarms"); thresholds.concurrentCallsPercent: 120 is outside 1..100; thresholds.lambdaP99Ms: 9000 is outside 100..8000; deliveryFreshnessSeconds: 30 is below 60; queues: "General" is listed twice',
      ),
    );
  });

  test('raises no unacknowledged NIST 800-53 rev 5 or AWS Solutions finding', () => {
    // GIVEN the construct alone in an app with the nag packs
    const app = new App();
    const stack = givenStack(app);
    new ContactCenterMonitoring(stack, 'Monitoring', propsFor(stack));
    addNagPacks(app);
    // THEN synthesis succeeds
    expect(() => app.synth()).not.toThrow();
  });
});
