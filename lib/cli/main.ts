import { Command, CommandIO, UsageError } from './command';
import { validateCommand } from './validate';
import { botSchemaCommand } from './bot-schema';
import { importBotCommand } from './import-bot';
import { lintBotsCommand } from './lint-bots';
import { diagramCommand } from './diagram';
import { lintFlowsCommand } from './lint-flows';
import { importFlowCommand } from './import-flow';
import { exportFlowsCommand } from './export-flows';
import { driftCommand } from './drift';
import { smokeCommand } from './smoke';
import { simulateCommand } from './simulate';
import { testFlowsCommand } from './test-flows';
import { exploreCommand } from './explore';
import { scenarioSchemaCommand } from './scenario-schema';
import { auditCommand } from './audit';
import { auditDiffCommand } from './audit-diff';
import { webCommand } from './web';

/** Every operator command, in the order `gcck help` lists them. */
export const COMMANDS: readonly Command[] = [
  validateCommand, lintBotsCommand, importBotCommand, botSchemaCommand, lintFlowsCommand, importFlowCommand, diagramCommand,
  simulateCommand, testFlowsCommand, exploreCommand, scenarioSchemaCommand, auditCommand, auditDiffCommand,
  webCommand, exportFlowsCommand, driftCommand, smokeCommand,
];

const usageOf = (command: Command) => `usage: ${command.usage}\n\n${command.summary}`;

const HELP = (commands: readonly Command[]) =>
  ['usage: gcck <command> [arguments]', '', 'commands:', ...commands.map((c) => `  ${c.name.padEnd(14)} ${c.summary}`), '', 'gcck help <command> shows its usage.'].join('\n');

/**
 * Runs the operator CLI. Never throws: usage mistakes exit 2 with the usage, failures exit 1
 * with a one-line message (no stack trace), findings exit as each command decides.
 */
export async function main(argv: readonly string[], io: CommandIO, commands: readonly Command[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = commands.find((c) => c.name === rest[0]);
    if (rest[0] !== undefined && !topic) {
      io.err(`gcck help: unknown command "${rest[0]}"\n\n${HELP(commands)}`);
      return 2;
    }
    io.out(topic ? usageOf(topic) : HELP(commands));
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`gcck: unknown command "${name}"\n\n${HELP(commands)}`);
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
