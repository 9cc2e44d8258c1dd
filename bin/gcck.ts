#!/usr/bin/env node
/**
 * The operator CLI: `npm run gcck -- <command>`.
 * `npm run gcck -- help` lists the commands.
 */
import { main } from '../lib/cli/main';

main(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
}).then((code) => {
  process.exitCode = code;
});
