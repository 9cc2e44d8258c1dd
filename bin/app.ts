#!/usr/bin/env node
/**
 * The CDK app: one set of stacks per jurisdiction in config/jurisdictions/.
 *
 *   npx cdk synth                              every jurisdiction
 *   npx cdk synth -c jurisdiction=riverton-311 one (or several, comma-separated)
 *   npx cdk synth -c configDir=path/to/config  another config folder
 */
import { App } from 'aws-cdk-lib';
import { ConfigError } from '../lib/config/errors';
import { FlowError } from '../lib/flows/errors';
import { loadKitInputs, synthesizeKit } from '../lib/kit-app';
import { startTimings, timed, timedSynthesis } from '../lib/timings';

// No creation stack traces: about 15% of the synthesis time of each jurisdiction.
// `cdk synth --debug` still records them.
const app = new App({ stackTraces: process.env.CDK_DEBUG === 'true' });
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
} catch (error) {
  if (!(error instanceof ConfigError) && !(error instanceof FlowError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
