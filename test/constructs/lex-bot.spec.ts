import { ArnFormat, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Validations } from 'aws-cdk-lib';
import { BotDefinitionError } from '../../lib/bots/loader';
import type { BotDefinition } from '../../lib/bots/schema';
import { addNagPacks } from '../../lib/compliance/nag';
import { LexBot, LexBotProps } from '../../lib/constructs/lex-bot';
import { changed, citizenServices } from '../bots/helpers';
import { kitApp } from '../helpers/examples';

const ACCOUNT = '111111111111';
const INSTANCE_ID = '11111111-2222-3333-4444-555555555555';
const INSTANCE_ARN = `arn:aws-us-gov:connect:us-gov-west-1:${ACCOUNT}:instance/${INSTANCE_ID}`;
const HOOK_ARN = `arn:aws-us-gov:lambda:us-gov-west-1:${ACCOUNT}:function:lex-fulfillment`;

function givenStack(app = kitApp(), id = 'Bots', env: { account?: string; region?: string } = { account: ACCOUNT, region: 'us-gov-west-1' }) {
  return new Stack(app, id, { env });
}

function buildBot(definition: BotDefinition = citizenServices(), props: Partial<LexBotProps> = {}, stack = givenStack()) {
  const codeHook = lambda.Function.fromFunctionArn(
    stack,
    'Hook',
    stack.formatArn({ service: 'lambda', resource: 'function', resourceName: 'lex-fulfillment', arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
  );
  const instance = {
    instanceArn: stack.formatArn({ service: 'connect', resource: 'instance', resourceName: INSTANCE_ID }),
    instanceId: INSTANCE_ID,
  };
  const bot = new LexBot(stack, 'Bot-citizen-services', { definition, instance, codeHook, ...props });
  return { stack, bot };
}

function givenBot(definition: BotDefinition = citizenServices(), props: Partial<LexBotProps> = {}, stack = givenStack()) {
  const built = buildBot(definition, props, stack);
  return { ...built, template: Template.fromStack(built.stack) };
}

/** The logical id of the only resource of `type` in a template. */
function onlyLogicalId(template: Template, type: string): string {
  const ids = Object.keys(template.findResources(type));
  expect(ids).toHaveLength(1);
  return ids[0];
}

describe('LexBot', () => {
  const { template, stack, bot } = givenBot();
  const botId = onlyLogicalId(template, 'AWS::Lex::Bot');
  const aliasId = onlyLogicalId(template, 'AWS::Lex::BotAlias');
  const versionId = onlyLogicalId(template, 'AWS::Lex::BotVersion');
  const policyId = onlyLogicalId(template, 'AWS::Lex::ResourcePolicy');
  const roleId = onlyLogicalId(template, 'AWS::IAM::Role');

  test('builds one bot, version, alias, alias policy, association and Lambda permission, and nothing else but its role', () => {
    // THEN
    expect(Object.values(template.toJSON().Resources).map((r: any) => r.Type).sort()).toEqual([
      'AWS::Connect::IntegrationAssociation',
      'AWS::IAM::Role',
      'AWS::Lambda::Permission',
      'AWS::Lex::Bot',
      'AWS::Lex::BotAlias',
      'AWS::Lex::BotVersion',
      'AWS::Lex::ResourcePolicy',
    ]);
  });

  test('builds the locales on deploy, declares the bot not child-directed and keeps idle sessions for the defined time', () => {
    template.hasResourceProperties('AWS::Lex::Bot', {
      AutoBuildBotLocales: true,
      DataPrivacy: { ChildDirected: false },
      IdleSessionTTLInSeconds: 300,
      RoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] },
      Name: 'Bots-Bot-citizen-services-1AE66D70',
    });
  });

  test('renders en_US and es_US with their neural voices, the NLU threshold and every intent of the code hook', () => {
    const locales = template.findResources('AWS::Lex::Bot')[botId].Properties.BotLocales;
    expect(locales.map((l: any) => [l.LocaleId, l.VoiceSettings, l.NluConfidenceThreshold])).toEqual([
      ['en_US', { VoiceId: 'Joanna', Engine: 'neural' }, 0.4],
      ['es_US', { VoiceId: 'Lupe', Engine: 'neural' }, 0.4],
    ]);
    for (const locale of locales) {
      expect(locale.Intents.map((i: any) => i.Name)).toEqual([
        'CheckCaseStatus',
        'OfficeHoursAndLocations',
        'SpeakToAgent',
        'ReportProblem',
        'Help',
        'Repeat',
        'FallbackIntent',
      ]);
      expect(locale.Intents[6]).toEqual({
        Name: 'FallbackIntent',
        Description: 'Used when no other intent matches what the caller said',
        ParentIntentSignature: 'AMAZON.FallbackIntent',
        FulfillmentCodeHook: { Enabled: true, IsActive: true },
      });
    }
  });

  test('asks for the case number in the caller\'s language, masked in logs, with the dialog and fulfillment hooks', () => {
    const [, spanish] = template.findResources('AWS::Lex::Bot')[botId].Properties.BotLocales;
    const check = spanish.Intents[0];
    expect(check.DialogCodeHook).toEqual({ Enabled: true });
    expect(check.FulfillmentCodeHook).toEqual({ Enabled: true, IsActive: true });
    expect(check.SlotPriorities).toEqual([{ SlotName: 'caseNumber', Priority: 1 }]);
    expect(check.Slots).toEqual([
      {
        Name: 'caseNumber',
        SlotTypeName: 'AMAZON.AlphaNumeric',
        ObfuscationSetting: { ObfuscationSettingType: 'DefaultObfuscation' },
        ValueElicitationSetting: {
          SlotConstraint: 'Required',
          PromptSpecification: {
            MaxRetries: 2,
            AllowInterrupt: true,
            MessageGroupsList: [{ Message: { PlainTextMessage: { Value: 'Por favor, diga o marque su número de caso.' } } }],
          },
        },
      },
    ]);
  });

  test('gives the bot a role only Lex in this account can assume, allowed nothing but speech synthesis', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { Service: 'lexv2.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
          },
        ],
      },
      Policies: [
        {
          PolicyName: 'Speech',
          PolicyDocument: { Version: '2012-10-17', Statement: [{ Action: 'polly:SynthesizeSpeech', Effect: 'Allow', Resource: '*' }] },
        },
      ],
      ManagedPolicyArns: Match.absent(),
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
  });

  test('publishes a version of both locales from the draft, deleted once a newer version replaces it', () => {
    template.hasResource('AWS::Lex::BotVersion', {
      Properties: {
        BotId: { 'Fn::GetAtt': [botId, 'Id'] },
        BotVersionLocaleSpecification: [
          { LocaleId: 'en_US', BotVersionLocaleDetails: { SourceBotVersion: 'DRAFT' } },
          { LocaleId: 'es_US', BotVersionLocaleDetails: { SourceBotVersion: 'DRAFT' } },
        ],
      },
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
    });
    expect(versionId).toMatch(new RegExp(`^BotcitizenservicesVersion${bot.definitionHash}[0-9A-F]{8}$`));
  });

  test('points the live alias at that version, with the code hook in every locale', () => {
    template.hasResourceProperties('AWS::Lex::BotAlias', {
      BotId: { 'Fn::GetAtt': [botId, 'Id'] },
      BotAliasName: 'live',
      BotVersion: { 'Fn::GetAtt': [versionId, 'BotVersion'] },
      BotAliasLocaleSettings: ['en_US', 'es_US'].map((LocaleId) => ({
        LocaleId,
        BotAliasLocaleSetting: {
          Enabled: true,
          CodeHookSpecification: { LambdaCodeHook: { CodeHookInterfaceVersion: '1.0', LambdaArn: HOOK_ARN } },
        },
      })),
      ConversationLogSettings: Match.absent(),
    });
  });

  test('lets only this account\'s instance start conversations on the alias', () => {
    template.hasResourceProperties('AWS::Lex::ResourcePolicy', {
      ResourceArn: { 'Fn::GetAtt': [aliasId, 'Arn'] },
      Policy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ConnectInstance',
            Effect: 'Allow',
            Principal: { Service: 'connect.amazonaws.com' },
            Action: ['lex:RecognizeText', 'lex:StartConversation'],
            Resource: { 'Fn::GetAtt': [aliasId, 'Arn'] },
            Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnEquals: { 'aws:SourceArn': INSTANCE_ARN } },
          },
        ],
      },
    });
  });

  test('associates the alias with the instance once the alias policy exists', () => {
    template.hasResource('AWS::Connect::IntegrationAssociation', {
      Properties: { InstanceId: INSTANCE_ARN, IntegrationType: 'LEX_BOT', IntegrationArn: { 'Fn::GetAtt': [aliasId, 'Arn'] } },
      DependsOn: [policyId],
    });
  });

  test('lets Lex invoke the code hook only through this alias, from this account', () => {
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: HOOK_ARN,
      Principal: 'lexv2.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [aliasId, 'Arn'] },
      SourceAccount: ACCOUNT,
    });
  });

  test('exposes the alias ARN that flows reference as ${bot:<name>}', () => {
    expect(stack.resolve(bot.aliasArn)).toEqual({ 'Fn::GetAtt': [aliasId, 'Arn'] });
    expect(bot.locales).toEqual(['en_US', 'es_US']);
  });
});

describe('LexBot versions', () => {
  const versionOf = (definition: BotDefinition) => onlyLogicalId(givenBot(definition).template, 'AWS::Lex::BotVersion');

  test('keeps the version logical id when the definition is unchanged', () => {
    expect(versionOf(citizenServices())).toEqual(versionOf(citizenServices()));
  });

  test('changes the version logical id when one utterance changes, and the alias follows it', () => {
    // GIVEN the default bot and a copy with one Spanish utterance reworded
    const before = versionOf(citizenServices());
    const edited = changed(citizenServices(), (d) => {
      d.intents[0].utterances.es_US![2] = 'el estado de mi caso';
    });
    // WHEN both are synthesized
    const { template } = givenBot(edited);
    const after = onlyLogicalId(template, 'AWS::Lex::BotVersion');
    // THEN the version is a new resource and the alias points at it
    expect(after).not.toEqual(before);
    template.hasResourceProperties('AWS::Lex::BotAlias', { BotVersion: { 'Fn::GetAtt': [after, 'BotVersion'] } });
  });

  test('changes the version logical id when the idle session timeout changes', () => {
    expect(versionOf(changed(citizenServices(), (d) => void (d.idleSessionTtlSeconds = 600)))).not.toEqual(versionOf(citizenServices()));
  });
});

describe('LexBot locales and validation', () => {
  test('builds only the locales the stack asks for', () => {
    const { template } = givenBot(citizenServices(), { locales: ['en_US'] });
    const bot = Object.values(template.findResources('AWS::Lex::Bot'))[0] as any;
    expect(bot.Properties.BotLocales.map((l: any) => l.LocaleId)).toEqual(['en_US']);
    template.hasResourceProperties('AWS::Lex::BotAlias', { BotAliasLocaleSettings: [Match.objectLike({ LocaleId: 'en_US' })] });
    template.hasResourceProperties('AWS::Lex::BotVersion', {
      BotVersionLocaleSpecification: [{ LocaleId: 'en_US', BotVersionLocaleDetails: { SourceBotVersion: 'DRAFT' } }],
    });
  });

  test('fails synthesis naming the file and the region when the definition has a locale GovCloud lacks', () => {
    // GIVEN the default bot with a French (Canada) locale added
    const french = changed(citizenServices(), (d) => {
      d.locales.fr_CA = { voice: { id: 'Gabrielle', engine: 'neural' }, nluConfidenceThreshold: 0.4 };
      for (const intent of d.intents) intent.utterances.fr_CA = [...intent.utterances.en_US!];
      for (const intent of d.intents) for (const slot of intent.slots) if (slot.prompt) slot.prompt.fr_CA = slot.prompt.en_US;
    });
    // THEN the construct throws a config-style error listing the problem
    expect(() => givenBot(french)).toThrow(BotDefinitionError);
    expect(() => givenBot(french)).toThrow(
      'Bot definition has 1 problem:\n' +
        '  config/bots/citizen-services.yaml: locales.fr_CA: Lex V2 locale fr_CA is not available in us-gov-west-1 (available there: en_US, es_US) [locale-not-in-region]',
    );
  });

  test('fails when intents use the code hook but no function is given, and when asked for an undeclared locale', () => {
    expect(() => givenBot(citizenServices(), { codeHook: undefined, locales: ['en_US', 'fr_CA'] })).toThrow(
      'Bot definition has 2 problems:\n' +
        '  config/bots/citizen-services.yaml: locales: the stack asks for locale fr_CA, which the bot does not declare (declared: en_US, es_US)\n' +
        '  config/bots/citizen-services.yaml: (bot): intents CheckCaseStatus, OfficeHoursAndLocations, SpeakToAgent, ReportProblem, Help, Repeat, FallbackIntent use the code hook, but no codeHook function was given to the LexBot construct',
    );
  });

  test('asks for allowedLocales when the stack has no region', () => {
    expect(() => givenBot(citizenServices(), {}, givenStack(kitApp(), 'Agnostic', {}))).toThrow(
      "config/bots/citizen-services.yaml: (bot): the stack's region (not set) is not one the kit knows (known: us-gov-west-1, us-east-1, us-west-2); give the stack an env region or pass allowedLocales",
    );
  });

  test('takes allowed locales from the props over the region', () => {
    expect(() => givenBot(citizenServices(), { allowedLocales: ['en_US'] })).toThrow(
      'locales.es_US: Lex V2 locale es_US is not available in us-gov-west-1 (available there: en_US) [locale-not-in-region]',
    );
  });

  test('turns lint warnings into annotations and still builds', () => {
    // GIVEN the Help intent with only three English utterances
    const thin = changed(citizenServices(), (d) => void (d.intents[4].utterances.en_US = ['help', 'I need help', 'what can you do']));
    const { stack } = givenBot(thin);
    Annotations.fromStack(stack).hasWarning(
      '/Bots/Bot-citizen-services',
      Match.stringLikeRegexp(
        'config/bots/citizen-services.yaml: intents\\[4\\].utterances.en_US: intent Help has 3 sample utterances in en_US \\(give at least 5, phrased the ways callers ask\\) \\[too-few-utterances\\]',
      ),
    );
  });
});

describe('LexBot compliance', () => {
  /** The finding ids the nag packs report for a stack holding only the bot. */
  function nagFindings(acknowledge: boolean): string[] {
    const app = kitApp();
    const { bot } = buildBot(citizenServices(), {}, givenStack(app));
    if (acknowledge) {
      for (const id of ['NIST.800.53.R5-IAMNoInlinePolicy', 'AwsSolutions-IAM5[Resource::*]']) Validations.of(bot.role).acknowledge({ id, reason: 'test' });
    }
    addNagPacks(app);
    try {
      app.synth();
      return [];
    } catch (error) {
      return [...String((error as Error).message).matchAll(/Acknowledge with '([^']+)'/g)].map((m) => m[1]).sort();
    }
  }

  test('has exactly two nag findings, both on the role, to acknowledge: the inline policy and Polly\'s "*" resource', () => {
    expect(nagFindings(false)).toEqual(['AwsSolutions::AwsSolutions-IAM5[Resource::*]', 'NIST.800.53.R5::NIST.800.53.R5-IAMNoInlinePolicy']);
  });

  test('passes the nag packs once those two are acknowledged on the role', () => {
    expect(nagFindings(true)).toEqual([]);
  });
});
