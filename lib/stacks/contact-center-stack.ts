import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { jurisdictionTags } from '../compliance/tags';
import { lexLocaleOf } from '../config/lex-locale';
import { REGION_CAPABILITIES } from '../config/regions';
import { JurisdictionConfig } from '../config/schema';
import { AgentSide } from '../constructs/agent-side';
import { AgentStatus } from '../constructs/agent-status';
import { ContactCenterFunctions, HandlerDataStores, HandlerName } from '../constructs/contact-center-functions';
import { ContactFlows } from '../constructs/contact-flows';
import { FollowUpTasks } from '../constructs/follow-up-tasks';
import { addFollowUp } from './follow-up';
import { IConnectInstance } from '../constructs/connect-instance';
import { HoursOfOperation } from '../constructs/hours-of-operation';
import { LexBot } from '../constructs/lex-bot';
import { PhoneNumber, PhoneNumberType } from '../constructs/phone-number';
import { ConnectQueue } from '../constructs/queue';
import { PhoneQuickConnect } from '../constructs/quick-connect';
import { RecordedPrompts } from '../constructs/recorded-prompts';
import { RoutingProfile } from '../constructs/routing-profile';
import { StandardSecurityProfiles } from '../constructs/security-profiles';
import { WebChatApi } from '../constructs/web-chat-api';
import { CHAT_FLOW } from '../config/chat-checks';
import { botRoles, configValues, FLOW_LAMBDAS, ROUTES, routeQueueName } from '../flows/context';
import type { JurisdictionSources } from '../sources';
import { idPart, resourceId } from './ids';
import { managedViewArns } from '../constructs/managed-views';

/** Properties of {@link ContactCenterStack}. */
export interface ContactCenterStackProps extends StackProps {
  /** The validated jurisdiction configuration. */
  readonly config: JurisdictionConfig;
  /** The Amazon Connect instance, usually from the stateful stack. */
  readonly instance: IConnectInstance;
  /**
   * Where to deploy.
   * @default - the config's `account` and `region`
   */
  readonly env?: StackProps['env'];
  /**
   * The data stores of the self-service functions (from the stateful stack).
   * @default - no Lambda functions are created
   */
  readonly data?: HandlerDataStores;
  /**
   * Checked bot definitions and flow files (see loadJurisdictionSources). Bots, flows and phone
   * numbers need the functions, so this requires `data`.
   * @default - no bots, flows or phone numbers
   */
  readonly sources?: JurisdictionSources;
  /**
   * The bucket recorded prompts are uploaded to (the stateful stack's PromptBucket); required
   * when `sources` has prompts.
   * @default - no recorded prompts
   */
  readonly promptBucket?: s3.IBucket;
}

/** What the bot says about offices when the config gives no text. */
export const DEFAULT_OFFICE_INFO: Readonly<Record<'en-US' | 'es-US', string>> = {
  'en-US': 'Office hours and locations are posted on our website. An agent can also help you during business hours.',
  'es-US': 'El horario y las direcciones de nuestras oficinas están en nuestro sitio web. Un agente también puede ayudarle en horario de atención.',
};

/**
 * The replaceable contact-center layer of one jurisdiction: hours of operation, queues,
 * routing profiles, the standard security profiles, phone-number quick connects and custom
 * agent statuses, all attached to an instance that lives in another (stateful) stack.
 *
 * Child construct ids come from the config names through {@link resourceId}
 * (`Hours-main`, `Queue-General`, `RoutingProfile-BenefitsAgent`, `QuickConnect-FraudHotline`,
 * `AgentStatus-Training`; the security profiles are under `SecurityProfiles`), so renaming an
 * entry in the config replaces its resource. The config cross-checks reject names that give
 * the same id.
 */
export class ContactCenterStack extends Stack {
  /** Hours of operation by config name (`${hours:<name>}`). */
  public readonly hours: ReadonlyMap<string, HoursOfOperation>;
  /** Queues by config name (`${queue:<name>}`). */
  public readonly queues: ReadonlyMap<string, ConnectQueue>;
  /** Routing profiles by config name. */
  public readonly routingProfiles: ReadonlyMap<string, RoutingProfile>;
  /** Phone-number quick connects by config name. */
  public readonly quickConnects: ReadonlyMap<string, PhoneQuickConnect>;
  /** Custom agent statuses by config name. */
  public readonly agentStatuses: ReadonlyMap<string, AgentStatus>;
  /** The Admin, Supervisor, Agent and Auditor security profiles. */
  public readonly securityProfiles: StandardSecurityProfiles;
  /** The self-service Lambda functions (`${lambda:<name>}`), if data stores were given. */
  public readonly functions?: ContactCenterFunctions;
  /** Lex bots by name (`${bot:<name>}`), if sources were given. */
  public readonly bots: ReadonlyMap<string, LexBot> = new Map();
  /** The contact flows and modules, if sources were given. */
  public readonly flows?: ContactFlows;
  /** Phone numbers by config name, if sources were given. */
  public readonly phoneNumbers: ReadonlyMap<string, PhoneNumber> = new Map();
  /** The recorded prompts (`${prompt:<name>}`), if sources list any. */
  public readonly prompts?: RecordedPrompts;
  /** The web chat API, if sources were given and `chat.enabled` is true. */
  public readonly webChat?: WebChatApi;
  /** The evaluation form, language proficiency attribute and agent hierarchy the config turns on. */
  public readonly agentSide: AgentSide;
  /** The follow-up task template and supervisor alert rules, if sources were given and `followUp.enabled` is true. */
  public readonly followUp?: FollowUpTasks;

  constructor(scope: Construct, id: string, props: ContactCenterStackProps) {
    const { config, instance, data: _data, sources: _sources, promptBucket: _promptBucket, ...stackProps } = props;
    super(scope, id, {
      description: `gov-contact-center-kit ${config.id}: hours, queues, routing and security profiles, quick connects and agent statuses (replaceable)`,
      ...stackProps,
      env: stackProps.env ?? { account: config.account, region: config.region },
    });

    const hours = new Map<string, HoursOfOperation>();
    for (const entry of config.hours) {
      hours.set(entry.name, new HoursOfOperation(this, resourceId('Hours', entry.name), { instance, hours: entry }));
    }

    const queues = new Map<string, ConnectQueue>();
    for (const entry of config.queues) {
      const queueHours = hours.get(entry.hours);
      if (!queueHours) {
        throw new Error(`${this.node.path}: queue ${JSON.stringify(entry.name)} names hours ${JSON.stringify(entry.hours)}, which is not defined (defined: ${[...hours.keys()].join(', ')})`);
      }
      queues.set(entry.name, new ConnectQueue(this, resourceId('Queue', entry.name), { instance, queue: entry, hours: queueHours }));
    }

    const routingProfiles = new Map<string, RoutingProfile>();
    for (const entry of config.routingProfiles) {
      routingProfiles.set(entry.name, new RoutingProfile(this, resourceId('RoutingProfile', entry.name), { instance, profile: entry, queues }));
    }

    this.securityProfiles = new StandardSecurityProfiles(this, 'SecurityProfiles', {
      instance,
      outboundCalls: config.instance.outboundCalls,
    });

    const quickConnects = new Map<string, PhoneQuickConnect>();
    for (const entry of config.quickConnects) {
      quickConnects.set(entry.name, new PhoneQuickConnect(this, resourceId('QuickConnect', entry.name), { instance, ...entry }));
    }

    const agentStatuses = new Map<string, AgentStatus>();
    for (const entry of config.agentStatuses) {
      agentStatuses.set(entry.name, new AgentStatus(this, resourceId('AgentStatus', entry.name), { instance, ...entry }));
    }

    this.agentSide = new AgentSide(this, 'AgentSide', { instance, config });

    if (props.data) {
      const officeText = { ...DEFAULT_OFFICE_INFO, ...config.officeInfo };
      this.functions = new ContactCenterFunctions(this, 'Functions', {
        instance,
        data: props.data,
        surveyRetentionDays: config.retention.surveyDays,
        queueNames: config.queues.map((queue) => queue.name),
        officeInfo: Object.fromEntries(config.languages.map((language) => [lexLocaleOf(language), officeText[language]])),
        logRetention: config.retention.logDays as logs.RetentionDays,
        reservedConcurrency: config.functions.reservedConcurrency,
      });
    }

    if (props.sources) {
      if (!this.functions || !props.data) throw new Error(`${this.node.path}: sources (bots, flows, phone numbers) need data stores for the functions`);
      this.prompts = this.addPrompts(config, instance, props.sources, props.data, props.promptBucket);
      const { bots, flows, phoneNumbers } = this.addSelfService(config, instance, props.sources, this.functions, props.data, {
        hours,
        queues,
        routingProfiles,
        quickConnects,
        prompts: this.prompts,
      });
      this.bots = bots;
      this.flows = flows;
      this.phoneNumbers = phoneNumbers;
      // Flows that set routing criteria name the proficiency attribute: create it first.
      const proficiency = this.agentSide.proficiency;
      if (proficiency) {
        const routed = props.sources.flows.filter((f) => f.content.Actions.some((a) => a.Type === 'UpdateContactRoutingCriteria')).map((f) => f.name);
        for (const name of routed) flows.resources.get(name)?.node.addDependency(proficiency);
      }
      if (config.chat.enabled) this.webChat = this.addWebChat(config, instance, flows, props.data, queues);
      if (config.followUp.enabled) this.followUp = addFollowUp(this, config, instance, flows, this.functions, queues);
    }

    this.hours = hours;
    this.queues = queues;
    this.routingProfiles = routingProfiles;
    this.quickConnects = quickConnects;
    this.agentStatuses = agentStatuses;
  }

  /** The web chat API on the chat-inbound flow (config `chat`), and its URL as an output. */
  private addWebChat(config: JurisdictionConfig, instance: IConnectInstance, flows: ContactFlows, data: HandlerDataStores, queues: ReadonlyMap<string, ConnectQueue>): WebChatApi {
    const chatFlowArn = flows.flowArns.get(CHAT_FLOW);
    if (!chatFlowArn) throw new Error(`${this.node.path}: chat.enabled needs the ${CHAT_FLOW} flow, which is not deployed`);
    const webChat = new WebChatApi(this, 'WebChat', {
      instance,
      chatFlowArn,
      logKey: data.logKey,
      allowedOrigins: config.chat.allowedOrigins,
      languages: config.languages,
      topics: new Map(config.chat.topics.map((topic) => [topic.id, topic.queue ? queues.get(topic.queue)!.queueArn : ''])),
      rateLimit: config.chat.rateLimit,
      burstLimit: config.chat.burstLimit,
      wafRequestsPer5Minutes: config.chat.wafRequestsPer5Minutes,
      logRetention: config.retention.logDays as logs.RetentionDays,
      reservedConcurrency: config.functions.reservedConcurrency,
    });
    new CfnOutput(this, 'ChatApiUrl', { value: webChat.startChatUrl, description: 'URL the web chat widget starts chats at (gcck web --api-url)' });
    return webChat;
  }

  /** The recorded prompts of `sources`, uploaded to `bucket`; none when it lists none. */
  private addPrompts(config: JurisdictionConfig, instance: IConnectInstance, sources: JurisdictionSources, data: HandlerDataStores, bucket?: s3.IBucket) {
    if (sources.prompts.prompts.length === 0) return undefined;
    if (!bucket) throw new Error(`${this.node.path}: recorded prompts need the prompt bucket of the stateful stack`);
    return new RecordedPrompts(this, 'Prompts', {
      instance,
      bucket,
      folder: sources.prompts.folder,
      prompts: sources.prompts.prompts,
      logKey: data.logKey,
      logRetention: config.retention.logDays as logs.RetentionDays,
    });
  }

  /** Bots (with the code hook), flows resolved against everything above, and phone numbers bound to flows. */
  private addSelfService(
    config: JurisdictionConfig,
    instance: IConnectInstance,
    sources: JurisdictionSources,
    functions: ContactCenterFunctions,
    data: HandlerDataStores,
    built: {
      hours: ReadonlyMap<string, HoursOfOperation>;
      queues: ReadonlyMap<string, ConnectQueue>;
      routingProfiles: ReadonlyMap<string, RoutingProfile>;
      quickConnects: ReadonlyMap<string, PhoneQuickConnect>;
      prompts?: RecordedPrompts;
    },
  ) {
    const codeHook = functions.byName.get(HandlerName.LEX_FULFILLMENT)!.function;
    const bots = new Map<string, LexBot>();
    for (const [name, definition] of sources.bots) {
      bots.set(name, new LexBot(this, resourceId('Bot', name), { definition, instance, codeHook, locales: config.lexLocales }));
    }

    const queueArn = (name: string) => built.queues.get(name)!.queueArn;
    const routes = Object.fromEntries(ROUTES.map((route) => [route, queueArn(routeQueueName(config, route))]));
    const roles = Object.entries(botRoles(config)).map(([role, name]) => [role, bots.get(name)!] as const);
    const flows = new ContactFlows(this, 'Flows', {
      instance,
      flows: sources.flows,
      references: {
        queue: new Map([...built.queues].map(([name, queue]) => [name, queue.queueArn])),
        route: routes,
        hours: new Map([...built.hours].map(([name, hours]) => [name, hours.hoursArn])),
        lambda: new Map(FLOW_LAMBDAS.map((name) => [name, functions.byName.get(name as HandlerName)!.function.functionArn])),
        bot: new Map([...bots].map(([name, bot]) => [name, bot.aliasArn])),
        botRole: new Map(roles.map(([role, bot]) => [role, bot.aliasArn])),
        routingProfile: new Map([...built.routingProfiles].map(([name, profile]) => [name, profile.routingProfileArn])),
        quickConnect: new Map([...built.quickConnects].map(([name, quickConnect]) => [name, quickConnect.quickConnectArn])),
        prompt: built.prompts?.promptArns ?? new Map(),
        view: managedViewArns(this),
        config: configValues(config),
      },
      integrations: {
        lambda: new Map(
          FLOW_LAMBDAS.flatMap((name) => {
            const association = functions.byName.get(name as HandlerName)!.association;
            return association ? [[name, association] as const] : [];
          }),
        ),
        bot: new Map([...bots].map(([name, bot]) => [name, bot.association])),
        botRole: new Map(roles.map(([role, bot]) => [role, bot.association])),
      },
    });

    const phoneNumbers = new Map<string, PhoneNumber>();
    const numbers = new Construct(this, 'PhoneNumbers');
    for (const entry of config.phoneNumbers) {
      phoneNumbers.set(
        entry.name,
        new PhoneNumber(numbers, idPart(entry.name), {
          instance,
          logKey: data.logKey,
          flowArn: flows.flowArns.get(entry.flow)!,
          name: entry.name,
          countryCode: entry.countryCode,
          type: PhoneNumberType[entry.type],
          prefix: entry.prefix,
          adopt: entry.adopt,
          releaseOnDelete: entry.releaseOnDelete,
          useCfnPhoneNumber: REGION_CAPABILITIES[config.region].cfnPhoneNumber,
          tags: jurisdictionTags(config),
        }),
      );
    }
    return { bots, flows, phoneNumbers };
  }
}
