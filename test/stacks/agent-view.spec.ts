import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import type { JurisdictionConfig } from '../../lib/config/schema';
import { addJurisdiction } from '../../lib/jurisdiction';
import { loadJurisdictionSources } from '../../lib/sources';
import { exampleConfig, kitApp, sharedExamples, templateOf } from '../helpers/examples';

const ROOT = path.join(__dirname, '..', '..');

/** The contact-center template of a jurisdiction, synthesized without bundling. */
function contactCenter(config: JurisdictionConfig): Template {
  const { contactCenter: stack } = addJurisdiction(kitApp({ 'aws:cdk:bundling-stacks': [] }), config, loadJurisdictionSources(config, ROOT));
  return Template.fromStack(stack);
}

/** A flow's deployed content (CloudFormation value) as JSON text, by flow name. */
function contentOf(template: Template, name: string): string {
  const found = Object.values(template.findResources('AWS::Connect::ContactFlow')).find((r) => r.Properties.Name === name);
  if (!found) throw new Error(`no flow named ${name}`);
  return JSON.stringify(found.Properties.Content);
}

describe('caller-context view in the contact-center stack', () => {
  test('on by default: the agent-context guide shows the Detail view of the region\'s partition and the inbound flows turn it on', () => {
    // GIVEN the pinecrest example as the app builds it (its file sets agentView.enabled: true)

    // WHEN
    const template = templateOf(sharedExamples()['pinecrest-benefits'].contactCenter);

    // THEN
    const guide = contentOf(template, 'Agent context');
    expect(guide).toContain('\\"ViewResource\\":{\\"Id\\":\\"arn:aws-us-gov:connect:us-gov-west-1:aws:view/detail\\"}');
    expect(guide).toContain('{\\"Label\\":\\"Case status\\",\\"Value\\":\\"$.Attributes.caseStatus\\"}');
    for (const inbound of ['Main inbound', 'Chat inbound']) {
      expect(contentOf(template, inbound)).toContain('\\"DefaultAgentUI\\":\\"');
      expect(contentOf(template, inbound)).toContain('\\"agentView\\":\\"on\\"');
    }
    template.resourceCountIs('AWS::Connect::View', 0);
  });

  test('agentView.enabled: false deploys the inbound flows with the view turned off', () => {
    // GIVEN
    const config = { ...exampleConfig('riverton-311'), agentView: { enabled: false } };

    // WHEN
    const template = contactCenter(config);

    // THEN
    expect(contentOf(template, 'Main inbound')).toContain('\\"agentView\\":\\"off\\"');
    expect(contentOf(template, 'Main inbound')).not.toContain('\\"agentView\\":\\"on\\"');
  });
});
