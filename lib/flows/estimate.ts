import { REFERENCE_KINDS, ReferenceKind, ReferenceResolver } from './references';

/**
 * Fake values of real length for references, so the linter can tell how long a flow's content
 * will be once the app has resolved it (the 256,000-character limit applies to the deployed
 * content, where every `${queue:General}` has become a full ARN).
 */

/** Where the fake ARNs live. */
export interface ArnEnvironment {
  /** @default 'aws-us-gov' */
  readonly partition?: string;
  /** @default 'us-gov-west-1' */
  readonly region?: string;
  /** @default '123456789012' */
  readonly account?: string;
}

/** A resource id of Amazon Connect (a UUID: 36 characters). */
const UUID = '00000000-0000-4000-8000-000000000000';
/** Lambda function names are at most 64 characters; CloudFormation-generated ones come close. */
const FUNCTION_NAME = 'f'.repeat(64);
/** Lex V2 bot and alias ids are 10 characters. */
const LEX_ID = 'ABCDEFGHIJ';

/** Path segment of each Amazon Connect resource under `instance/<id>/`. */
const CONNECT_RESOURCE: Partial<Record<ReferenceKind, string>> = {
  queue: 'queue',
  route: 'queue',
  hours: 'operating-hours',
  prompt: 'prompt',
  flow: 'contact-flow',
  module: 'flow-module',
  routingProfile: 'routing-profile',
  quickConnect: 'transfer-destination',
};

/**
 * A resolver that answers every reference with a fake ARN as long as a real one in `env`
 * (`${config:…}` with its value from `configValues`, or 100 characters when unknown).
 */
export function estimatingResolver(env: ArnEnvironment = {}, configValues: Readonly<Record<string, string>> = {}): ReferenceResolver {
  const partition = env.partition ?? 'aws-us-gov';
  const region = env.region ?? 'us-gov-west-1';
  const account = env.account ?? '123456789012';
  const arn = (service: string, resource: string) => ['arn', partition, service, region, account, resource].join(':');
  const values = new Map<ReferenceKind, string>();
  for (const kind of REFERENCE_KINDS) {
    const connect = CONNECT_RESOURCE[kind];
    if (connect) values.set(kind, arn('connect', `instance/${UUID}/${connect}/${UUID}`));
  }
  values.set('lambda', arn('lambda', `function:${FUNCTION_NAME}`));
  values.set('bot', arn('lex', `bot-alias/${LEX_ID}/${LEX_ID}`));
  values.set('botRole', values.get('bot')!);
  // AWS-managed views live in the `aws` account, without an instance: arn:<partition>:connect:<region>:aws:view/detail.
  values.set('view', ['arn', partition, 'connect', region, 'aws', 'view/confirmation'].join(':'));
  return (kind, name) => (kind === 'config' ? (Object.hasOwn(configValues, name) ? configValues[name] : 'v'.repeat(100)) : values.get(kind));
}
