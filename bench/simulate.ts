/**
 * Flow simulator benchmark: interpreter speed and the exhaustive explorer's time.
 *
 *   npx tsx bench/simulate.ts
 *
 * 1. Scripted calls, interpreter only: main-inbound of pinecrest-benefits, a Spanish caller who
 *    checks a case, verifies, waits in queue, talks to an agent and answers the survey, with
 *    scripted function answers and no bot code hook (so only the interpreter is timed). Repeated
 *    for at least 2 s; actions per second = actions run / time. Target: >= 20,000.
 * 2. The scenario suite (contact-flows/tests/) with the real handlers in-process: actions per
 *    second including the handlers, the mocked SDK and the bot dialog.
 * 3. `explore` over every entry flow of both examples: the first run (cold: includes JIT warm-up,
 *    what `gcck explore` costs) and the median of 5 further runs; paths, states and explored
 *    transitions per second. Target: under 2 s for both examples.
 */
import * as path from 'path';
import { performance } from 'perf_hooks';
import { loadScenarios, loadSimulations, runSuite, scenarioFiles, scenarioFolders } from '../lib/cli/simulation';
import { explorationEntries, explore, runCall } from '../lib/flows/simulator';
import type { ScenarioInput } from '../lib/flows/simulator';

const ROOT = path.join(__dirname, '..');

async function main(): Promise<void> {
  process.chdir(ROOT);
  let t = performance.now();
  const sims = loadSimulations(ROOT);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`loaded ${sims.map((s) => s.config.id).join(', ')} in ${(performance.now() - t).toFixed(0)} ms`);

  // 1. Interpreter only.
  const pinecrest = sims.find((s) => s.config.id === 'pinecrest-benefits')!;
  const inputs: ScenarioInput[] = [{ press: '2' }, { say: 'estado del caso AB123456' }, { press: '0' }, { press: '2468' }, { press: '5' }, { press: '4' }, { press: '5' }];
  const functions = {
    'contact-center-status': { answer: { result: 'OK', closed: 'false' } },
    'caller-verification': { answer: { result: 'OK', verification: 'VERIFIED', message: 'Gracias. Su identidad fue verificada.' } },
    'survey-capture': { answer: { result: 'OK' } },
  };
  const conditions = { at: '2027-03-02T10:00:00-06:00', queues: { Spanish: { waiting: 3, oldestContactSeconds: 400 } }, neuralVoices: true, faults: {} };
  let actions = 0;
  let calls = 0;
  t = performance.now();
  while (performance.now() - t < 2000) {
    const r = await runCall(pinecrest.world, { flow: 'main-inbound' }, { inputs, functions }, conditions);
    actions += r.state.steps;
    calls++;
  }
  let seconds = (performance.now() - t) / 1000;
  const perSecond = actions / seconds;
  out(`scripted calls (interpreter only): ${calls} calls, ${actions} actions in ${seconds.toFixed(2)} s = ${Math.round(perSecond).toLocaleString('en-US')} actions/s (${(actions / calls).toFixed(0)} actions per call) ${perSecond >= 20000 ? 'PASS' : 'FAIL'} (target >= 20,000)`);

  // 2. Scenario suite with real handlers.
  const scenarios = loadScenarios(scenarioFiles(scenarioFolders(ROOT, sims.map((s) => s.config))));
  let suiteActions = 0;
  t = performance.now();
  const suite = await runSuite(sims, scenarios);
  seconds = (performance.now() - t) / 1000;
  for (const taken of suite.taken.values()) suiteActions += taken.size;
  out(`scenario suite (real handlers, mocked SDK): ${suite.cases.length} calls in ${seconds.toFixed(2)} s (${((seconds * 1000) / suite.cases.length).toFixed(1)} ms per call)`);

  // 3. Explore.
  const entries = sims.map((s) => ({ sim: s, entries: explorationEntries(s.config, s.world) }));
  const exploreAll = () => {
    const started = performance.now();
    let paths = 0;
    let states = 0;
    let edges = 0;
    let problems = 0;
    for (const e of entries) {
      const r = explore(e.sim.world, e.entries);
      paths += r.paths;
      states += r.states;
      edges += r.actions;
      problems += r.problems.length;
    }
    return { ms: performance.now() - started, paths, states, edges, problems };
  };
  const cold = exploreAll();
  const warm = Array.from({ length: 5 }, exploreAll).sort((a, b) => a.ms - b.ms)[2];
  out(`explore, both examples: ${cold.paths.toLocaleString('en-US')} paths, ${cold.states.toLocaleString('en-US')} states, ${cold.edges.toLocaleString('en-US')} transitions explored, ${cold.problems} problem paths`);
  out(`  first run ${(cold.ms / 1000).toFixed(2)} s ${cold.ms < 2000 ? 'PASS' : 'FAIL'} (target < 2 s); median of 5 more ${(warm.ms / 1000).toFixed(2)} s = ${Math.round(warm.edges / (warm.ms / 1000)).toLocaleString('en-US')} transitions/s`);
  void suiteActions;
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
});
