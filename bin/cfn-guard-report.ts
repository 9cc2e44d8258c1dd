/**
 * Compares cfn-guard results (JSON files written by .ci/cfn-guard.sh) with the listed exceptions.
 * Usage: tsx bin/cfn-guard-report.ts <results.json>...
 * Exits 1 if a failure is not listed, or the exceptions list is malformed.
 */
import * as fs from 'fs';
import { compareWithExceptions, exceptionProblems, GuardFileResult } from '../lib/compliance/guard';
import { GUARD_EXCEPTIONS } from '../lib/compliance/guard-exceptions';

function main(files: string[]): number {
  if (files.length === 0) {
    process.stderr.write('usage: cfn-guard-report <results.json>...\n');
    return 2;
  }
  const results = files.flatMap((file) => JSON.parse(fs.readFileSync(file, 'utf8')) as GuardFileResult[]);
  const problems = exceptionProblems(GUARD_EXCEPTIONS);
  const report = compareWithExceptions(results, GUARD_EXCEPTIONS);
  const out = process.stdout;
  out.write(
    `cfn-guard (Control Tower rules): ${report.rules.length} rules over ${report.stacks.length} templates; ` +
      `${report.excepted.length + report.unlisted.length} failures, ${report.excepted.length} listed in lib/compliance/guard-exceptions.ts, ${report.unlisted.length} unlisted\n`,
  );
  for (const e of report.unused) out.write(`note: exception not needed by these templates: ${e.stack} ${e.rule} ${e.resource}\n`);
  for (const problem of problems) process.stderr.write(`lib/compliance/guard-exceptions.ts: ${problem}\n`);
  for (const f of report.unlisted) {
    process.stderr.write(`${f.stack}: ${f.rule} fails on ${f.resource} (fix it, or list it with a reason in lib/compliance/guard-exceptions.ts)\n`);
  }
  return report.unlisted.length > 0 || problems.length > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
