import * as path from 'path';
import * as readline from 'readline';
import { Command, parseArgs, UsageError } from './command';
import { describeEvent, transcript } from '../flows/simulator/runner';
import type { InputSource } from '../flows/simulator/runner';
import { scenarioSchema, type ScenarioInput } from '../flows/simulator/scenario';
import type { SimState } from '../flows/simulator/types';
import { loadScenarios, loadSimulations, runScenario } from './simulation';

/** Parses `--input "2; say:check my case; silence; hang-up"`. */
export function parseInputs(text: string): ScenarioInput[] {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((item): ScenarioInput => {
      if (item === 'silence' || item === 'hang-up') return item;
      if (/^[0-9*#]+$/.test(item)) return { press: item };
      const m = /^(press|say):\s*(.+)$/.exec(item);
      if (!m) throw new UsageError(`input ${JSON.stringify(item)}: write digits, press:<digits>, say:<words>, silence or hang-up`);
      return m[1] === 'press' ? { press: m[2].trim() } : { say: m[2].trim() };
    });
}

/** Asks the person at the terminal for each input, showing what the caller has heard so far. */
function terminalSource(io: { out(t: string): void }): InputSource & { close(): void } {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  let shown = 0;
  return {
    async next(state: SimState) {
      for (; shown < state.events.length; shown++) {
        const line = describeEvent(state.events[shown]);
        if (line) io.out(line);
      }
      const answer = await new Promise<string>((resolve) => rl.question('you (digits, say:<words>, silence, hang-up; empty to stop)> ', resolve));
      if (answer.trim() === '') return undefined;
      try {
        return parseInputs(answer)[0];
      } catch (error) {
        io.out((error as Error).message);
        return this.next(state);
      }
    },
    close: () => rl.close(),
  };
}

/**
 * `gcck simulate`: one call through a jurisdiction's flows, with its hours, queues, bot and
 * real functions, printed as a transcript. Scripted with `--input` or `--scenario`; without
 * either, and only at a terminal, it asks for each input.
 */
export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'place a simulated call and print what the caller hears',
  usage:
    'gcck simulate --jurisdiction ID [--config-dir DIR] [--flow main-inbound] [--at ISO-TIME] [--lang es-US] [--channel VOICE|CHAT]\n' +
    '              [--input "1; say:check my case status; silence; hang-up"] [--agent "hold,hang-up"] [--closed] [--scenario FILE]',
  async run(args, io) {
    const { options } = parseArgs(args, { jurisdiction: 'string', 'config-dir': 'string', flow: 'string', at: 'string', lang: 'string', channel: 'string', input: 'string', agent: 'string', closed: 'boolean', scenario: 'string' });
    const root = process.cwd();
    const sims = loadSimulations(root, options.jurisdiction ? [String(options.jurisdiction)] : undefined, options['config-dir'] === undefined ? undefined : String(options['config-dir']));
    if (sims.length !== 1) throw new UsageError(`name a jurisdiction with --jurisdiction (known: ${sims.map((s) => s.config.id).join(', ')})`);
    const sim = sims[0];
    let scenario;
    if (options.scenario) scenario = loadScenarios([path.resolve(root, String(options.scenario))])[0].scenario;
    else {
      const at = options.at ? String(options.at) : new Date().toISOString();
      const parsed = scenarioSchema.safeParse({
        name: 'simulated call',
        flow: options.flow ?? 'main-inbound',
        channel: options.channel ?? 'VOICE',
        at,
        language: options.lang,
        inputs: options.input ? parseInputs(String(options.input)) : [],
        agent: options.agent ? { then: String(options.agent).split(',').map((s) => s.trim()) } : undefined,
        data: options.closed ? { closure: { closed: true, reason: 'EMERGENCY', message: { 'en-US': '', 'es-US': '' } } } : undefined,
      });
      if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.') || 'option'}: ${i.message}`).join('; '));
      scenario = parsed.data;
    }
    if (!sim.world.flows.has(scenario.flow)) throw new UsageError(`${sim.config.id} deploys no flow named ${scenario.flow} (flows: ${[...sim.world.flows.keys()].join(', ')})`);
    const interactive = !options.input && !options.scenario && process.stdin.isTTY === true;
    const source = interactive ? terminalSource(io) : undefined;
    try {
      const { result, failures } = await runScenario(sim, scenario, undefined, source);
      io.out(`${sim.config.id} · ${scenario.flow} · ${scenario.channel} · ${scenario.at}`);
      io.out(transcript(result.state).join('\n'));
      for (const f of options.scenario ? failures : []) io.out(`FAIL ${f}`);
      return result.end.kind === 'stopped' && !interactive ? 1 : failures.length > 0 ? 1 : 0;
    } finally {
      source?.close();
    }
  },
};
