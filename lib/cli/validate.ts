import { Command, parseArgs } from './command';
import { ConfigError } from '../config/errors';
import { loadJurisdictions } from '../config/loader';

/** `gcck validate [--config-dir DIR] [ID...]`: checks jurisdiction files without synthesizing. */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'check jurisdiction config files and report every problem',
  usage: 'gcck validate [--config-dir DIR] [JURISDICTION_ID ...]',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { 'config-dir': 'string' });
    try {
      const loaded = loadJurisdictions({ configDir: String(options['config-dir'] ?? 'config'), only: positional.length > 0 ? positional : undefined });
      for (const warning of loaded.warnings) io.err(`warning: ${warning}`);
      io.out(`${loaded.configs.length} jurisdiction${loaded.configs.length === 1 ? '' : 's'} valid: ${loaded.configs.map((c) => c.id).join(', ')}`);
      return 0;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.err(error.message);
      return 1;
    }
  },
};
