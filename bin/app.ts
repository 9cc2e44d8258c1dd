#!/usr/bin/env node
/**
 * The CDK app: one set of stacks per jurisdiction in config/jurisdictions/.
 *
 *   npx cdk synth                              every jurisdiction
 *   npx cdk synth -c jurisdiction=riverton-311 one (or several, comma-separated)
 *   npx cdk synth -c configDir=path/to/config  another config folder
 */
import { App } from 'aws-cdk-lib';
import { addNagPacks } from '../lib/compliance/nag';
import { ConfigError } from '../lib/config/errors';
import { FlowError } from '../lib/flows/errors';
import { addKit, loadKitInputs } from '../lib/kit-app';

// No creation stack traces: about 15% of the synthesis time of each jurisdiction.
// `cdk synth --debug` still records them.
const app = new App({ stackTraces: process.env.CDK_DEBUG === 'true' });
const configDir = String(app.node.tryGetContext('configDir') ?? 'config');
const selection = app.node.tryGetContext('jurisdiction');
const only = typeof selection === 'string' && selection.trim() !== '' ? selection.split(',').map((s) => s.trim()) : undefined;

// Every file is read and checked before any construct is built; a problem in any of them (or
// one a construct finds, such as a bot locale the region lacks) ends the run with the full list
// and no stack trace.
try {
  const inputs = loadKitInputs({ configDir, only });
  for (const warning of inputs.warnings) process.stderr.write(`warning: ${warning}\n`);
  addKit(app, inputs);
} catch (error) {
  if (!(error instanceof ConfigError) && !(error instanceof FlowError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
const nag = addNagPacks(app);
// Which resources each NIST rule passed, beside the templates, for `gcck audit`.
nag.write(app.synth().directory);
