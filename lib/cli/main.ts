import { Command, CommandIO, UsageError } from './command';

/** A command known by name whose module is imported only when it is run or its help is shown. */
export interface LazyCommand {
  /** The word after `gcck`; the loaded command's `name`. */
  readonly name: string;
  /** Imports the command's module (once; node caches it). */
  load(): Command;
}

/**
 * Every operator command, in the order `gcck help` lists them. Each is required on demand: a
 * command's imports (aws-cdk-lib, the simulator, the AWS SDK) cost 0.5–1 s of start-up that
 * `gcck lint-flows FILE` should not pay for `gcck validate`'s.
 */
export const COMMANDS: readonly LazyCommand[] = [
  { name: 'validate', load: () => (require('./validate') as typeof import('./validate')).validateCommand },
  { name: 'lint-bots', load: () => (require('./lint-bots') as typeof import('./lint-bots')).lintBotsCommand },
  { name: 'import-bot', load: () => (require('./import-bot') as typeof import('./import-bot')).importBotCommand },
  { name: 'bot-schema', load: () => (require('./bot-schema') as typeof import('./bot-schema')).botSchemaCommand },
  { name: 'lint-flows', load: () => (require('./lint-flows') as typeof import('./lint-flows')).lintFlowsCommand },
  { name: 'import-flow', load: () => (require('./import-flow') as typeof import('./import-flow')).importFlowCommand },
  { name: 'diagram', load: () => (require('./diagram') as typeof import('./diagram')).diagramCommand },
  { name: 'simulate', load: () => (require('./simulate') as typeof import('./simulate')).simulateCommand },
  { name: 'test-flows', load: () => (require('./test-flows') as typeof import('./test-flows')).testFlowsCommand },
  { name: 'explore', load: () => (require('./explore') as typeof import('./explore')).exploreCommand },
  { name: 'scenario-schema', load: () => (require('./scenario-schema') as typeof import('./scenario-schema')).scenarioSchemaCommand },
  { name: 'audit', load: () => (require('./audit') as typeof import('./audit')).auditCommand },
  { name: 'audit-diff', load: () => (require('./audit-diff') as typeof import('./audit-diff')).auditDiffCommand },
  { name: 'web', load: () => (require('./web') as typeof import('./web')).webCommand },
  { name: 'export-flows', load: () => (require('./export-flows') as typeof import('./export-flows')).exportFlowsCommand },
  { name: 'drift', load: () => (require('./drift') as typeof import('./drift')).driftCommand },
  { name: 'smoke', load: () => (require('./smoke') as typeof import('./smoke')).smokeCommand },
];

const usageOf = (command: Command) => `usage: ${command.usage}\n\n${command.summary}`;

const HELP = (commands: readonly Command[]) =>
  ['usage: gcck <command> [arguments]', '', 'commands:', ...commands.map((c) => `  ${c.name.padEnd(14)} ${c.summary}`), '', 'gcck help <command> shows its usage.'].join('\n');

/**
 * Runs the operator CLI. Never throws: usage mistakes exit 2 with the usage, failures exit 1
 * with a one-line message (no stack trace), findings exit as each command decides.
 */
export async function main(argv: readonly string[], io: CommandIO, commands: readonly (Command | LazyCommand)[] = COMMANDS): Promise<number> {
  const load = (entry: Command | LazyCommand): Command => ('load' in entry ? entry.load() : entry);
  const find = (name: string | undefined) => {
    const entry = commands.find((c) => c.name === name);
    return entry === undefined ? undefined : load(entry);
  };
  // Only the command list needs every module.
  const help = () => HELP(commands.map(load));
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = find(rest[0]);
    if (rest[0] !== undefined && !topic) {
      io.err(`gcck help: unknown command "${rest[0]}"\n\n${help()}`);
      return 2;
    }
    io.out(topic ? usageOf(topic) : help());
    return 0;
  }
  const command = find(name);
  if (!command) {
    io.err(`gcck: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  // Asked for, help is an answer rather than a mistake: stdout and exit 0.
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(usageOf(command));
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`gcck ${command.name}: ${error.message}\nusage: ${command.usage}`);
      return 2;
    }
    io.err(`gcck ${command.name}: ${(error as Error).message ?? String(error)}`);
    return 1;
  }
}
