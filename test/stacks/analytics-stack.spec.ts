import { Match, Template } from 'aws-cdk-lib/assertions';
import { crossCheck } from '../../lib/config/cross-checks';
import { REGION_CAPABILITIES } from '../../lib/config/regions';
import type { JurisdictionConfig } from '../../lib/config/schema';
import { addJurisdiction } from '../../lib/jurisdiction';
import { exampleConfig, exampleSources, kitApp, sharedExamples, templateOf } from '../helpers/examples';

function analyticsTemplate(config: JurisdictionConfig): Template {
  const stacks = addJurisdiction(kitApp(), config, exampleSources(config));
  return Template.fromStack(stacks.analytics);
}

describe('AnalyticsStack', () => {
  test('holds the Glue tables, workgroup, queries, dashboard and alarms when analytics is on', () => {
    const template = templateOf(sharedExamples()['pinecrest-benefits'].analytics);
    template.resourceCountIs('AWS::Glue::Database', 1);
    template.resourceCountIs('AWS::Glue::Table', 3);
    template.resourceCountIs('AWS::Glue::Crawler', 0);
    template.resourceCountIs('AWS::Athena::WorkGroup', 1);
    template.resourceCountIs('AWS::Athena::NamedQuery', 9);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'contact-center-ops@pinecrest-benefits.example' });
  });

  test('lets S3 deliver the results bucket access logs only from this account, as every other log grant does', () => {
    // GIVEN the example with analytics on (results bucket in the analytics stack, access-log bucket in the stateful stack)
    const config = exampleConfig('pinecrest-benefits');
    const stacks = sharedExamples()['pinecrest-benefits'];
    // WHEN the stateful stack's access-log bucket policy is read
    const policies = templateOf(stacks.stateful).findResources('AWS::S3::BucketPolicy');
    const statements = Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement as Array<Record<string, any>>);
    const logDelivery = statements.filter((s) => s.Principal?.Service === 'logging.s3.amazonaws.com');
    // THEN the athena-results grant carries the account condition, and no log grant lacks one
    const results = logDelivery.filter((s) => JSON.stringify(s.Resource).includes('/athena-results/*'));
    expect(results).toHaveLength(1);
    expect(results[0].Condition).toEqual({ StringEquals: { 'aws:SourceAccount': config.account } });
    expect(logDelivery.filter((s) => s.Condition?.StringEquals?.['aws:SourceAccount'] === undefined)).toEqual([]);
    // AND the results bucket logs there under that prefix
    templateOf(stacks.analytics).hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { DestinationBucketName: { 'Fn::ImportValue': Match.anyValue() }, LogFilePrefix: 'athena-results/' },
    });
  });

  test('synthesizes without tables, workgroup or queries when analytics is off, keeping the dashboard and alarms', () => {
    const base = exampleConfig('riverton-311');
    const template = analyticsTemplate({ ...base, analytics: { ...base.analytics, enabled: false } });
    template.resourceCountIs('AWS::Glue::Database', 0);
    template.resourceCountIs('AWS::Glue::Table', 0);
    template.resourceCountIs('AWS::Athena::WorkGroup', 0);
    template.resourceCountIs('AWS::Athena::NamedQuery', 0);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  test('refuses Contact Lens in a region without it, naming the region and the feature', () => {
    const config = { ...exampleConfig('riverton-311'), region: 'us-west-2' as const };
    const without = { ...REGION_CAPABILITIES['us-west-2'], features: { ...REGION_CAPABILITIES['us-west-2'].features, contactLens: false } };
    // Restored at the end: this spec shares its jest file (and the region table) with others.
    const replaced = jest.replaceProperty(REGION_CAPABILITIES, 'us-west-2', without);
    const { problems } = crossCheck('config/jurisdictions/riverton-311.yaml', config);
    replaced.restore();
    expect(problems).toEqual([
      'config/jurisdictions/riverton-311.yaml: features.contactLens: Contact Lens is not available in us-west-2 (available there: chat, tasks, customerProfiles, cases, outboundCampaigns, emailChannel, voiceId, amazonQInConnect, globalResiliency)',
    ]);
  });
});
