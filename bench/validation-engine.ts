/**
 * What V8's WebAssembly settings cost aws-cdk-lib's CloudFormation validation engine: every template of
 * a cloud assembly validated by `CloudFormationValidatePlugin` in a fresh node process (with
 * cdk.json's node options, as the app), once per setting: V8's defaults, the kit's {@link ENGINE_V8_FLAGS} (what its validation worker applies), and
 * baseline code only (`--liftoff-only`). Rounds alternate the settings; medians are printed, with the
 * process's CPU split into its main thread (engine start and checks) and V8's helper threads
 * (compilation), and whether every setting found the same violations (a copy of the smallest
 * template with an unknown property on every resource is added, so that there are some).
 *
 *   npm run bench:validation                      the examples (synthesized once into a temp dir), 3 rounds
 *   npm run bench:validation -- --dir <cdk.out> --runs 5
 *
 * Prints figures only; always exits 0 (a bad option prints its message and exits 1).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cdkJsonAppNodeOptions } from '../lib/cdk-json';
import { ENGINE_V8_FLAGS } from '../lib/compliance/validation-worker';
import { median } from './synth-stats';

const ROOT = path.resolve(__dirname, '..');

/** The settings compared, by name: node arguments before the probe. */
const SETTINGS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['V8 defaults', []],
  [`kit (${ENGINE_V8_FLAGS})`, [ENGINE_V8_FLAGS]],
  ['baseline only (--liftoff-only)', ['--liftoff-only']],
];

/**
 * Run in the child: validates every template of argv[1] as `cdk synth` would and prints one JSON line
 * (wall and CPU ms of the validation, the main thread's share, the violating rules and resources, sorted).
 */
const PROBE = `
const fs = require('fs');
const path = require('path');
const threadCpu = () => { const f = fs.readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const dir = process.argv[1];
const { CloudFormationValidatePlugin } = require(process.argv[2]);
const stackTemplates = fs.readdirSync(dir).filter((f) => f.endsWith('.template.json')).sort()
  .map((f) => ({ stackConstructPath: f, templatePath: path.join(dir, f), accountId: '123456789012', region: 'us-gov-west-1' }));
const cpu = process.cpuUsage();
const main = threadCpu();
const wall = Date.now();
const report = new CloudFormationValidatePlugin().validate({ stackTemplates });
const used = process.cpuUsage(cpu);
const findings = report.violations.flatMap((v) => v.violatingResources.map((r) => v.ruleName + ' ' + path.basename(r.templatePath) + ' ' + r.resourceLogicalId)).sort();
process.stdout.write(JSON.stringify({ templates: stackTemplates.length, wall: Date.now() - wall, cpu: (used.user + used.system) / 1000, main: threadCpu() - main, findings }) + '\\n');
`;

interface Probe {
  readonly templates: number;
  readonly wall: number;
  readonly cpu: number;
  readonly main: number;
  readonly findings: readonly string[];
}

interface Options {
  readonly dir?: string;
  readonly runs: number;
}

function parseOptions(args: readonly string[]): Options {
  let dir: string | undefined;
  let runs = 3;
  for (let i = 0; i < args.length; i++) {
    const value = args[i + 1];
    if (args[i] === '--dir' && value !== undefined) {
      dir = path.resolve(value);
      i++;
    } else if (args[i] === '--runs' && value !== undefined && /^[1-9]\d*$/.test(value)) {
      runs = Number(value);
      i++;
    } else {
      throw new Error(`unknown or incomplete option '${args[i]}' (usage: [--dir <cdk.out>] [--runs <n>])`);
    }
  }
  if (dir !== undefined && (!fs.existsSync(dir) || !fs.readdirSync(dir).some((f) => f.endsWith('.template.json')))) {
    throw new Error(`--dir ${dir}: no *.template.json there (run npx cdk synth first)`);
  }
  return { dir, runs };
}

/** The examples synthesized once (caches in a temp dir, so the checkout's are not touched). */
function synthesizeExamples(tmp: string): string {
  const out = path.join(tmp, 'cdk.out');
  const result = spawnSync('npx', ['cdk', 'synth', '-q', '-o', out], {
    cwd: ROOT,
    env: { ...process.env, GCCK_CACHE_DIR: path.join(tmp, 'cache') },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`npx cdk synth failed (${result.status}):\n${result.stderr.slice(-2000)}`);
  return out;
}

/**
 * The templates of `from` copied into `to`, plus one with a property CloudFormation does not know on
 * every resource of the smallest, so that "same violations" compares real findings.
 */
function withPlanted(from: string, to: string): string {
  fs.mkdirSync(to, { recursive: true });
  const names = fs.readdirSync(from).filter((f) => f.endsWith('.template.json'));
  for (const name of names) fs.copyFileSync(path.join(from, name), path.join(to, name));
  const smallest = names.map((name) => path.join(from, name)).sort((a, b) => fs.statSync(a).size - fs.statSync(b).size)[0];
  const template = JSON.parse(fs.readFileSync(smallest, 'utf8')) as { Resources?: Record<string, { Properties?: Record<string, unknown> }> };
  for (const resource of Object.values(template.Resources ?? {})) resource.Properties = { ...resource.Properties, PlantedUnknownProperty: 1 };
  fs.writeFileSync(path.join(to, 'zz-planted.template.json'), JSON.stringify(template));
  return to;
}

function probe(dir: string, flags: readonly string[]): Probe {
  const result = spawnSync(process.execPath, [...cdkJsonAppNodeOptions(ROOT), ...flags, '-e', PROBE, dir, require.resolve('aws-cdk-lib')], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`the validation probe failed (${result.status}):\n${result.stderr.slice(-2000)}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as Probe;
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-bench-validation-'));
  try {
    const dir = withPlanted(options.dir ?? synthesizeExamples(tmp), path.join(tmp, 'templates'));
    const samples = SETTINGS.map((): Probe[] => []);
    for (let run = 0; run < options.runs; run++) {
      process.stderr.write(`round ${run + 1}/${options.runs}\n`);
      SETTINGS.forEach(([, flags], i) => samples[i].push(probe(dir, flags)));
    }
    const reference = JSON.stringify(samples[0][0].findings);
    const same = samples.every((runs) => runs.every((s) => JSON.stringify(s.findings) === reference));
    const s = (ms: number) => (ms / 1000).toFixed(2).padStart(7);
    console.log(`CloudFormation validation of ${samples[0][0].templates} templates (${options.dir ?? 'the examples'}, one planted), medians of ${options.runs} alternating rounds, seconds:`);
    console.log(`${'setting'.padEnd(48)}   wall    CPU   main  helpers  CPU range`);
    SETTINGS.forEach(([name], i) => {
      const runs = samples[i];
      const cpus = runs.map((r) => r.cpu);
      const helpers = median(runs.map((r) => r.cpu - r.main));
      console.log(`${name.padEnd(48)}${s(median(runs.map((r) => r.wall)))}${s(median(cpus))}${s(median(runs.map((r) => r.main)))}${s(helpers)}  ${s(Math.min(...cpus)).trim()}-${s(Math.max(...cpus)).trim()}`);
    });
    console.log(`Same violations under every setting: ${same ? 'yes' : 'NO (a finding differs: look into it)'} (${samples[0][0].findings.length} violating resources)`);
    console.log(`Load average at the end: ${os.loadavg()[0].toFixed(1)} (2 cores: read CPU, not wall)`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
