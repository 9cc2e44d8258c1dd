import * as fs from 'fs';
import * as path from 'path';
import { Command, parseArgs, UsageError } from './command';
import { LIVE_FLAGS, liveTarget } from './export-flows';

/**
 * `gcck drift --jurisdiction ID`: compares the deployed flows, modules, queues, hours (with
 * overrides), routing profiles and phone-number bindings with the synthesized templates in
 * cdk.out, and prints each difference. Exit 0 in sync, 1 on drift or failure, 2 usage.
 */
export const driftCommand: Command = {
  name: 'drift',
  summary: 'compare a live instance with the synthesized templates (exit 1 on drift)',
  usage: 'gcck drift --jurisdiction ID [--cdk-out DIR (default cdk.out)] [--instance-id ID] [--region R] [--profile P] [--config-dir DIR]',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { ...LIVE_FLAGS, 'cdk-out': 'string' });
    if (positional.length > 0) throw new UsageError(`unexpected argument ${positional[0]}`);
    if (options.jurisdiction === undefined) throw new UsageError('--jurisdiction is required (its templates are the expected state)');
    const id = String(options.jurisdiction);
    const cdkOut = String(options['cdk-out'] ?? 'cdk.out');
    const files = fs.existsSync(cdkOut) ? fs.readdirSync(cdkOut).filter((f) => f.startsWith(`${id}-`) && f.endsWith('.template.json')) : [];
    if (files.length === 0) {
      io.err(`gcck drift: no synthesized templates of ${id} in ${cdkOut} (run npx cdk synth first)`);
      return 1;
    }
    // Loaded here, not at the top: the SDK adds ~0.7 s to every gcck command's start-up.
    const { connectClient, live, resolveInstanceId } = await import('../live/aws');
    const { deployedState, diffStates, expectedState } = await import('../live/drift');
    const expected = expectedState(files.sort().map((f) => JSON.parse(fs.readFileSync(path.join(cdkOut, f), 'utf8'))));
    const target = liveTarget(options);
    const client = connectClient(target.live);
    const deployed = await live(target.live, async () => deployedState(client, await resolveInstanceId(client, target.instanceId, target.alias)));
    const report = diffStates(expected, deployed);
    for (const line of report.drift) io.out(line);
    if (report.unmanaged.length > 0) io.out(`not managed by the kit (ignored): ${report.unmanaged.length} (${report.unmanaged.slice(0, 5).join(', ')}${report.unmanaged.length > 5 ? ', …' : ''})`);
    io.out(report.drift.length === 0 ? `no drift: ${expected.flows.size} flows, ${expected.modules.size} modules, ${expected.queues.size} queues, ${expected.hours.size} hours, ${expected.routingProfiles.size} routing profiles, ${expected.phoneNumberFlows.length} phone numbers match` : `${report.drift.length} difference${report.drift.length === 1 ? '' : 's'}`);
    return report.drift.length === 0 ? 0 : 1;
  },
};
