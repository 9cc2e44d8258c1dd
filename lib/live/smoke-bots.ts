import { DescribeBotAliasCommand, DescribeBotCommand, DescribeBotLocaleCommand, LexModelsV2Client, ListBotLocalesCommand } from '@aws-sdk/client-lex-models-v2';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { describeAwsError, LiveOptions, paginate, RetryOptions, withRetry } from './aws';

/**
 * Smoke checks of one Lex V2 bot of a jurisdiction, through the Lex model API: the alias
 * Amazon Connect uses is the kit's `live` alias, Available, on a numbered version in which
 * every expected locale is Built, enabled on the alias, with the code hook Lambda configured.
 * What "expected" means follows lib/constructs/lex-bot.ts, which builds these resources.
 */

/** Name of the alias the kit creates (LIVE_ALIAS_NAME of lib/constructs/lex-bot.ts, not imported: that module loads aws-cdk-lib). */
export const LIVE_ALIAS = 'live';

/** Interface version the kit's alias gives the code hook (lib/constructs/lex-bot.ts). */
const CODE_HOOK_INTERFACE_VERSION = '1.0';

/** A bot the jurisdiction deploys, and the locales its `live` alias must serve. */
export interface ExpectedBot {
  /** The bot definition's name (`config/bots/<name>.yaml`). */
  readonly name: string;
  /** Locales built in the version and enabled on the alias. */
  readonly locales: readonly string[];
}

/** A Lex V2 alias associated with the instance, split out of its ARN. */
export interface AssociatedAlias {
  readonly arn: string;
  readonly botId: string;
  readonly aliasId: string;
}

/** Bot and alias ids of a Lex V2 alias ARN (`arn:<partition>:lex:<region>:<account>:bot-alias/<botId>/<aliasId>`), or undefined for anything else. */
export function parseAliasArn(arn: string): AssociatedAlias | undefined {
  const match = /^arn:[a-z-]+:lex:[a-z0-9-]+:\d{12}:bot-alias\/([A-Za-z0-9]+)\/([A-Za-z0-9]+)$/.exec(arn);
  return match ? { arn, botId: match[1], aliasId: match[2] } : undefined;
}

/**
 * Whether a Lex bot name is that of the kit's bot `name`. LexBot lets CDK name the bot
 * (Names.uniqueResourceName of `<stack>/Bot-<name>/Resource`): `<stack>-Bot-<name>-<8 hex>`,
 * its start trimmed when the whole is over 100 characters, so only the end is matched.
 */
export function isKitBotName(botName: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|-)Bot-${escaped}-[0-9A-F]{8}$`).test(botName);
}

/** One result row of a bot check. */
export interface BotCheckRow {
  readonly ok: boolean;
  readonly detail: string;
}

/** What {@link checkBot} needs besides the bot. */
export interface BotCheckContext {
  readonly lex: LexModelsV2Client;
  readonly lambda: LambdaClient;
  /** The Lex V2 aliases associated with the instance. */
  readonly aliases: readonly AssociatedAlias[];
  /** The name of a bot by its id (callers cache it: several bots share one lookup). */
  readonly botNameOf: (botId: string) => Promise<string>;
  readonly live: LiveOptions;
  readonly retry?: RetryOptions;
}

/** A bot-name lookup that asks Lex once per bot id. */
export function botNameLookup(lex: LexModelsV2Client, retry: RetryOptions = {}): (botId: string) => Promise<string> {
  const names = new Map<string, Promise<string>>();
  return (botId) => {
    let name = names.get(botId);
    if (name === undefined) {
      name = withRetry(() => lex.send(new DescribeBotCommand({ botId })), retry).then((r) => r.botName ?? '');
      names.set(botId, name);
    }
    return name;
  };
}

/**
 * Checks one bot: one PASS row, or a FAIL row per problem. AWS errors of the alias and version
 * calls propagate (the caller turns them into one line); a code hook's Lambda errors are rows.
 */
export async function checkBot(bot: ExpectedBot, context: BotCheckContext): Promise<BotCheckRow[]> {
  const { lex, retry = {} } = context;
  let alias: AssociatedAlias | undefined;
  const seen: string[] = [];
  for (const candidate of context.aliases) {
    const botName = await context.botNameOf(candidate.botId);
    if (isKitBotName(botName, bot.name)) {
      alias = candidate;
      break;
    }
    seen.push(botName);
  }
  if (alias === undefined) {
    return [{ ok: false, detail: `no alias associated with the instance is of a bot named <stack>-Bot-${bot.name}-<hash> (associated: ${[...new Set(seen)].join(', ') || 'none'})` }];
  }
  const { botId, aliasId: botAliasId } = alias;
  const described = await withRetry(() => lex.send(new DescribeBotAliasCommand({ botId, botAliasId })), retry);
  const aliasName = described.botAliasName ?? botAliasId;
  const problems: string[] = [];
  if (aliasName !== LIVE_ALIAS) problems.push(`the associated alias is ${JSON.stringify(aliasName)}, not the kit's "${LIVE_ALIAS}"`);
  if (described.botAliasStatus !== 'Available') problems.push(`alias ${aliasName} is ${described.botAliasStatus ?? 'of unknown status'} (expected Available)`);

  const version = described.botVersion;
  if (version === undefined || !/^[1-9][0-9]*$/.test(version)) {
    problems.push(`alias ${aliasName} points to ${version ?? 'no version'} (expected a numbered version: DRAFT is not what the kit deploys)`);
  } else {
    const summaries = await paginate(
      (token) => lex.send(new ListBotLocalesCommand({ botId, botVersion: version, nextToken: token })).then((r) => ({ NextToken: r.nextToken, items: r.botLocaleSummaries })),
      retry,
    );
    const status = new Map(summaries.map((s) => [s.localeId ?? '', s.botLocaleStatus]));
    for (const locale of bot.locales) {
      const state = status.get(locale);
      if (!status.has(locale)) {
        problems.push(`locale ${locale} is not in version ${version} (it has: ${[...status.keys()].join(', ') || 'none'})`);
      } else if (state === 'Failed') {
        const { failureReasons } = await withRetry(() => lex.send(new DescribeBotLocaleCommand({ botId, botVersion: version, localeId: locale })), retry);
        const reason = failureReasons?.[0]?.split('\n')[0];
        problems.push(`locale ${locale} of version ${version} is Failed (expected Built)${reason ? `: ${reason}` : ''}`);
      } else if (state !== 'Built') {
        problems.push(`locale ${locale} of version ${version} is ${state ?? 'of unknown status'} (expected Built)`);
      }
    }
  }

  const settings = described.botAliasLocaleSettings ?? {};
  const hooks = new Set<string>();
  for (const locale of bot.locales) {
    const setting = settings[locale];
    if (setting?.enabled !== true) problems.push(`alias ${aliasName} does not enable locale ${locale}`);
    const hook = setting?.codeHookSpecification?.lambdaCodeHook;
    if (!hook?.lambdaARN) problems.push(`alias ${aliasName} has no code hook Lambda for ${locale} (intents with a dialog or fulfillment hook would fail)`);
    else if (hook.codeHookInterfaceVersion !== CODE_HOOK_INTERFACE_VERSION) problems.push(`the code hook of ${locale} uses interface version ${hook.codeHookInterfaceVersion} (expected ${CODE_HOOK_INTERFACE_VERSION})`);
    else hooks.add(hook.lambdaARN);
  }
  for (const arn of hooks) {
    const problem = await codeHookProblem(arn, context);
    if (problem !== undefined) problems.push(problem);
  }

  if (problems.length > 0) return problems.map((detail) => ({ ok: false, detail }));
  const hookNames = [...hooks].map(functionName).join(', ');
  return [{ ok: true, detail: `alias ${LIVE_ALIAS} Available on version ${version}; ${bot.locales.join(', ')} built and enabled; code hook ${hookNames}` }];
}

const functionName = (arn: string) => arn.split(':function:')[1] ?? arn;

/** Why the code hook function cannot serve, or undefined: it exists and is not Pending or Failed (Inactive functions wake on invocation). */
async function codeHookProblem(arn: string, context: BotCheckContext): Promise<string | undefined> {
  try {
    const fn = await withRetry(() => context.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: arn })), context.retry);
    if (fn.State === 'Pending' || fn.State === 'Failed') return `code hook ${functionName(arn)} is ${fn.State}${fn.StateReason ? `: ${fn.StateReason}` : ''} (expected Active)`;
    return undefined;
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return `code hook ${functionName(arn)} does not exist (the alias names a deleted function)`;
    return `code hook ${functionName(arn)}: ${describeAwsError(error, context.live)}`;
  }
}
