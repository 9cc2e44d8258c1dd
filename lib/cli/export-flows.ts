import * as fs from 'fs';
import * as path from 'path';
import { Command, parseArgs, UsageError } from './command';
import { ConfigError } from '../config/errors';
import { loadJurisdictions } from '../config/loader';
import type { JurisdictionConfig } from '../config/schema';
import { flowFileText, formatUnmapped } from '../flows/import';
import { displayPath } from '../flows/loader';
import type { LiveOptions } from '../live/aws';
import { LiveError } from '../live/errors';

/** The flags every live command takes, and how they resolve (jurisdiction → region and instance alias). */
export const LIVE_FLAGS = { jurisdiction: 'string', 'config-dir': 'string', 'instance-id': 'string', region: 'string', profile: 'string' } as const;

/** Region, profile, instance id or alias, and the config, from the live flags. */
export function liveTarget(options: Record<string, string | boolean>): { live: LiveOptions; instanceId?: string; alias?: string; config?: JurisdictionConfig } {
  let config: JurisdictionConfig | undefined;
  if (options.jurisdiction !== undefined) {
    try {
      config = loadJurisdictions({ configDir: String(options['config-dir'] ?? 'config'), only: [String(options.jurisdiction)] }).configs[0];
    } catch (error) {
      if (error instanceof ConfigError) throw new LiveError(error.message);
      throw error;
    }
  }
  const region = options.region !== undefined ? String(options.region) : config?.region;
  if (region === undefined) throw new UsageError('give --region or --jurisdiction (whose region is used)');
  if (options['instance-id'] === undefined && config === undefined) throw new UsageError('give --instance-id or --jurisdiction (whose instance alias finds the instance)');
  return {
    live: { region, ...(options.profile !== undefined ? { profile: String(options.profile) } : {}) },
    instanceId: options['instance-id'] !== undefined ? String(options['instance-id']) : undefined,
    alias: config?.instance.alias,
    config,
  };
}

/**
 * `gcck export-flows --out DIR`: pulls every flow and module of a live instance, with its queue,
 * hours, Lambda, bot and prompt lists, and writes kit flow files through the importer (the
 * instance's names instead of ARNs). Exit 0 written, 1 on an AWS failure (one line), 2 usage.
 */
export const exportFlowsCommand: Command = {
  name: 'export-flows',
  summary: 'pull every flow and module of a live instance into kit flow files',
  usage: 'gcck export-flows --out DIR (--jurisdiction ID | --instance-id ID --region R) [--profile P] [--config-dir DIR]',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { ...LIVE_FLAGS, out: 'string' });
    if (positional.length > 0) throw new UsageError(`unexpected argument ${positional[0]}`);
    if (options.out === undefined) throw new UsageError('--out DIR is required');
    const target = liveTarget(options);
    // Loaded here, not at the top: the SDK adds ~0.7 s to every gcck command's start-up.
    const { connectClient, live, resolveInstanceId } = await import('../live/aws');
    const { importInstance, pullInstance } = await import('../live/export');
    const client = connectClient(target.live);
    const pulled = await live(target.live, async () => pullInstance(client, await resolveInstanceId(client, target.instanceId, target.alias)));
    const result = importInstance(pulled);
    const out = String(options.out);
    fs.mkdirSync(out, { recursive: true });
    for (const flow of result.flows) fs.writeFileSync(path.join(out, `${flow.name}.json`), flowFileText(flow));
    io.out(`wrote ${result.flows.length} flow file${result.flows.length === 1 ? '' : 's'} to ${displayPath(out)}`);
    for (const problem of result.problems) io.err(`${problem.file}: ${problem.message}`);
    if (result.unmapped.length > 0) {
      io.out(`${result.unmapped.length} value${result.unmapped.length === 1 ? '' : 's'} could not be named (left as found):`);
      for (const u of result.unmapped) io.out(`  ${formatUnmapped(u)}`);
    }
    return result.problems.length > 0 ? 1 : 0;
  },
};
