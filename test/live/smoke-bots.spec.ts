import { ArnFormat, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LexBot, LIVE_ALIAS_NAME } from '../../lib/constructs/lex-bot';
import { isKitBotName, LIVE_ALIAS, parseAliasArn } from '../../lib/live/smoke-bots';
import { resourceId } from '../../lib/stacks/ids';
import { citizenServices } from '../bots/helpers';
import { kitApp } from '../helpers/examples';

/** The Name the LexBot construct gives its bot in a stack called `stackId`, as the contact-center stack adds it. */
function deployedBotName(stackId: string): string {
  const stack = new Stack(kitApp(), stackId, { env: { account: '111111111111', region: 'us-gov-west-1' } });
  const arn = (service: string, resource: string, resourceName: string) => stack.formatArn({ service, resource, resourceName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  new LexBot(stack, resourceId('Bot', 'citizen-services'), {
    definition: citizenServices(),
    instance: { instanceArn: arn('connect', 'instance', 'inst'), instanceId: 'inst' },
    codeHook: lambda.Function.fromFunctionArn(stack, 'Hook', arn('lambda', 'function', 'lex-fulfillment')),
  });
  const bots = Object.values(Template.fromStack(stack).findResources('AWS::Lex::Bot'));
  return bots[0].Properties.Name;
}

describe('smoke finds the kit bots the way LexBot names them', () => {
  test('the name LexBot gives a bot in a jurisdiction stack is recognised as that bot, and not as another', () => {
    const name = deployedBotName('pinecrest-benefits-contact-center');
    expect(isKitBotName(name, 'citizen-services')).toBe(true);
    expect(isKitBotName(name, 'services')).toBe(false);
    expect(isKitBotName(name, 'citizen')).toBe(false);
  });

  test('a stack id long enough for CDK to trim the bot name still matches', () => {
    const name = deployedBotName(`${'a-very-long-jurisdiction-identifier'.repeat(2)}-contact-center`);
    expect(name).toHaveLength(100);
    expect(isKitBotName(name, 'citizen-services')).toBe(true);
  });

  test('the alias smoke expects is the one LexBot creates', () => {
    expect(LIVE_ALIAS).toBe(LIVE_ALIAS_NAME);
  });

  test('bot and alias ids come out of a GovCloud alias ARN; anything else is not an alias', () => {
    expect(parseAliasArn('arn:aws-us-gov:lex:us-gov-west-1:222222222222:bot-alias/BOTID12345/ALIAS12345')).toEqual({
      arn: 'arn:aws-us-gov:lex:us-gov-west-1:222222222222:bot-alias/BOTID12345/ALIAS12345',
      botId: 'BOTID12345',
      aliasId: 'ALIAS12345',
    });
    expect(parseAliasArn('arn:aws-us-gov:lex:us-gov-west-1:222222222222:bot:BOTID12345:ALIAS')).toBeUndefined();
    expect(parseAliasArn('')).toBeUndefined();
  });
});
