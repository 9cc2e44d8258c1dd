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
import { loadJurisdictions, LoadedJurisdictions } from '../lib/config/loader';
import { addJurisdiction } from '../lib/jurisdiction';

const app = new App();
const configDir = String(app.node.tryGetContext('configDir') ?? 'config');
const selection = app.node.tryGetContext('jurisdiction');
const only = typeof selection === 'string' && selection.trim() !== '' ? selection.split(',').map((s) => s.trim()) : undefined;

let loaded: LoadedJurisdictions;
try {
  loaded = loadJurisdictions({ configDir, only });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
for (const warning of loaded.warnings) process.stderr.write(`warning: ${warning}\n`);
for (const config of loaded.configs) addJurisdiction(app, config);
addNagPacks(app);
app.synth();
