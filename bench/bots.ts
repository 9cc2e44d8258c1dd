/**
 * Bot definition figures: how long loading + linting a bot takes, and what a LexBot adds to a
 * template. Prints figures, asserts nothing, exits 0.
 *
 *   npx tsx bench/bots.ts
 *
 * Rows: the default bot (config/bots/citizen-services.yaml) and synthetic bilingual bots of
 * 50 and 200 intents with 20 utterances per locale (Lex allows 1,000 intents per locale), to
 * show how the lint scales. `template KB` is the bytes of the synthesized stack holding only
 * the bot (7 resources); CloudFormation's limit is 1 MB per template.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, ArnFormat, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { stringify } from 'yaml';
import { checkBotFile } from '../lib/bots/loader';
import type { BotDefinition } from '../lib/bots/schema';
import { LexBot } from '../lib/constructs/lex-bot';

process.env.CDK_VALIDATION = 'false';

const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** A synthetic bilingual bot: `intents` intents of 20 distinct utterances per locale, one slot each. */
function syntheticBot(intents: number): string {
  const words = (i: number, u: number, lang: string) => `${lang} request number ${i} variant ${u}`;
  return stringify({
    name: `synthetic-${intents}`,
    locales: { en_US: { voice: { id: 'Joanna' } }, es_US: { voice: { id: 'Lupe' } } },
    intents: Array.from({ length: intents }, (_, i) => ({
      name: `Intent${i}`,
      codeHook: { fulfillment: true },
      slots: [{ name: 'reference', type: 'AMAZON.AlphaNumeric', prompt: { en_US: 'What is the reference?', es_US: '¿Cuál es la referencia?' } }],
      utterances: {
        en_US: [...Array.from({ length: 19 }, (_, u) => words(i, u, 'english')), `english reference {reference} for ${i}`],
        es_US: [...Array.from({ length: 19 }, (_, u) => words(i, u, 'spanish')), `referencia {reference} para ${i}`],
      },
    })),
    fallback: { codeHook: { fulfillment: true } },
  });
}

function measure(file: string): { loadMs: number; synthMs: number; templateKb: number; errors: number } {
  const loads: number[] = [];
  let definition: BotDefinition | undefined;
  let errors = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    const check = checkBotFile(file, { region: 'us-gov-west-1' });
    loads.push(Number(process.hrtime.bigint() - started) / 1e6);
    definition = check.definition;
    errors = check.problems.length + check.findings.filter((f) => f.severity === 'error').length;
  }
  const synths: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-bench-bots-'));
    const started = process.hrtime.bigint();
    const app = new App({ outdir });
    const stack = new Stack(app, 'Bot', { env: { account: '111111111111', region: 'us-gov-west-1' } });
    const codeHook = lambda.Function.fromFunctionArn(stack, 'Hook', stack.formatArn({ service: 'lambda', resource: 'function', resourceName: 'hook', arnFormat: ArnFormat.COLON_RESOURCE_NAME }));
    new LexBot(stack, 'Bot', {
      definition: definition!,
      instance: { instanceArn: stack.formatArn({ service: 'connect', resource: 'instance', resourceName: 'i' }), instanceId: 'i' },
      codeHook,
    });
    const assembly = app.synth();
    synths.push(Number(process.hrtime.bigint() - started) / 1e6);
    bytes = fs.statSync(path.join(assembly.directory, 'Bot.template.json')).size;
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  return { loadMs: median(loads), synthMs: median(synths), templateKb: bytes / 1024, errors };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-bench-bots-'));
const rows: Array<[string, string]> = [['citizen-services (6 intents)', path.join(__dirname, '..', 'config', 'bots', 'citizen-services.yaml')]];
for (const n of [50, 200]) {
  const file = path.join(dir, `synthetic-${n}.yaml`);
  fs.writeFileSync(file, syntheticBot(n));
  rows.push([`synthetic (${n} intents)`, file]);
}

process.stdout.write(`bot                           load+lint ms   LexBot build+synth ms   template KB   errors   (median of ${RUNS})\n`);
for (const [name, file] of rows) {
  const m = measure(file);
  process.stdout.write(`${name.padEnd(30)}${m.loadMs.toFixed(1).padStart(12)}${m.synthMs.toFixed(1).padStart(24)}${m.templateKb.toFixed(1).padStart(14)}${String(m.errors).padStart(9)}\n`);
}
fs.rmSync(dir, { recursive: true, force: true });
