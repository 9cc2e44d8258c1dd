import { convertFlow, ImportedFlow, ImportedNames, JurisdictionNames, referenceNameOf, Unmapped } from './convert';
import { ContainerProblem, FlowSource, readContainers } from './containers';
import type { ReferenceKind } from '../references';

export { readContainers } from './containers';
export type { ContainerProblem, FlowSource, SubValue } from './containers';
export { convertFlow, referenceNameOf } from './convert';
export type { ImportedFlow, ImportedNames, JurisdictionNames, Unmapped } from './convert';

/** One input file: its path (as shown) and text. */
export interface ImportInput {
  readonly file: string;
  readonly text: string;
}

/** Options of {@link importFlows}. */
export interface ImportOptions {
  /**
   * ARNs whose names are known outside the exports (an instance's queue, hours, Lambda, bot and
   * prompt lists): `[kind, name]` by ARN, used before the Metadata names.
   * @default - none
   */
  readonly arnNames?: ReadonlyMap<string, readonly [ReferenceKind, string]>;
}

/** What {@link importFlows} returns. */
export interface ImportResult {
  /** The converted flows, each with its kit flow file, in input order. */
  readonly flows: readonly ImportedFlow[];
  /** Every value that was left unconverted, and every type that could not be told. */
  readonly unmapped: readonly Unmapped[];
  /** Files (or template resources) that held no readable flow. */
  readonly problems: readonly ContainerProblem[];
}

/** The text of a kit flow file as the importer writes it (stable, so that importing it again changes nothing). */
export function flowFileText(flow: ImportedFlow): string {
  return `${JSON.stringify(flow.file, null, 2)}\n`;
}

/**
 * Imports flows from any container shape (see `readContainers`) into kit flow files, converting
 * ARNs and other tools' placeholders to `${kind:name}` with the jurisdiction's names. Reference
 * names come from the flows' names (kebab-case, made unique); `${flow:…}` / `${module:…}` between
 * the imported flows use them. Pure: texts in, files' contents and a report out.
 *
 * @param names the jurisdiction's names by kind (`lintContextFor(config, flows).names`)
 */
export function importFlows(inputs: readonly ImportInput[], names: JurisdictionNames, options: ImportOptions = {}): ImportResult {
  const sources: FlowSource[] = [];
  const problems: ContainerProblem[] = [];
  for (const input of inputs) {
    const read = readContainers(input.file, input.text);
    sources.push(...read.sources);
    problems.push(...read.problems);
  }

  const taken = new Set<string>();
  const refNames = sources.map((source) => {
    const metadataName = typeof (source.content.Metadata as { name?: unknown } | undefined)?.name === 'string' ? (source.content.Metadata as { name: string }).name : undefined;
    const fileStem = source.file.split(/[\\/]/).pop()!.replace(/\.(json|ya?ml|template)$/i, '');
    const base = referenceNameOf(source.name ?? metadataName ?? fileStem);
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
    taken.add(name);
    return name;
  });

  // How the imported flows name each other: by display name, reference name and source ARN.
  const flow = new Map<string, string>();
  const module = new Map<string, string>();
  const byArn = new Map<string, readonly [ReferenceKind, string]>(options.arnNames ?? []);
  sources.forEach((source, i) => {
    const isModule = source.type === 'MODULE' || (source.type === undefined && (source.content.Settings !== undefined || JSON.stringify(source.content.Actions ?? []).includes('"EndFlowModuleExecution"')));
    const display = source.name ?? (source.content.Metadata as { name?: string } | undefined)?.name;
    const map = isModule ? module : flow;
    if (display) map.set(display, refNames[i]);
    if (source.arn) byArn.set(source.arn, [isModule ? 'module' : 'flow', refNames[i]]);
  });
  const imported: ImportedNames = { flow, module, byArn };

  const flows: ImportedFlow[] = [];
  const unmapped: Unmapped[] = [];
  sources.forEach((source, i) => {
    const result = convertFlow(source, refNames[i], names, imported);
    flows.push(result.flow);
    unmapped.push(...result.unmapped);
  });
  return { flows, unmapped, problems };
}

/** One line per unmapped value: `<file>[ <location>]: flow <name>: action "<id>": <parameter> <value>: <reason> (candidates: …)`. */
export function formatUnmapped(u: Unmapped): string {
  const where = [u.file + (u.location ? ` ${u.location}` : ''), `flow ${u.flow}`, u.actionId !== undefined ? `action ${JSON.stringify(u.actionId)}` : undefined].filter(Boolean).join(': ');
  const shown = u.value.length > 90 ? `${u.value.slice(0, 87)}...` : u.value;
  return `${where}: ${u.parameter} ${JSON.stringify(shown)}: ${u.reason}${u.candidates.length > 0 ? ` (candidates: ${u.candidates.join(', ')})` : ''}`;
}
