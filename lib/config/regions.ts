import type { FeatureConfig } from './schema';
import { LEX_LOCALES, SUPPORTED_REGIONS } from './known-values';

/** What one AWS Region offers the kit. */
export interface RegionCapabilities {
  /** The AWS partition the region belongs to. */
  readonly partition: 'aws' | 'aws-us-gov';
  /** Amazon Connect features available in the region (true: available). */
  readonly features: Readonly<Record<keyof FeatureConfig, boolean>>;
  /** Lex V2 locales available in the region. */
  readonly lexLocales: readonly (typeof LEX_LOCALES)[number][];
  /** Whether the CloudFormation registry has `AWS::Connect::PhoneNumber` there. */
  readonly cfnPhoneNumber: boolean;
  /** Whether the CloudFormation registry has `AWS::Connect::Prompt` there (recorded prompts). */
  readonly cfnPrompt: boolean;
  /** Whether agent workspace views (the Show view flow block, AWS-managed views, `AWS::Connect::View`) are offered: the caller-context view needs them. */
  readonly agentViews: boolean;
  /** What the web chat API is built from, each true where the region offers it. */
  readonly webChat: Readonly<Record<keyof typeof WEB_CHAT_SERVICE_NAMES, boolean>>;
  /** Agent-side resource types (evaluation forms, proficiency routing, hierarchy), each true where the region offers it. */
  readonly agentSide: Readonly<Record<keyof typeof AGENT_SIDE_NAMES, boolean>>;
  /** Whether the CloudFormation registry has `AWS::Connect::TaskTemplate` and `AWS::Connect::Rule` there (config `followUp`). */
  readonly followUpResources: Readonly<Record<'taskTemplate' | 'rule', boolean>>;
}

/**
 * The agent-side capabilities the kit builds, with plain names for error messages.
 * Source: cfn-lint's us-gov-west-1 registry data (1.51) lists AWS::Connect::EvaluationForm,
 * PredefinedAttribute, UserHierarchyStructure and UserHierarchyGroup; routing criteria ride on
 * predefined attributes (the "Set routing criteria" flow block needs them) and are not in the
 * GovCloud list of unavailable Amazon Connect features.
 */
export const AGENT_SIDE_NAMES = {
  evaluationForms: 'AWS::Connect::EvaluationForm (Contact Lens performance evaluations)',
  predefinedAttributes: 'AWS::Connect::PredefinedAttribute (agent proficiencies)',
  routingCriteria: 'routing criteria in flows (UpdateContactRoutingCriteria, the "Set routing criteria" block)',
  userHierarchy: 'AWS::Connect::UserHierarchyStructure and AWS::Connect::UserHierarchyGroup',
} as const;

const ALL_AGENT_SIDE: RegionCapabilities['agentSide'] = {
  evaluationForms: true,
  predefinedAttributes: true,
  routingCriteria: true,
  userHierarchy: true,
};

/** The services the web chat API needs, with plain names for error messages. */
export const WEB_CHAT_SERVICE_NAMES = {
  apiGatewayRest: 'API Gateway REST APIs (regional endpoint, request validation, stage throttling)',
  apiGatewayAccessLogs: 'API Gateway access logging to a KMS-encrypted CloudWatch Logs group',
  wafRegional: 'AWS WAF web ACLs for API Gateway (scope REGIONAL)',
  wafRateBasedRules: 'AWS WAF rate-based rules',
  approvedOrigins: 'AWS::Connect::ApprovedOrigin',
} as const;

const ALL_WEB_CHAT: RegionCapabilities['webChat'] = {
  apiGatewayRest: true,
  apiGatewayAccessLogs: true,
  wafRegional: true,
  wafRateBasedRules: true,
  approvedOrigins: true,
};

/** Plain names of the features, for error messages. */
export const FEATURE_NAMES: Readonly<Record<keyof FeatureConfig, string>> = {
  chat: 'the chat channel',
  tasks: 'tasks',
  contactLens: 'Contact Lens',
  customerProfiles: 'Customer Profiles',
  cases: 'Cases',
  outboundCampaigns: 'outbound campaigns',
  emailChannel: 'the email channel',
  voiceId: 'Voice ID',
  amazonQInConnect: 'Amazon Q in Connect',
  globalResiliency: 'Global Resiliency',
};

const ALL_FEATURES: RegionCapabilities['features'] = {
  chat: true,
  tasks: true,
  contactLens: true,
  customerProfiles: true,
  cases: true,
  outboundCampaigns: true,
  emailChannel: true,
  voiceId: true,
  amazonQInConnect: true,
  globalResiliency: true,
};

/**
 * What each supported region offers. GovCloud (US-West) comes first: it is the target.
 *
 * Sources: "Availability of Amazon Connect services by Region" and "Amazon Lex V2 in
 * AWS GovCloud (US)" in the AWS GovCloud (US) User Guide; cfn-lint's us-gov-west-1
 * registry data for `cfnPhoneNumber`, `cfnPrompt` (AWS::Connect::Prompt is in its
 * us-gov-west-1 provider list, cfn-lint 1.51) and `agentViews` (it lists AWS::Connect::View,
 * ViewVersion and Workspace in us-gov-west-1). Web chat: API Gateway and AWS WAF pages of the
 * AWS GovCloud (US) User Guide (both in us-gov-west-1, WAF with rate-based rules and
 * API Gateway stage association); cfn-lint's us-gov-west-1 data lists
 * AWS::ApiGateway::*, AWS::WAFv2::WebACL/WebACLAssociation and AWS::Connect::ApprovedOrigin.
 * Follow-up: cfn-lint 1.51's us-gov-west-1 registry lists AWS::Connect::TaskTemplate and AWS::Connect::Rule.
 */
export const REGION_CAPABILITIES: Readonly<Record<(typeof SUPPORTED_REGIONS)[number], RegionCapabilities>> = {
  'us-gov-west-1': {
    partition: 'aws-us-gov',
    features: {
      chat: true,
      tasks: true,
      contactLens: true,
      customerProfiles: false,
      cases: false,
      outboundCampaigns: false,
      emailChannel: false,
      voiceId: false,
      amazonQInConnect: false,
      globalResiliency: false,
    },
    lexLocales: ['en_US', 'es_US'],
    cfnPhoneNumber: false,
    cfnPrompt: true,
    agentViews: true,
    webChat: ALL_WEB_CHAT,
    agentSide: ALL_AGENT_SIDE,
    followUpResources: { taskTemplate: true, rule: true },
  },
  'us-east-1': {
    partition: 'aws',
    features: ALL_FEATURES,
    lexLocales: LEX_LOCALES,
    cfnPhoneNumber: true,
    cfnPrompt: true,
    agentViews: true,
    webChat: ALL_WEB_CHAT,
    agentSide: ALL_AGENT_SIDE,
    followUpResources: { taskTemplate: true, rule: true },
  },
  'us-west-2': {
    partition: 'aws',
    features: ALL_FEATURES,
    lexLocales: LEX_LOCALES,
    cfnPhoneNumber: true,
    cfnPrompt: true,
    agentViews: true,
    webChat: ALL_WEB_CHAT,
    agentSide: ALL_AGENT_SIDE,
    followUpResources: { taskTemplate: true, rule: true },
  },
};

/** Default Amazon Connect quotas per instance; a config above one gets a warning (the quota may have been raised). */
export const DEFAULT_QUOTAS = {
  queues: 50,
  routingProfiles: 100,
  hoursOfOperation: 100,
  quickConnects: 100,
  agentStatuses: 50,
  prompts: 500,
} as const;
