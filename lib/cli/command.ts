/** One operator command of `bin/gcck.ts`. */
export interface Command {
  /** The word after `gcck`, e.g. `validate`. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Usage line(s) shown by `gcck help <name>` and on a usage error. */
  readonly usage: string;
  /**
   * Runs the command with the arguments after its name.
   * @returns the process exit code (0 success, 1 findings or failure, 2 usage error)
   */
  run(args: readonly string[], io: CommandIO): Promise<number>;
}

/** Where a command writes; tests capture it. */
export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
}

/** A usage mistake: the CLI prints the message and the command's usage, and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Splits `--flag value` / `--flag=value` options from positional arguments; unknown flags are usage errors. */
export function parseArgs(
  args: readonly string[],
  flags: Readonly<Record<string, 'string' | 'boolean'>>,
): { positional: string[]; options: Record<string, string | boolean> } {
  const positional: string[] = [];
  const options: Record<string, string | boolean> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [flag, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const kind = flags[flag];
    if (!kind) throw new UsageError(`unknown option --${flag} (known: ${Object.keys(flags).map((f) => `--${f}`).join(', ') || 'none'})`);
    if (kind === 'boolean') options[flag] = true;
    else {
      const value = inline ?? args[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`option --${flag} needs a value`);
      options[flag] = value;
    }
  }
  return { positional, options };
}
