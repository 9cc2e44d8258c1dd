#!/usr/bin/env node
/**
 * The CDK app: one set of stacks per jurisdiction in config/jurisdictions/.
 *
 *   npx cdk synth                              every jurisdiction
 *   npx cdk synth -c jurisdiction=riverton-311 one (or several, comma-separated)
 *   npx cdk synth -c configDir=path/to/config  another config folder
 *
 * A synthesis whose inputs are all unchanged (every file of the checkout, the config folder,
 * the installed packages, the CDK context) writes the assembly stored by the last one instead
 * of building it again: README "Caches".
 */
import { assemblyKey, replayAssembly, storeAssembly } from '../lib/cache/assembly-cache';
import type * as ConfigErrors from '../lib/config/errors';
import type * as FlowErrors from '../lib/flows/errors';
import type * as KitApp from '../lib/kit-app';
import type * as Cdk from 'aws-cdk-lib';
import type * as CachedValidation from '../lib/compliance/cached-validation';
import type * as Nag from '../lib/compliance/nag-results';
import type * as Timings from '../lib/timings';

const key = assemblyKey();
const replayed = key === undefined ? undefined : replayAssembly(key, process.env.CDK_OUTDIR!);
if (replayed !== undefined) {
  for (const warning of replayed) process.stderr.write(`warning: ${warning}\n`);
} else {
  synthesize();
}

function synthesize(): void {
  // Loaded only when the app is built: a replayed assembly needs none of them.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { App } = require('aws-cdk-lib') as typeof Cdk;
  const { startTemplateValidationEarly } = require('../lib/compliance/cached-validation') as typeof CachedValidation;
  // No stack traces on annotations; cdk.json's `aws:cdk:disable-creation-stack-traces` leaves
  // out the ones aws-cdk-lib records per CloudFormation element. `cdk synth --debug` (CDK_DEBUG)
  // records both (README "Caches").
  const app = new App({ stackTraces: process.env.CDK_DEBUG === 'true' });
  // On a cold cache the validation engine starts in a worker thread while the kit loads.
  startTemplateValidationEarly(app);
  const { ConfigError } = require('../lib/config/errors') as typeof ConfigErrors;
  const { FlowError } = require('../lib/flows/errors') as typeof FlowErrors;
  const { loadKitInputs, synthesizeKit } = require('../lib/kit-app') as typeof KitApp;
  const { NAG_RESULTS_FILE } = require('../lib/compliance/nag-results') as typeof Nag;
  const { startTimings, timed, timedSynthesis } = require('../lib/timings') as typeof Timings;
  /* eslint-enable @typescript-eslint/no-require-imports */

  // GCCK_TIMINGS=<file>: where the time went, for bench/synth.ts; nothing otherwise.
  const writeTimings = startTimings(app);
  const configDir = String(app.node.tryGetContext('configDir') ?? 'config');
  const selection = app.node.tryGetContext('jurisdiction');
  const only = typeof selection === 'string' && selection.trim() !== '' ? selection.split(',').map((s) => s.trim()) : undefined;

  // The same path as `gcck validate`: every file is read and checked before any construct is
  // built, then the app is built, its stack limits checked and synthesized. A problem anywhere
  // ends the run with the full list and no stack trace.
  try {
    const inputs = timed('config', () => loadKitInputs({ configDir, only }));
    for (const warning of inputs.warnings) process.stderr.write(`warning: ${warning}\n`);
    const { warnings } = timedSynthesis(app, () => synthesizeKit(app, inputs));
    for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
    writeTimings();
    if (key !== undefined) storeAssembly(key, app.outdir, [...inputs.warnings, ...warnings], ['validation-report.json', NAG_RESULTS_FILE]);
  } catch (error) {
    if (!(error instanceof ConfigError) && !(error instanceof FlowError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
