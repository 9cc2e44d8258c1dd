import * as fs from 'fs';
import * as path from 'path';
import { Command, parseArgs, UsageError } from './command';
import { jurisdictionStacks, readCloudAssembly } from './cdk-out';
import { ConfigError } from '../config/errors';
import { loadJurisdictions } from '../config/loader';
import type { JurisdictionConfig } from '../config/schema';
import { FEDRAMP_MODERATE, NAG_NIST_RULES } from '../audit/data';
import { renderAuditHtml } from '../audit/html';
import { AuditPack, buildAuditPack } from '../audit/pack';
import type { AuditJurisdiction, NagOutcomes, StackTemplate } from '../audit/types';
import { NAG_RESULTS_FILE } from '../compliance/nag-results';
import { RESPONSIBILITY_LABEL } from '../audit/controls';

/** What the audit needs from a jurisdiction's config. */
export function auditJurisdiction(config: JurisdictionConfig): AuditJurisdiction {
  const r = config.retention;
  const entry = (e: typeof r.recordings) => ({ days: e.days, mode: e.mode, expireAfterRetention: e.expireAfterRetention, archiveAfterDays: e.archiveAfterDays });
  return {
    id: config.id,
    displayName: config.displayName,
    region: config.region,
    account: config.account,
    retention: {
      recordings: entry(r.recordings),
      reports: entry(r.reports),
      contactRecords: entry(r.contactRecords),
      accessLogsDays: r.accessLogsDays,
      agentEventsHours: r.agentEventsHours,
      surveyDays: r.surveyDays,
      logDays: r.logDays,
    },
  };
}

/**
 * `last-modified` of the OSCAL document: SOURCE_DATE_EPOCH when set (reproducible builds),
 * else the time the cloud assembly was written, so two runs on the same cdk.out are identical.
 */
export function assemblyTime(cdkOut: string): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const date = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : fs.statSync(path.join(cdkOut, 'manifest.json')).mtime;
  return `${new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z')}`;
}

/** The kit's version from package.json. */
export function kitVersion(): string {
  return (require('../../package.json') as { version: string }).version;
}

/** Builds one jurisdiction's pack from parsed stacks. */
export function packFor(config: JurisdictionConfig, stacks: readonly StackTemplate[], lastModified: string, nagOutcomes?: NagOutcomes): AuditPack {
  return buildAuditPack({
    jurisdiction: auditJurisdiction(config),
    stacks,
    baseline: FEDRAMP_MODERATE,
    nagRules: NAG_NIST_RULES.rules,
    nagOutcomes,
    oscal: { lastModified, version: kitVersion() },
  });
}

/** Writes a pack's files into `dir` (`stacks`: its templates, shown in the page's resource index); returns their paths. */
export function writePack(pack: AuditPack, dir: string, stacks: readonly StackTemplate[] = []): string[] {
  fs.mkdirSync(path.join(dir, 'flows'), { recursive: true });
  const files: Array<[string, string]> = [
    ['evidence.json', `${JSON.stringify({ ...pack, componentDefinition: undefined }, null, 1)}\n`],
    ['component-definition.json', `${JSON.stringify(pack.componentDefinition, null, 2)}\n`],
    ['index.html', renderAuditHtml(pack, stacks)],
    ['control-matrix.csv', matrixCsv(pack)],
    ...pack.flows.map((f): [string, string] => [path.join('flows', `${f.name.replace(/[^A-Za-z0-9-]+/g, '-').toLowerCase()}.md`), `# ${f.name}\n\n${f.description}\n\n\`\`\`mermaid\n${f.mermaid}\n\`\`\`\n`]),
  ];
  for (const [file, text] of files) fs.writeFileSync(path.join(dir, file), text);
  return files.map(([file]) => path.join(dir, file).split(path.sep).join('/'));
}

const csvCell = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** The control matrix as CSV, one control a line. */
export function matrixCsv(pack: AuditPack): string {
  const lines = [['control', 'title', 'family', 'responsibility', 'evidence', 'gaps', 'nag rules', 'acknowledgements', 'implementation'].join(',')];
  for (const c of pack.matrix) {
    lines.push([c.label, c.title, c.family, RESPONSIBILITY_LABEL[c.responsibility], String(c.evidence.length), c.gaps.join('; '), c.nagChecks.map((n) => n.rule).join(' '), String(c.acknowledgements.length), c.implementation].map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `gcck audit`: writes the auditor's pack of each jurisdiction (control matrix, inventories,
 * caller-data flow, flow diagrams, OSCAL component definition, index.html, evidence.json) from
 * the synthesized templates. Needs no AWS credentials.
 */
export const auditCommand: Command = {
  name: 'audit',
  summary: "write the auditor's pack (FedRAMP Moderate matrix, inventories, OSCAL) from cdk.out",
  usage: 'gcck audit [--jurisdiction ID] [--cdk-out DIR] [--out DIR] [--config-dir DIR]   (defaults: every jurisdiction, cdk.out, audit, config)',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { jurisdiction: 'string', 'cdk-out': 'string', out: 'string', 'config-dir': 'string' });
    if (positional.length > 0) throw new UsageError(`unexpected argument ${positional[0]}`);
    const cdkOut = String(options['cdk-out'] ?? 'cdk.out');
    const out = String(options.out ?? 'audit');
    let configs: readonly JurisdictionConfig[];
    try {
      configs = loadJurisdictions({ configDir: String(options['config-dir'] ?? 'config'), only: options.jurisdiction ? String(options.jurisdiction).split(',') : undefined }).configs;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.err(error.message);
      return 1;
    }
    const stacks = readCloudAssembly(cdkOut);
    const lastModified = assemblyTime(cdkOut);
    const outcomesFile = path.join(cdkOut, NAG_RESULTS_FILE);
    const outcomes = fs.existsSync(outcomesFile) ? (JSON.parse(fs.readFileSync(outcomesFile, 'utf8')) as NagOutcomes) : undefined;
    if (!outcomes) io.err(`warning: ${outcomesFile} is missing (synthesized without bin/app.ts?): nag rules are matched to controls by resource type only`);
    let missing = 0;
    for (const config of configs) {
      const own = jurisdictionStacks(stacks, config.id);
      if (own.length === 0) {
        io.err(`${cdkOut}: no stacks of ${config.id} (synthesize it: npx cdk synth -c jurisdiction=${config.id})`);
        missing++;
        continue;
      }
      const pack = packFor(config, own, lastModified, outcomes);
      const written = writePack(pack, path.join(out, config.id), own);
      const c = pack.counts;
      const gaps = pack.matrix.filter((m) => m.gaps.length > 0).map((m) => m.label);
      io.out(
        `${config.id}: ${pack.matrix.length} controls: ${c.kit} kit-implemented, ${c.shared} shared, ${c.aws} inherited from AWS GovCloud, ${c.agency} agency procedure` +
          `${gaps.length ? `; gaps in ${gaps.join(', ')}` : ''}\n  ${written.filter((w) => !w.includes('/flows/')).join('\n  ')}\n  ${pack.flows.length} flow diagrams in ${path.join(out, config.id, 'flows').split(path.sep).join('/')}`,
      );
    }
    return missing > 0 ? 1 : 0;
  },
};
