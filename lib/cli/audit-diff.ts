import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Command, parseArgs, UsageError } from './command';
import { readCloudAssembly } from './cdk-out';
import { packFor } from './audit';
import { loadJurisdictions } from '../config/loader';
import { Change, diffAssemblies, diffMarkdown } from '../audit/diff';
import type { StackTemplate } from '../audit/types';

/**
 * A cloud assembly folder as is, or a git revision of this repository synthesized into a
 * temporary folder (its files from `git archive`, this checkout's node_modules, bundling skipped:
 * the diff reads templates, not function code).
 */
export function assemblyOf(spec: string): string {
  if (fs.existsSync(path.join(spec, 'manifest.json'))) return spec;
  if (fs.existsSync(spec)) throw new UsageError(`${spec}: not a cloud assembly (no manifest.json)`);
  try {
    execFileSync('git', ['rev-parse', '--verify', `${spec}^{commit}`], { stdio: 'pipe' });
  } catch {
    throw new UsageError(`${spec}: neither a cdk.out folder nor a git revision`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-audit-diff-'));
  execFileSync('sh', ['-c', `git archive "$1" | tar -x -C "$2"`, 'sh', spec, dir], { stdio: 'pipe' });
  fs.symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'));
  const out = path.join(dir, 'cdk.out');
  execFileSync(process.execPath, ['--import', 'tsx', 'bin/app.ts'], {
    cwd: dir,
    stdio: 'pipe',
    env: { ...process.env, CDK_OUTDIR: out, CDK_CONTEXT_JSON: JSON.stringify({ ...JSON.parse(fs.readFileSync(path.join(dir, 'cdk.json'), 'utf8')).context, 'aws:cdk:bundling-stacks': [] }) },
  });
  return out;
}

/**
 * Diffs jurisdiction by jurisdiction, and only the jurisdictions whose templates changed: an
 * identical set of stacks has no change, and skipping it keeps the diff of a typical one-
 * jurisdiction change fast. Stacks that belong to no configured jurisdiction form one group.
 */
export function diffByJurisdiction(before: readonly StackTemplate[], after: readonly StackTemplate[], configDir: string): Change[] {
  const configs = fs.existsSync(path.join(configDir, 'jurisdictions')) ? loadJurisdictions({ configDir }).configs : [];
  const groupOf = (name: string) => configs.find((c) => name.startsWith(`${c.id}-`))?.id ?? '';
  const groups = [...new Set([...before, ...after].map((s) => groupOf(s.name)))];
  const changes: Change[] = [];
  for (const group of groups) {
    const a = before.filter((s) => groupOf(s.name) === group);
    const b = after.filter((s) => groupOf(s.name) === group);
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    const config = configs.find((c) => c.id === group);
    const packs = config && a.length > 0 && b.length > 0 ? { before: [packFor(config, a, TIME)], after: [packFor(config, b, TIME)] } : undefined;
    changes.push(...diffAssemblies(a, b, packs));
  }
  return changes;
}

/** The OSCAL time does not enter the diff. */
const TIME = '1970-01-01T00:00:00Z';

/**
 * `gcck audit-diff OLD NEW`: the security-relevant changes between two cdk.out folders (or git
 * revisions). Exits 1 when a change needs review, so a pipeline can gate on it.
 */
export const auditDiffCommand: Command = {
  name: 'audit-diff',
  summary: 'security-relevant changes between two cdk.out folders or git revisions (exit 1: review needed)',
  usage: 'gcck audit-diff [--format markdown|json] [--config-dir DIR] OLD NEW   (OLD, NEW: cdk.out folders or git revisions)',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { format: 'string', 'config-dir': 'string' });
    if (positional.length !== 2) throw new UsageError('needs two cloud assemblies (or git revisions): OLD NEW');
    const format = String(options.format ?? 'markdown');
    if (format !== 'markdown' && format !== 'json') throw new UsageError(`--format ${format} is not supported (markdown, json)`);
    const [before, after] = positional.map((p) => {
      const dir = assemblyOf(p);
      try {
        return readCloudAssembly(dir);
      } finally {
        // A revision synthesized here lives in a temp folder of its own: remove it once read.
        if (dir !== p) fs.rmSync(path.dirname(dir), { recursive: true, force: true });
      }
    });
    const configDir = String(options['config-dir'] ?? 'config');
    const changes = diffByJurisdiction(before, after, configDir);
    io.out(format === 'json' ? JSON.stringify({ review: changes.some((c) => c.severity === 'review'), changes }, null, 2) : diffMarkdown(changes).trimEnd());
    return changes.some((c) => c.severity === 'review') ? 1 : 0;
  },
};
