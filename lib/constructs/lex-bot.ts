import { createHash } from 'crypto';
import { Annotations, Names, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as lex from 'aws-cdk-lib/aws-lex';
import { Construct } from 'constructs';
import { REGION_CAPABILITIES } from '../config/regions';
import { findingsOf, formatFinding, lintBot } from '../bots/lint';
import { BotDefinitionError } from '../bots/loader';
import { renderBotLocales } from '../bots/render';
import { BotDefinition, declaredLocales, LexLocale } from '../bots/schema';
import { IConnectInstance } from './connect-instance';

/** Name of the alias Amazon Connect talks to (one per bot, so a fixed name is unique). */
export const LIVE_ALIAS_NAME = 'live';

/**
 * Runtime actions Amazon Connect calls on the alias: StartConversation (voice) and
 * RecognizeText (chat). These are the two the Lex V2 guide's "Allow an AWS service to use a
 * specific Amazon Lex V2 bot" policy grants Amazon Connect; RecognizeUtterance is not used.
 */
export const CONNECT_BOT_ACTIONS = ['lex:RecognizeText', 'lex:StartConversation'] as const;

/** Properties of {@link LexBot}. */
export interface LexBotProps {
  /** The validated bot definition (from `config/bots/<name>.yaml`, see `loadBotDefinitions`). */
  readonly definition: BotDefinition;
  /** The Amazon Connect instance that uses the bot; only it may call the alias. */
  readonly instance: IConnectInstance;
  /**
   * The Lambda function Lex calls for the intents that use a code hook (dialog or fulfillment),
   * in every locale. It must be in this account and region.
   * @default - no code hook; synthesis fails if an intent asks for one
   */
  readonly codeHook?: lambda.IFunction;
  /**
   * Lex V2 locales available in the target region; a definition declaring another one fails
   * synthesis.
   * @default - the `lexLocales` of the stack's region in REGION_CAPABILITIES (GovCloud: en_US, es_US)
   */
  readonly allowedLocales?: readonly string[];
  /**
   * The locales to build, a subset of those the definition declares (e.g. a jurisdiction's
   * `lexLocales`).
   * @default - every locale the definition declares
   */
  readonly locales?: readonly LexLocale[];
  /**
   * The definition's file, as named in error messages.
   * @default - `config/bots/<name>.yaml`
   */
  readonly source?: string;
}

/**
 * An Amazon Lex V2 bot built from a bot definition, ready for Amazon Connect:
 *
 * - the bot (`AWS::Lex::Bot`, locales built on deploy) with its own role that may only call
 *   `polly:SynthesizeSpeech` (what the `AmazonLexV2BotPolicy` of Lex's service-linked role
 *   allows) and that only Lex in this account can assume;
 * - a bot version whose logical id is a hash of the rendered locales and bot settings, so a
 *   changed definition creates a new version on deploy (a version is immutable: an unchanged
 *   logical id would keep serving the old one);
 * - the `live` alias on that version, with the code hook Lambda in every locale;
 * - a resource policy on the alias letting `connect.amazonaws.com` start conversations for
 *   this account's instance only, the instance's `LEX_BOT` integration association, and the
 *   Lambda permission for Lex to invoke the code hook through this alias only.
 *
 * **Old versions** are deleted: the version has `DeletionPolicy` and `UpdateReplacePolicy`
 * `Delete`, so when a new version replaces it, CloudFormation deletes the old one in its
 * clean-up phase, after the alias has moved. Lex keeps at most 100 numbered versions per
 * bot, so retaining them would make a later deploy fail; and retained versions would not
 * outlive the bot anyway (deleting a bot deletes its versions). The definition in git is
 * the record of each version; to go back, deploy the earlier definition.
 *
 * Definitions are linted first (the same rules as `gcck lint-bots`): errors fail synthesis
 * with a {@link BotDefinitionError}, warnings become annotations.
 */
export class LexBot extends Construct {
  /** The bot. */
  public readonly bot: lex.CfnBot;
  /** The version serving the alias (its construct id is `Version<hash>`). */
  public readonly version: lex.CfnBotVersion;
  /** The `live` alias. */
  public readonly alias: lex.CfnBotAlias;
  /** The bot's runtime role. */
  public readonly role: iam.Role;
  /** ARN of the alias: what flows use for `${bot:<name>}`. */
  public readonly aliasArn: string;
  /** The instance's integration association of the alias: flows that use the bot must be created after it. */
  public readonly association: connect.CfnIntegrationAssociation;
  /** The bot id. */
  public readonly botId: string;
  /** The locales built, in order. */
  public readonly locales: readonly LexLocale[];
  /** Hash of the rendered definition that names the version (changes whenever the bot does). */
  public readonly definitionHash: string;

  constructor(scope: Construct, id: string, props: LexBotProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const { definition } = props;
    const source = props.source ?? `config/bots/${definition.name}.yaml`;

    // Validate first: every problem collected, thrown once.
    const problems: string[] = [];
    let allowedLocales = props.allowedLocales;
    if (allowedLocales === undefined) {
      const capabilities = Token.isUnresolved(stack.region) ? undefined : REGION_CAPABILITIES[stack.region as keyof typeof REGION_CAPABILITIES];
      if (!capabilities) {
        problems.push(
          `${source}: (bot): the stack's region (${Token.isUnresolved(stack.region) ? 'not set' : stack.region}) is not one the kit knows ` +
            `(known: ${Object.keys(REGION_CAPABILITIES).join(', ')}); give the stack an env region or pass allowedLocales`,
        );
      }
      allowedLocales = capabilities?.lexLocales ?? [];
    }
    const findings = lintBot(definition, { file: source, allowedLocales, region: Token.isUnresolved(stack.region) ? 'this region' : stack.region });
    const errors = findingsOf(findings, 'error');
    problems.push(...errors.map(formatFinding));
    const declared = declaredLocales(definition);
    const locales = props.locales ?? declared;
    for (const locale of locales) {
      if (!declared.includes(locale)) problems.push(`${source}: locales: the stack asks for locale ${locale}, which the bot does not declare (declared: ${declared.join(', ')})`);
    }
    if (locales.length === 0) problems.push(`${source}: locales: no locale to build (give at least one)`);
    const hooked = [...definition.intents.filter((i) => i.codeHook.dialog || i.codeHook.fulfillment).map((i) => i.name)];
    if (definition.fallback.codeHook.dialog || definition.fallback.codeHook.fulfillment) hooked.push('FallbackIntent');
    if (hooked.length > 0 && props.codeHook === undefined) {
      problems.push(`${source}: (bot): intents ${hooked.join(', ')} use the code hook, but no codeHook function was given to the LexBot construct`);
    }
    if (problems.length > 0) throw new BotDefinitionError(problems, errors);
    for (const warning of findingsOf(findings, 'warning')) {
      Annotations.of(this).addWarningV2('gov-contact-center-kit:bot-lint', formatFinding(warning));
    }
    this.locales = [...locales];

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lexv2.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      description: `Runtime role of the ${definition.name} Lex bot: speech synthesis only`,
      // Inline, not a separate AWS::IAM::Policy: the permission then exists before the bot is
      // created, and the policy belongs to this role alone. Polly's SynthesizeSpeech has no
      // resource-level permissions (Polly API permissions reference), hence "*".
      inlinePolicies: {
        Speech: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['polly:SynthesizeSpeech'], resources: ['*'] })] }),
      },
    });

    const botLocales = renderBotLocales(definition, this.locales);
    // ChildDirected false: the bot serves members of the public calling a government agency;
    // it is not a website or service directed to children under 13 (COPPA), which is what the
    // flag declares. AWS does not use GovCloud content to improve Lex either way.
    const dataPrivacy = { ChildDirected: false };
    this.bot = new lex.CfnBot(this, 'Resource', {
      name: botName(this),
      description: definition.description ?? `${definition.name} bot`,
      roleArn: this.role.roleArn,
      dataPrivacy,
      idleSessionTtlInSeconds: definition.idleSessionTtlSeconds,
      autoBuildBotLocales: true,
      botLocales,
    });
    this.botId = this.bot.attrId;

    this.definitionHash = createHash('sha256')
      .update(JSON.stringify({ botLocales, idleSessionTtlInSeconds: definition.idleSessionTtlSeconds, dataPrivacy }))
      .digest('hex')
      .slice(0, 16)
      .toUpperCase();
    this.version = new lex.CfnBotVersion(this, `Version${this.definitionHash}`, {
      botId: this.bot.attrId,
      description: `${definition.name} ${this.definitionHash}`,
      botVersionLocaleSpecification: this.locales.map((localeId) => ({ localeId, botVersionLocaleDetails: { sourceBotVersion: 'DRAFT' } })),
    });
    this.version.applyRemovalPolicy(RemovalPolicy.DESTROY);

    this.alias = new lex.CfnBotAlias(this, 'Alias', {
      botId: this.bot.attrId,
      botAliasName: LIVE_ALIAS_NAME,
      description: `What Amazon Connect uses: the current version of ${definition.name}`,
      botVersion: this.version.attrBotVersion,
      botAliasLocaleSettings: this.locales.map((localeId) => ({
        localeId,
        botAliasLocaleSetting: {
          enabled: true,
          ...(props.codeHook ? { codeHookSpecification: { lambdaCodeHook: { codeHookInterfaceVersion: '1.0', lambdaArn: props.codeHook.functionArn } } } : {}),
        },
      })),
    });
    this.aliasArn = this.alias.attrArn;

    // The condition keys are required for a service principal ("Resource-based policy examples
    // for Amazon Lex V2": Allow an AWS service to use a specific Amazon Lex V2 bot).
    const policy = new lex.CfnResourcePolicy(this, 'AliasPolicy', {
      resourceArn: this.alias.attrArn,
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            sid: 'ConnectInstance',
            principals: [new iam.ServicePrincipal('connect.amazonaws.com')],
            actions: [...CONNECT_BOT_ACTIONS],
            resources: [this.alias.attrArn],
            conditions: {
              StringEquals: { 'aws:SourceAccount': stack.account },
              ArnEquals: { 'aws:SourceArn': props.instance.instanceArn },
            },
          }),
        ],
      }),
    });

    // After the policy: associating a Lex V2 bot makes Amazon Connect add its own statement to
    // the alias's resource policy, and CloudFormation cannot create a policy that already exists.
    const association = new connect.CfnIntegrationAssociation(this, 'Association', {
      instanceId: props.instance.instanceArn,
      integrationType: 'LEX_BOT',
      integrationArn: this.alias.attrArn,
    });
    association.node.addDependency(policy);
    this.association = association;

    if (props.codeHook) {
      new lambda.CfnPermission(this, 'CodeHookPermission', {
        action: 'lambda:InvokeFunction',
        functionName: props.codeHook.functionArn,
        principal: 'lexv2.amazonaws.com',
        sourceArn: this.alias.attrArn,
        sourceAccount: stack.account,
      });
    }
  }
}

/**
 * A bot name unique in the account and region (stack name, construct path and a hash), in
 * the characters Lex allows: letters and digits with single `-` between them, at most 100.
 */
function botName(scope: Construct): string {
  return Names.uniqueResourceName(scope, { maxLength: 100, separator: '-', allowedSpecialCharacters: '-' })
    .replace(/[^A-Za-z0-9-]/g, '')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
}
