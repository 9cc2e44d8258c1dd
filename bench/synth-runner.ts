/**
 * One synth measurement, run by bench/synth.ts in a fresh `node --import tsx` process.
 *
 *   node --import tsx bench/synth-runner.ts <result.json> kit   <configDir> <outdir> nag|nonag [bundle|nobundle]
 *   node --import tsx bench/synth-runner.ts <result.json> floor <spec.json> <outdir>
 *   node --import tsx bench/synth-runner.ts <result.json> empty
 *
 * Heavy modules are imported dynamically inside `main` so that the time spent starting
 * node + tsx, importing aws-cdk-lib / the kit, and building + synthesizing the app can be
 * told apart. The result file gets a {@link RunnerResult}. `nobundle` skips asset bundling
 * (context `aws:cdk:bundling-stacks` = [], see {@link cliEquivalentContext}).
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { cliEquivalentContext, FloorStackSpec, floorProperties, RunnerResult } from './synth-shared';

const REPO_ROOT = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const mainStartMs = performance.now();
  const [resultFile, mode, ...rest] = process.argv.slice(2);
  let importedMs = mainStartMs;
  let loadedMs = mainStartMs;
  let builtMs = mainStartMs;

  if (mode === 'kit') {
    const [configDir, outdir, nag, bundle = 'bundle'] = rest;
    const { App } = await import('aws-cdk-lib');
    const { addKit, loadKitInputs } = await import('../lib/kit-app');
    // nag off: cdk-nag is not even imported, so the nag cost shown includes its import.
    const addNagPacks = nag === 'nag' ? (await import('../lib/compliance/nag')).addNagPacks : undefined;
    importedMs = performance.now();
    const inputs = loadKitInputs({ configDir }, REPO_ROOT);
    loadedMs = performance.now();
    // The same inputs (configs, bots, flows) and order as bin/app.ts.
    const app = new App({ outdir, stackTraces: false, context: cliEquivalentContext(REPO_ROOT, bundle !== 'nobundle') });
    addKit(app, inputs);
    addNagPacks?.(app);
    builtMs = performance.now();
    app.synth();
  } else if (mode === 'floor') {
    const [specFile, outdir] = rest;
    const { App, Stack, CfnResource } = await import('aws-cdk-lib');
    importedMs = performance.now();
    const spec = JSON.parse(fs.readFileSync(specFile, 'utf8')) as FloorStackSpec[];
    loadedMs = performance.now();
    const app = new App({ outdir, context: cliEquivalentContext(REPO_ROOT) });
    for (const s of spec) {
      const stack = new Stack(app, s.name, { env: { account: s.account, region: s.region } });
      for (let i = 0; i < s.resources; i++) {
        new CfnResource(stack, `Topic${i}`, { type: 'AWS::SNS::Topic', properties: floorProperties(`${s.name}/Topic${i}`, s.bytesPerResource) });
      }
    }
    builtMs = performance.now();
    app.synth();
  } else if (mode !== 'empty') {
    throw new Error(`unknown mode ${JSON.stringify(mode)} (kit, floor, empty)`);
  }

  const synthDoneMs = performance.now();
  const result: RunnerResult = {
    doneEpochMs: Date.now(),
    mainStartMs,
    importedMs,
    loadedMs,
    builtMs,
    synthDoneMs,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
  fs.writeFileSync(resultFile, JSON.stringify(result));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
