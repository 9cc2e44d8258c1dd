import * as fs from 'fs';
import * as path from 'path';
import { displayPath } from '../config/display-path';
import { inferFlowType } from './infer-type';
import { parseJson } from './json';
import {
  Action,
  ConditionTransition,
  ErrorTransition,
  Finding,
  FLOW_LANGUAGE_VERSION,
  FLOW_TYPES,
  FlowDocument,
  FlowFileFormat,
  FlowType,
  LoadedFlow,
} from './types';

/**
 * Reads flow files. Problems never throw: they become findings (`invalid-json` with line and
 * column, `flow-file` for everything else about the file's shape) so that every problem in every
 * file is reported at once, and a file that cannot be read as a flow is left out of the set.
 *
 * Accepted formats (see {@link FlowFileFormat}):
 * - the kit's own `{"Name", "Type", "Description", "Content": {…Flow Language…}}` (strict: unknown keys fail);
 * - `{"Name", "Type", "Description"?, "Content": "<JSON string>"}` (an export envelope);
 * - `{"ContactFlow": {…}}` / `{"ContactFlowModule": {…}}` as printed by `aws connect describe-contact-flow(-module)`;
 * - bare Flow Language as the console's "Export flow" writes it: name, type and description are
 *   taken from the console's `Metadata.name`, `Metadata.type` (e.g. `customerQueue`) and
 *   `Metadata.description`; without them the name is the file name and the description empty.
 *
 * A file that declares no type gets one inferred from its actions (see {@link inferFlowType});
 * when the actions fit several types, a warning says "type unknown" and the flow-type rule
 * accepts actions allowed in any of them. The old designer format (`{"modules": […]}`) and
 * CloudFormation templates are recognized and named.
 *
 * All but the first are marked `imported`.
 */

/** Flows read from files, and the problems met while reading. */
export interface FlowSet {
  /** The flows that parsed, in path order (files sorted within each folder). */
  readonly flows: readonly LoadedFlow[];
  /** `invalid-json` and `flow-file` findings. */
  readonly findings: readonly Finding[];
  /** Every file read (as shown in findings), in load order, including those that did not parse. */
  readonly files: readonly string[];
}

/** Options of {@link loadFlows}. */
export interface LoadFlowsOptions {
  /**
   * Reference names (file names without `.json`) not to load, e.g. a jurisdiction's `flows.exclude`.
   * A fork replaces a kit flow by excluding it and adding its own file of the same name.
   * @default - load every flow file
   */
  readonly exclude?: readonly string[];
}

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Re-exported for the flow commands: how file names are shown in findings. */
export { displayPath };

/** Console export `Metadata.type` values (camelCase) by flow type. */
export const CONSOLE_TYPES: Readonly<Record<string, FlowType>> = {
  contactflow: 'CONTACT_FLOW',
  customerqueue: 'CUSTOMER_QUEUE',
  customerhold: 'CUSTOMER_HOLD',
  customerwhisper: 'CUSTOMER_WHISPER',
  agenthold: 'AGENT_HOLD',
  agentwhisper: 'AGENT_WHISPER',
  outboundwhisper: 'OUTBOUND_WHISPER',
  agenttransfer: 'AGENT_TRANSFER',
  queuetransfer: 'QUEUE_TRANSFER',
  module: 'MODULE',
  flowmodule: 'MODULE',
  contactflowmodule: 'MODULE',
};

const KIT_KEYS = ['Name', 'Type', 'Description', 'Content'];

const isFlowType = (value: unknown): value is FlowType => typeof value === 'string' && (FLOW_TYPES as readonly string[]).includes(value);

/**
 * Parses one flow file's text. `file` is used for findings and, without its `.json`, as the
 * flow's reference name.
 */
export function parseFlowFile(file: string, text: string): { flow?: LoadedFlow; findings: Finding[] } {
  const shown = displayPath(file);
  const name = path.basename(file).replace(/\.json$/i, '');
  const findings: Finding[] = [];
  const problem = (message: string, actionId?: string, severity: 'error' | 'warning' = 'error') =>
    findings.push({ file: shown, actionId, ruleId: 'flow-file', severity, message });

  const parsed = parseJson(text);
  if ('error' in parsed) {
    const { line, column, message } = parsed.error;
    findings.push({ file: shown, ruleId: 'invalid-json', severity: 'error', message: `invalid JSON: ${message}`, line, column });
    return { findings };
  }
  const data = parsed.value;
  if (!isPlain(data)) {
    problem(`expected a JSON object (a kit flow file {"Name", "Type", "Description", "Content"} or Flow Language), found ${Array.isArray(data) ? 'a list' : typeof data}`);
    return { findings };
  }

  let format: FlowFileFormat;
  let declared: Plain;
  let content: unknown;
  let moduleEnvelope = false;
  if (isPlain(data.ContactFlow) || isPlain(data.ContactFlowModule)) {
    format = 'describe';
    moduleEnvelope = !isPlain(data.ContactFlow);
    declared = (data.ContactFlow ?? data.ContactFlowModule) as Plain;
    content = declared.Content;
  } else if ('Content' in data) {
    // Without a Type it is an export envelope (e.g. a module's {Name, Content}), not a kit file.
    format = typeof data.Content === 'string' || !('Type' in data) ? 'envelope' : 'kit';
    declared = data;
    content = data.Content;
  } else if ('Actions' in data || 'StartAction' in data || 'Version' in data) {
    format = 'raw';
    declared = {};
    content = data;
  } else if (Array.isArray(data.modules)) {
    problem('is in the old flow designer format ({"modules": […]}), which Amazon Connect and the kit no longer read: open the flow in the current flow designer and export it again (Save → Export flow), which writes the Flow Language ({"Version", "StartAction", "Actions"})');
    return { findings };
  } else if (isPlain(data.Resources) || 'AWSTemplateFormatVersion' in data) {
    problem('is a CloudFormation template, not a flow: extract its flows and modules with gcck import-flow <template> --jurisdiction ID');
    return { findings };
  } else {
    problem(`is neither a kit flow file ({"Name", "Type", "Description", "Content"}), an exported flow ({"ContactFlow": {…}}) nor Flow Language ({"Version", "StartAction", "Actions"}); found keys ${Object.keys(data).join(', ') || 'none'}`);
    return { findings };
  }

  if (typeof content === 'string') {
    const inner = parseJson(content);
    if ('error' in inner) {
      problem(`Content is not valid JSON: ${inner.error.message} (line ${inner.error.line}, column ${inner.error.column} of the Content string)`);
      return { findings };
    }
    content = inner.value;
  }
  if (!isPlain(content)) {
    problem(`Content must be a Flow Language object {"Version", "StartAction", "Actions"}${format === 'kit' ? '' : ' or a JSON string of one'}, found ${content === undefined ? 'nothing' : Array.isArray(content) ? 'a list' : typeof content}`);
    return { findings };
  }

  // Name, type and description.
  const metadata = isPlain(content.Metadata) ? content.Metadata : {};
  let type: FlowType | undefined;
  let inferred: ReturnType<typeof inferFlowType> | undefined;
  let displayName: string;
  let description: string;
  if (format === 'kit') {
    for (const key of Object.keys(data)) {
      if (!KIT_KEYS.includes(key)) problem(`unknown key ${JSON.stringify(key)} (a kit flow file has ${KIT_KEYS.join(', ')})`);
    }
    if (typeof data.Name !== 'string' || data.Name.trim() === '') problem('Name must be the flow\'s name in Amazon Connect (a non-empty string)');
    if (typeof data.Description !== 'string') problem('Description must be a string (a plain sentence; no export-controlled data)');
  }
  if (format === 'raw') {
    const consoleType = typeof metadata.type === 'string' ? CONSOLE_TYPES[metadata.type.toLowerCase()] : undefined;
    type = consoleType;
    if (!type) inferred = inferFlowType(content);
    if (inferred && typeof metadata.type === 'string') problem(`Metadata.type ${JSON.stringify(metadata.type)} is not a flow type the kit knows`, undefined, 'warning');
    displayName = typeof metadata.name === 'string' && metadata.name !== '' ? metadata.name : name;
    description = typeof metadata.description === 'string' ? metadata.description : '';
  } else {
    if (moduleEnvelope) type = 'MODULE';
    else if (isFlowType(declared.Type)) type = declared.Type;
    else if (declared.Type === undefined) inferred = inferFlowType(content);
    else problem(`Type ${declared.Type === undefined ? 'is missing' : `${JSON.stringify(declared.Type)} is not a flow type`} (allowed: ${FLOW_TYPES.join(', ')})`);
    displayName = typeof declared.Name === 'string' && declared.Name.trim() !== '' ? declared.Name : name;
    description = typeof declared.Description === 'string' ? declared.Description : '';
  }

  if (inferred?.conflict) problem(`declares no flow type and ${inferred.conflict}: no flow type can hold these actions`);
  else if (inferred && !inferred.certain) {
    const checks = inferred.possibleTypes.length >= FLOW_TYPES.length - 1 ? 'flow-type checks are skipped' : `flow-type checks accept any of ${inferred.possibleTypes.join(', ')}`;
    problem(`declares no flow type: type unknown (${inferred.reason}); ${checks}; declare "Type" (gcck import-flow writes it)`, undefined, 'warning');
  }
  const doc = normalizeDocument(content, (message, actionId) => problem(message, actionId));
  const flow: LoadedFlow = { file: shown, name, displayName, type: inferred?.type ?? type ?? 'CONTACT_FLOW', description, format, imported: format !== 'kit', content: doc };
  return { flow: inferred ? { ...flow, typeInferred: inferred.certain ? 'inferred' : 'unknown', possibleTypes: inferred.possibleTypes } : flow, findings };
}

/**
 * Checks the Flow Language structure and returns a document with the malformed parts left out
 * (each reported), so the lint rules can still look at the rest.
 */
function normalizeDocument(content: Plain, problem: (message: string, actionId?: string) => void): FlowDocument {
  if (content.Version === undefined) problem(`Version is missing (Flow Language files have "Version": "${FLOW_LANGUAGE_VERSION}")`);
  else if (content.Version !== FLOW_LANGUAGE_VERSION) problem(`Version ${JSON.stringify(content.Version)} is not supported (the Flow Language version is "${FLOW_LANGUAGE_VERSION}")`);
  if (content.StartAction !== undefined && typeof content.StartAction !== 'string') problem('StartAction must be the Identifier of an action (a string)');
  if (content.Metadata !== undefined && !isPlain(content.Metadata)) problem('Metadata must be an object; it was left out');
  if (!Array.isArray(content.Actions)) problem(`Actions must be a list of actions, found ${content.Actions === undefined ? 'nothing' : typeof content.Actions}`);

  const actions: Action[] = [];
  (Array.isArray(content.Actions) ? content.Actions : []).forEach((raw: unknown, index: number) => {
    const at = `Actions[${index}]`;
    if (!isPlain(raw)) return problem(`${at} must be an object {"Identifier", "Type", "Parameters", "Transitions"}`);
    if (typeof raw.Identifier !== 'string') return problem(`${at} has no Identifier (a string); the action was left out`);
    const id = raw.Identifier;
    if (typeof raw.Type !== 'string') return problem(`has no Type (a string); the action was left out`, id);
    let parameters: Plain = {};
    if (isPlain(raw.Parameters)) parameters = raw.Parameters;
    else if (raw.Parameters !== undefined) problem('Parameters must be an object', id);
    const transitions: { NextAction?: string; Errors?: ErrorTransition[]; Conditions?: ConditionTransition[] } & Plain = {};
    const rawTransitions = raw.Transitions;
    if (rawTransitions !== undefined && !isPlain(rawTransitions)) problem('Transitions must be an object {"NextAction", "Errors", "Conditions"}', id);
    if (isPlain(rawTransitions)) {
      Object.assign(transitions, rawTransitions);
      delete transitions.NextAction;
      delete transitions.Errors;
      delete transitions.Conditions;
      if (typeof rawTransitions.NextAction === 'string') transitions.NextAction = rawTransitions.NextAction;
      else if (rawTransitions.NextAction !== undefined) problem('Transitions.NextAction must be an action Identifier (a string)', id);
      if (rawTransitions.Errors !== undefined) {
        if (!Array.isArray(rawTransitions.Errors)) problem('Transitions.Errors must be a list of {"ErrorType", "NextAction"}', id);
        else {
          transitions.Errors = [];
          rawTransitions.Errors.forEach((e: unknown, i: number) => {
            if (isPlain(e) && typeof e.ErrorType === 'string' && typeof e.NextAction === 'string') transitions.Errors!.push(e as unknown as ErrorTransition);
            else problem(`Transitions.Errors[${i}] must be {"ErrorType": string, "NextAction": string}; it was left out`, id);
          });
        }
      }
      if (rawTransitions.Conditions !== undefined) {
        if (!Array.isArray(rawTransitions.Conditions)) problem('Transitions.Conditions must be a list of {"NextAction", "Condition"}', id);
        else {
          transitions.Conditions = [];
          rawTransitions.Conditions.forEach((c: unknown, i: number) => {
            const where = `Transitions.Conditions[${i}]`;
            if (!isPlain(c) || typeof c.NextAction !== 'string' || !isPlain(c.Condition) || typeof c.Condition.Operator !== 'string' || !Array.isArray(c.Condition.Operands)) {
              return problem(`${where} must be {"NextAction": string, "Condition": {"Operator": string, "Operands": [string]}}; it was left out`, id);
            }
            const operands = c.Condition.Operands as unknown[];
            if (operands.some((o) => typeof o !== 'string')) problem(`${where}.Condition.Operands must be strings (Amazon Connect compares text, e.g. "3", "True")`, id);
            transitions.Conditions!.push({ ...c, Condition: { ...c.Condition, Operands: operands.map(String) } } as unknown as ConditionTransition);
          });
        }
      }
    }
    actions.push({ ...raw, Identifier: id, Type: raw.Type, Parameters: parameters, Transitions: transitions } as Action);
  });

  const doc: Plain = { ...content, Version: FLOW_LANGUAGE_VERSION, StartAction: typeof content.StartAction === 'string' ? content.StartAction : '', Actions: actions };
  if (!isPlain(content.Metadata)) delete doc.Metadata;
  return doc as unknown as FlowDocument;
}

function listJsonFiles(dir: string): string[] {
  const out: string[] = [];
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listJsonFiles(full));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) out.push(full);
  }
  return out;
}

/**
 * Loads flow files: each path is a `.json` file or a folder searched recursively for `*.json`
 * (sorted by name; hidden entries skipped). Reference names (file names) must be unique across
 * all paths, and Amazon Connect names unique among flows and among modules.
 */
export function loadFlows(paths: readonly string[], options: LoadFlowsOptions = {}): FlowSet {
  const findings: Finding[] = [];
  const flows: LoadedFlow[] = [];
  const exclude = new Set(options.exclude ?? []);
  const excluded = new Set<string>();
  const files: string[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      findings.push({ file: displayPath(p), ruleId: 'flow-file', severity: 'error', message: 'no such file or folder' });
      continue;
    }
    files.push(...(stat.isDirectory() ? listJsonFiles(p) : [p]));
  }

  const byName = new Map<string, LoadedFlow>();
  const byDisplayName = new Map<string, LoadedFlow>();
  for (const file of files) {
    const name = path.basename(file).replace(/\.json$/i, '');
    if (exclude.has(name)) {
      excluded.add(name);
      continue;
    }
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      findings.push({ file: displayPath(file), ruleId: 'flow-file', severity: 'error', message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'unknown error'})` });
      continue;
    }
    const result = parseFlowFile(file, text);
    findings.push(...result.findings);
    const flow = result.flow;
    if (!flow) continue;
    const twin = byName.get(flow.name);
    if (twin) {
      findings.push({ file: flow.file, ruleId: 'flow-file', severity: 'error', message: `reference name ${JSON.stringify(flow.name)} is also used by ${twin.file} (file names must be unique across flow folders; exclude one to replace it)` });
      continue;
    }
    const displayKey = `${flow.type === 'MODULE' ? 'module' : 'flow'}:${flow.displayName}`;
    const sameName = byDisplayName.get(displayKey);
    if (sameName) {
      findings.push({ file: flow.file, ruleId: 'flow-file', severity: 'error', message: `Name ${JSON.stringify(flow.displayName)} is also used by ${sameName.file} (Amazon Connect ${flow.type === 'MODULE' ? 'module' : 'flow'} names are unique in an instance)` });
    }
    byName.set(flow.name, flow);
    byDisplayName.set(displayKey, flow);
    flows.push(flow);
  }
  for (const name of exclude) {
    if (!excluded.has(name)) {
      findings.push({ file: paths.map(displayPath).join(', ') || '(no paths)', ruleId: 'flow-file', severity: 'warning', message: `exclude names ${JSON.stringify(name)}, which is not a flow file here (flows: ${[...byName.keys()].join(', ') || 'none'})` });
    }
  }
  return { flows, findings, files: files.map(displayPath) };
}
