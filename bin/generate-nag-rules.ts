#!/usr/bin/env node
/**
 * Regenerates lib/audit/data/nag-nist-800-53-r5-rules.json from the installed cdk-nag package:
 * `npx tsx bin/generate-nag-rules.ts`. test/audit/audit-pack.spec.ts fails when it is stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readNagRules } from '../lib/audit/nag-rule-source';

const file = path.join(__dirname, '..', 'lib', 'audit', 'data', 'nag-nist-800-53-r5-rules.json');
const cdkNag = JSON.parse(fs.readFileSync(require.resolve('cdk-nag/package.json'), 'utf8')).version as string;
fs.writeFileSync(file, `${JSON.stringify({ cdkNag, rules: readNagRules() }, null, 1)}\n`);
process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
