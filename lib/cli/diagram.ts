import * as fs from 'fs';
import * as path from 'path';
import { Command, parseArgs, UsageError } from './command';
import { KIT_FLOW_FOLDER } from '../flows/context';
import { renderFlowMarkdown } from '../flows/diagram';
import { formatFinding } from '../flows/errors';
import { loadFlows } from '../flows/loader';

/** Where diagrams go by default: beside the cloud assembly, where the audit pack collects them. */
export const DEFAULT_DIAGRAM_DIR = path.join('cdk.out', 'flow-diagrams');

/**
 * `gcck diagram`: writes `<flow>.md` with a Mermaid flowchart for every flow file. Files that do
 * not load are reported and skipped (exit 1); the others are still drawn, and problems in them
 * are shown without failing (exit 0 when every file was drawn).
 */
export const diagramCommand: Command = {
  name: 'diagram',
  summary: 'draw each contact flow as a Mermaid flowchart in Markdown',
  usage: `gcck diagram [--out DIR] [PATH ...]   (default: --out ${DEFAULT_DIAGRAM_DIR.split(path.sep).join('/')} ${KIT_FLOW_FOLDER})`,
  async run(args, io) {
    const { positional, options } = parseArgs(args, { out: 'string' });
    const paths = positional.length > 0 ? positional : [KIT_FLOW_FOLDER];
    for (const p of paths) if (!fs.existsSync(p)) throw new UsageError(`no such file or folder: ${p}`);
    const out = String(options.out ?? DEFAULT_DIAGRAM_DIR);

    const set = loadFlows(paths);
    // Problems in a file that was still drawn are shown (lint-flows judges them); only a file
    // that could not be drawn fails the command.
    const drawn = new Set(set.flows.map((f) => f.file));
    const errors = set.findings.filter((f) => f.severity === 'error' && !drawn.has(f.file));
    for (const finding of set.findings) io.err(`${drawn.has(finding.file) ? 'note' : 'not drawn'}: ${formatFinding(finding)}`);
    fs.mkdirSync(out, { recursive: true });
    const written: string[] = [];
    for (const flow of set.flows) {
      const file = path.join(out, `${flow.name}.md`);
      fs.writeFileSync(file, renderFlowMarkdown(flow));
      written.push(file.split(path.sep).join('/'));
    }
    io.out(`wrote ${written.length} diagram${written.length === 1 ? '' : 's'}${written.length > 0 ? `:\n${written.map((w) => `  ${w}`).join('\n')}` : ''}`);
    return errors.length > 0 ? 1 : 0;
  },
};
