import { parse as parseYaml } from 'yaml';
import { parseJson } from '../json';
import { FLOW_TYPES } from '../types';
import type { FlowType } from '../types';

/**
 * The containers flows come in (issue 11): a console export (bare Flow Language), the output of
 * `aws connect describe-contact-flow(-module)`, `{Name, Type?, Description?, Content}` with
 * Content as a string or an object, and CloudFormation templates (JSON or YAML) holding any
 * number of `AWS::Connect::ContactFlow` / `ContactFlowModule` resources whose Content is a
 * string, `Fn::Sub` string or `Fn::Sub [string, map]`. Pure: text in, flows out.
 */

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What a `${X}` of a template's `Fn::Sub` stands for. */
export type SubValue =
  | { readonly kind: 'resource'; readonly logicalId: string; readonly type: string; readonly name?: string }
  | { readonly kind: 'parameter'; readonly name: string }
  | { readonly kind: 'pseudo'; readonly name: string }
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'unknown'; readonly text: string };

/** One flow or module found in a file. */
export interface FlowSource {
  /** The file, as given. */
  readonly file: string;
  /** Where in the file, for a template: `Resources.<LogicalId>`. */
  readonly location?: string;
  /** The flow's name in Amazon Connect, if the container says it. */
  readonly name?: string;
  /** The declared type (`MODULE` for a ContactFlowModule), if the container says it. */
  readonly type?: FlowType;
  readonly description?: string;
  /** The flow's ARN in its source instance, if the container says it (describe output). */
  readonly arn?: string;
  /** The Flow Language object (Metadata included). */
  readonly content: Plain;
  /** For a template's `Fn::Sub`: what each `${X}` stands for. */
  readonly substitutions?: ReadonlyMap<string, SubValue>;
}

/** A file that holds no flow it can read, and why. */
export interface ContainerProblem {
  readonly file: string;
  readonly location?: string;
  readonly message: string;
}

const FUNCTIONS = ['Sub', 'Ref', 'GetAtt', 'Join', 'Select', 'If', 'FindInMap', 'ImportValue', 'Base64', 'Split', 'Equals', 'Not', 'And', 'Or', 'GetAZs', 'Cidr', 'Condition'];

/** CloudFormation's YAML short forms (`!Sub`, `!GetAtt a.b`, …) as their JSON long forms. */
const CFN_TAGS = FUNCTIONS.flatMap((f) => {
  const key = f === 'Ref' || f === 'Condition' ? f : `Fn::${f}`;
  return [
    { tag: `!${f}`, resolve: (s: string) => ({ [key]: f === 'GetAtt' ? s.split('.') : s }) },
    { tag: `!${f}`, collection: 'seq' as const, resolve: (seq: { toJSON(): unknown }) => ({ [key]: seq.toJSON() }) },
    { tag: `!${f}`, collection: 'map' as const, resolve: (map: { toJSON(): unknown }) => ({ [key]: map.toJSON() }) },
  ];
});

const FLOW_RESOURCES: Readonly<Record<string, FlowType | undefined>> = { 'AWS::Connect::ContactFlow': undefined, 'AWS::Connect::ContactFlowModule': 'MODULE' };
const isFlowType = (v: unknown): v is FlowType => typeof v === 'string' && (FLOW_TYPES as readonly string[]).includes(v);

/** Parses a file's text as JSON, or as YAML when it is not JSON. */
function parseAny(text: string): { value?: unknown; error?: string } {
  const json = parseJson(text);
  if (!('error' in json)) return { value: json.value };
  try {
    return { value: parseYaml(text, { customTags: CFN_TAGS as never, uniqueKeys: false }) };
  } catch (e) {
    return { error: `neither JSON (${json.error.message}, line ${json.error.line}) nor YAML (${(e as Error).message.split('\n')[0]})` };
  }
}

/** A string Content parsed as Flow Language. */
function parseContent(content: unknown, where: string): { content?: Plain; error?: string } {
  if (isPlain(content)) return { content };
  if (typeof content !== 'string') return { error: `${where} is not a Flow Language object or a JSON string of one` };
  const parsed = parseJson(content);
  if ('error' in parsed) return { error: `${where} is not valid JSON: ${parsed.error.message} (line ${parsed.error.line}, column ${parsed.error.column})` };
  return isPlain(parsed.value) ? { content: parsed.value } : { error: `${where} is not a Flow Language object` };
}

/** What a `${X}` or a map entry of `Fn::Sub` stands for, given the template's resources and parameters. */
function subValue(ref: string, value: unknown, template: Plain): SubValue {
  const resources = isPlain(template.Resources) ? template.Resources : {};
  const parameters = isPlain(template.Parameters) ? template.Parameters : {};
  const resource = (logicalId: string): SubValue | undefined => {
    const r = resources[logicalId];
    if (!isPlain(r) || typeof r.Type !== 'string') return undefined;
    const name = isPlain(r.Properties) && typeof r.Properties.Name === 'string' ? r.Properties.Name : isPlain(r.Properties) && typeof r.Properties.FunctionName === 'string' ? r.Properties.FunctionName : undefined;
    return { kind: 'resource', logicalId, type: r.Type, name };
  };
  if (value !== undefined) {
    if (typeof value === 'string') return { kind: 'literal', value };
    if (isPlain(value) && typeof value.Ref === 'string') return subValue(value.Ref, undefined, template);
    if (isPlain(value) && Array.isArray(value['Fn::GetAtt']) && typeof value['Fn::GetAtt'][0] === 'string') return resource(value['Fn::GetAtt'][0]) ?? { kind: 'unknown', text: JSON.stringify(value) };
    return { kind: 'unknown', text: JSON.stringify(value) };
  }
  if (ref.startsWith('AWS::')) return { kind: 'pseudo', name: ref };
  const logicalId = ref.split('.')[0];
  if (Object.hasOwn(parameters, ref)) return { kind: 'parameter', name: ref };
  return resource(logicalId) ?? { kind: 'unknown', text: `\${${ref}}` };
}

function fromTemplate(file: string, template: Plain, out: FlowSource[], problems: ContainerProblem[]): void {
  const resources = isPlain(template.Resources) ? template.Resources : {};
  let found = 0;
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isPlain(resource) || typeof resource.Type !== 'string' || !Object.hasOwn(FLOW_RESOURCES, resource.Type)) continue;
    found++;
    const location = `Resources.${logicalId}`;
    const props = isPlain(resource.Properties) ? resource.Properties : {};
    let raw = props.Content;
    let substitutions: Map<string, SubValue> | undefined;
    if (isPlain(raw) && 'Fn::Sub' in raw) {
      const sub = raw['Fn::Sub'];
      const [body, map] = Array.isArray(sub) ? [sub[0], isPlain(sub[1]) ? sub[1] : {}] : [sub, {}];
      if (typeof body !== 'string') {
        problems.push({ file, location, message: 'Content Fn::Sub holds no string' });
        continue;
      }
      substitutions = new Map();
      // `${!X}` is a literal `${X}` in Fn::Sub; every other `${X}` is substituted.
      for (const m of body.matchAll(/\$\{(?!!)([^}]+)\}/g)) substitutions.set(m[1], subValue(m[1], (map as Plain)[m[1]], template));
      raw = body.replace(/\$\{!/g, '${');
    }
    const parsed = parseContent(raw, `${location}.Properties.Content`);
    if (!parsed.content) {
      problems.push({ file, location, message: parsed.error! });
      continue;
    }
    out.push({
      file,
      location,
      name: typeof props.Name === 'string' ? props.Name : logicalId,
      type: FLOW_RESOURCES[resource.Type] ?? (isFlowType(props.Type) ? props.Type : undefined),
      description: typeof props.Description === 'string' ? props.Description : undefined,
      content: parsed.content,
      substitutions,
    });
  }
  if (found === 0) problems.push({ file, message: 'is a CloudFormation template with no AWS::Connect::ContactFlow or AWS::Connect::ContactFlowModule resource' });
}

/**
 * Every flow and module in one file's text, in the order they appear, and the problems that kept
 * any from being read. Never throws.
 */
export function readContainers(file: string, text: string): { sources: FlowSource[]; problems: ContainerProblem[] } {
  const sources: FlowSource[] = [];
  const problems: ContainerProblem[] = [];
  const parsed = parseAny(text);
  if (parsed.error !== undefined) return { sources, problems: [{ file, message: parsed.error }] };
  const data = parsed.value;
  if (!isPlain(data)) return { sources, problems: [{ file, message: 'holds no JSON or YAML object' }] };

  if (isPlain(data.Resources) || 'AWSTemplateFormatVersion' in data) {
    fromTemplate(file, data, sources, problems);
  } else if (isPlain(data.ContactFlow) || isPlain(data.ContactFlowModule)) {
    const declared = (data.ContactFlow ?? data.ContactFlowModule) as Plain;
    const parsedContent = parseContent(declared.Content, 'Content');
    if (!parsedContent.content) problems.push({ file, message: parsedContent.error! });
    else {
      sources.push({
        file,
        name: typeof declared.Name === 'string' ? declared.Name : undefined,
        type: isPlain(data.ContactFlowModule) ? 'MODULE' : isFlowType(declared.Type) ? declared.Type : undefined,
        description: typeof declared.Description === 'string' ? declared.Description : undefined,
        arn: typeof declared.Arn === 'string' ? declared.Arn : undefined,
        content: parsedContent.content,
      });
    }
  } else if ('Content' in data) {
    const parsedContent = parseContent(data.Content, 'Content');
    if (!parsedContent.content) problems.push({ file, message: parsedContent.error! });
    else {
      sources.push({
        file,
        name: typeof data.Name === 'string' ? data.Name : undefined,
        type: isFlowType(data.Type) ? data.Type : undefined,
        description: typeof data.Description === 'string' ? data.Description : undefined,
        arn: typeof data.Arn === 'string' ? data.Arn : undefined,
        content: parsedContent.content,
      });
    }
  } else if ('Actions' in data || 'StartAction' in data) {
    const metadata = isPlain(data.Metadata) ? data.Metadata : {};
    sources.push({ file, name: typeof metadata.name === 'string' ? metadata.name : undefined, description: typeof metadata.description === 'string' ? metadata.description : undefined, content: data });
  } else if (Array.isArray(data.modules)) {
    problems.push({ file, message: 'is in the old flow designer format ({"modules": […]}): open the flow in the current flow designer and export it again (Save → Export flow) to get the Flow Language' });
  } else {
    problems.push({ file, message: `holds no flow (keys: ${Object.keys(data).join(', ') || 'none'})` });
  }
  return { sources, problems };
}
