import { Template } from 'aws-cdk-lib/assertions';
import type { JurisdictionConfig } from '../../lib/config/schema';
import { FLOW_TEXT_NAMES, KIT_TEXTS } from '../../lib/flows/texts';
import type { LoadedFlow } from '../../lib/flows/types';
import { addJurisdiction } from '../../lib/jurisdiction';
import type { ContactCenterStack } from '../../lib/stacks/contact-center-stack';
import type { JurisdictionSources } from '../../lib/sources';
import { exampleConfig, exampleSources, kitApp, sharedExamples, templateOf } from '../helpers/examples';

/** The contact-center stack of a jurisdiction, synthesized without bundling. */
function contactCenter(config: JurisdictionConfig, sources: JurisdictionSources) {
  const { contactCenter: stack } = addJurisdiction(kitApp({ 'aws:cdk:bundling-stacks': [] }), config, sources);
  return { stack, template: Template.fromStack(stack) };
}

/** Flow resources by logical id: their content and what they wait for. */
function flowResources(template: Template) {
  return Object.fromEntries(
    Object.entries(template.findResources('AWS::Connect::ContactFlow')).map(([id, r]) => [id, { content: r.Properties.Content, dependsOn: r.DependsOn }]),
  );
}

/**
 * The flow as it was written before bot roles and replaceable texts: each role replaced by the
 * bot that played it, each `${config:text.…}` by the kit text with `${config:displayName}`.
 */
function asBefore(flow: LoadedFlow): LoadedFlow {
  let text = JSON.stringify(flow.content).replaceAll('${botRole:selfService}', '${bot:citizen-services}').replaceAll('${botRole:survey}', '${bot:survey-answers}');
  for (const name of FLOW_TEXT_NAMES) {
    for (const language of ['en-US', 'es-US'] as const) {
      text = text.replaceAll(`\${config:text.${name}.${language}}`, JSON.stringify(KIT_TEXTS[name][language].replaceAll('{displayName}', '${config:displayName}')).slice(1, -1));
    }
  }
  return { ...flow, content: JSON.parse(text) };
}

/** The resolved alias ARN of a bot in `stack`, as it appears in flow content. */
const aliasOf = (stack: ContactCenterStack, bot: string) => JSON.stringify(stack.resolve(stack.bots.get(bot)!.aliasArn));

describe('bot roles in the default flows', () => {
  test.each(['pinecrest-benefits', 'riverton-311'] as const)('%s: flows naming bot roles and kit texts synthesize exactly what flows naming the bots and holding the texts did', (id) => {
    const config = exampleConfig(id);
    const sources = exampleSources(config);
    expect(JSON.stringify(sources.flows.map((f) => f.content))).toContain('${botRole:selfService}');
    expect(JSON.stringify(sources.flows.map((f) => f.content))).toContain('${config:text.greeting.es-US}');

    // now: the example as the app builds it (addExample: this config and these sources)
    const now = { stack: sharedExamples()[id].contactCenter, template: templateOf(sharedExamples()[id].contactCenter) };
    const before = contactCenter(config, { ...sources, flows: sources.flows.map(asBefore) });

    expect(flowResources(now.template)).toEqual(flowResources(before.template));
    const inbound = JSON.stringify(now.template.findResources('AWS::Connect::ContactFlow', { Properties: { Name: 'Main inbound' } }));
    expect(inbound).toContain(aliasOf(now.stack, 'citizen-services'));
  });

  test('a second bot listed in config plays the self-service role in the inbound flows, from config alone', () => {
    const base = exampleConfig('riverton-311');
    const config: JurisdictionConfig = { ...base, bots: [...base.bots, 'dmv-services'], flows: { ...base.flows, bots: { selfService: 'dmv-services' } } };
    const kit = exampleSources(base);
    const bots = new Map([...kit.bots, ['dmv-services', kit.bots.get('citizen-services')!]]);
    const { stack, template } = contactCenter(config, { ...kit, bots });

    const content = (name: string) => JSON.stringify(template.findResources('AWS::Connect::ContactFlow', { Properties: { Name: name } }));
    for (const name of ['Main inbound', 'Chat inbound']) {
      expect(content(name)).toContain(aliasOf(stack, 'dmv-services'));
      expect(content(name)).not.toContain(aliasOf(stack, 'citizen-services'));
    }
    expect(content('Post-contact survey')).toContain(aliasOf(stack, 'survey-answers'));
    // The inbound flows wait for the new bot's integration association (CreateContactFlow checks it).
    const association = stack.getLogicalId(stack.bots.get('dmv-services')!.association);
    expect(content('Main inbound')).toContain(`"DependsOn":[`);
    expect(JSON.stringify(template.findResources('AWS::Connect::ContactFlow', { Properties: { Name: 'Main inbound' } }))).toMatch(new RegExp(`"DependsOn":\\[[^\\]]*"${association}"`));
  });
});
