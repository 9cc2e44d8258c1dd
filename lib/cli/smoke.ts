import { Command, parseArgs, UsageError } from './command';
import { LIVE_FLAGS, liveTarget } from './export-flows';
import { FLOW_LAMBDAS, flowSources } from '../flows/context';
import { loadFlows } from '../flows/loader';

/**
 * `gcck smoke --jurisdiction ID`: post-deploy checks with a pass/fail table (instance, storage
 * with CMKs, phone numbers bound to their flows, each bot's live alias with its locales built and
 * enabled and its code hook, each Lambda answering a canned event, the
 * closure parameter). Exit 0 all pass, 1 any fails, 2 usage.
 */
export const smokeCommand: Command = {
  name: 'smoke',
  summary: 'post-deploy checks of a live instance, as a pass/fail table',
  usage: 'gcck smoke --jurisdiction ID [--instance-id ID] [--region R] [--profile P] [--config-dir DIR]',
  async run(args, io) {
    const { positional, options } = parseArgs(args, LIVE_FLAGS);
    if (positional.length > 0) throw new UsageError(`unexpected argument ${positional[0]}`);
    if (options.jurisdiction === undefined) throw new UsageError('--jurisdiction is required (its config is what is expected)');
    const target = liveTarget(options);
    const config = target.config!;
    const sources = flowSources(config);
    const expected = { flows: loadFlows(sources.paths, sources.options).flows };
    // Loaded here, not at the top: the SDK adds ~0.7 s to every gcck command's start-up.
    const { connectClient, live, resolveInstanceId } = await import('../live/aws');
    const { runSmoke, smokeExpectations, formatSmoke } = await import('../live/smoke');
    const { LambdaClient } = await import('@aws-sdk/client-lambda');
    const { SSMClient } = await import('@aws-sdk/client-ssm');
    const { LexModelsV2Client } = await import('@aws-sdk/client-lex-models-v2');
    const clientConfig = { region: target.live.region, ...(target.live.profile !== undefined ? { profile: target.live.profile } : {}) };
    const connect = connectClient(target.live);
    const instanceId = await live(target.live, () => resolveInstanceId(connect, target.instanceId, target.alias));
    const checks = await runSmoke({ connect, lambda: new LambdaClient(clientConfig), ssm: new SSMClient(clientConfig), lex: new LexModelsV2Client(clientConfig) }, instanceId, smokeExpectations(config, expected.flows, FLOW_LAMBDAS.length), target.live);
    for (const line of formatSmoke(checks)) io.out(line);
    const failed = checks.filter((c) => !c.ok).length;
    io.out(failed === 0 ? `all ${checks.length} checks passed` : `${failed} of ${checks.length} checks failed`);
    return failed === 0 ? 0 : 1;
  },
};
