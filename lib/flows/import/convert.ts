import { closest } from '../../config/zod-issues';
import { inferFlowType } from '../infer-type';
import type { KnownNames } from '../lint/rule';
import { CONSOLE_TYPES } from '../loader';
import { foreignPlaceholder, parameterKinds } from '../placeholders';
import { findReferences, kindOfArn, ReferenceKind } from '../references';
import type { FlowDocument, FlowType } from '../types';
import type { FlowSource, SubValue } from './containers';

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value the importer could not turn into a `${kind:name}` reference (or a type it could not tell). */
export interface Unmapped {
  /** The file it came from. */
  readonly file: string;
  /** Where in the file, for a template: `Resources.<LogicalId>`. */
  readonly location?: string;
  /** The reference name of the flow it was written to. */
  readonly flow: string;
  readonly actionId?: string;
  /** Key path in the action's Parameters, or `Type` for the flow type. */
  readonly parameter: string;
  /** The value as found (left unchanged in the output). */
  readonly value: string;
  /** The kind of reference it would be. */
  readonly kind?: ReferenceKind;
  /** The name found for it in the export, if any. */
  readonly foundName?: string;
  /** Names of the jurisdiction it may mean. */
  readonly candidates: readonly string[];
  /** Why it was not mapped. */
  readonly reason: string;
}

/** One flow converted to a kit flow file. */
export interface ImportedFlow {
  /** Reference name: the output file name without `.json`. */
  readonly name: string;
  readonly displayName: string;
  readonly type: FlowType;
  /** The kit flow file object `{Name, Type, Description, Content}`. */
  readonly file: { readonly Name: string; readonly Type: FlowType; readonly Description: string; readonly Content: FlowDocument };
  /** Values converted, e.g. `QueueId: arn:…/queue/9d8c → ${queue:General}`. */
  readonly converted: number;
}

/** The names a jurisdiction defines, by kind (what `lintContextFor` returns as `names`). */
export type JurisdictionNames = KnownNames;

/** Lower-cased, without spaces, `-` or `_`: how names are compared the second time. */
const loose = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');

/** A kit reference name for a flow name: lower-case words joined by `-`. */
export function referenceNameOf(name: string): string {
  return (
    name
      .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'flow'
  );
}

/** ARN → display name, from the designer Metadata (`{id: <arn>, text: <name>}` objects anywhere in it). */
function metadataNames(metadata: unknown, out: Map<string, string> = new Map()): Map<string, string> {
  if (Array.isArray(metadata)) metadata.forEach((item) => metadataNames(item, out));
  else if (isPlain(metadata)) {
    const id = metadata.id ?? metadata.arn ?? metadata.value;
    const text = metadata.text ?? metadata.name ?? metadata.displayName;
    if (typeof id === 'string' && typeof text === 'string' && text !== '') out.set(id, text);
    Object.values(metadata).forEach((item) => metadataNames(item, out));
  }
  return out;
}

/** `ActionMetadata[actionId].parameters[<param>].displayName` (the console's name for a parameter's value). */
function parameterDisplayName(metadata: Plain, actionId: string, keys: readonly string[]): string | undefined {
  const action = isPlain(metadata.ActionMetadata) ? metadata.ActionMetadata[actionId] : undefined;
  const params = isPlain(action) && isPlain(action.parameters) ? action.parameters : undefined;
  if (!params) return undefined;
  for (const key of [keys.join('.'), keys[keys.length - 1], keys[0]]) {
    const entry = params[key];
    if (isPlain(entry) && typeof entry.displayName === 'string' && entry.displayName !== '') return entry.displayName;
    if (typeof entry === 'string' && entry !== '' && !entry.startsWith('arn:')) return entry;
  }
  return undefined;
}

/** The name an ARN itself carries: a Lambda function's name (without a version or alias). */
function nameInArn(arn: string): string | undefined {
  const m = /:function:([^:/]+)/.exec(arn);
  return m ? m[1] : undefined;
}

const RESOURCE_KINDS: Readonly<Record<string, ReferenceKind>> = {
  'AWS::Connect::Queue': 'queue',
  'AWS::Connect::HoursOfOperation': 'hours',
  'AWS::Connect::ContactFlow': 'flow',
  'AWS::Connect::ContactFlowModule': 'module',
  'AWS::Connect::Prompt': 'prompt',
  'AWS::Connect::RoutingProfile': 'routingProfile',
  'AWS::Connect::QuickConnect': 'quickConnect',
  'AWS::Lambda::Function': 'lambda',
  'AWS::Lex::BotAlias': 'bot',
  'AWS::Lex::Bot': 'bot',
};

/** The names of the flows being imported: display name and ARN → reference name. */
export interface ImportedNames {
  readonly flow: ReadonlyMap<string, string>;
  readonly module: ReadonlyMap<string, string>;
  /** ARN of a flow or module in its source instance → `[kind, reference name]`. */
  readonly byArn: ReadonlyMap<string, readonly [ReferenceKind, string]>;
}

/**
 * Finds the jurisdiction's name for `found`: exact, then ignoring case, spaces, `-` and `_`.
 * For flows and modules, the flows being imported (by display or reference name) come first.
 */
function matchName(kind: ReferenceKind, found: string, names: JurisdictionNames, imported: ImportedNames): { name?: string; candidates: string[] } {
  const pool: Array<[string, string]> = [];
  if (kind === 'flow' || kind === 'module') {
    for (const [display, ref] of imported[kind]) pool.push([display, ref], [ref, ref]);
  }
  for (const n of names[kind] ?? []) pool.push([n, n]);
  if (kind === 'queue') for (const n of names.route ?? []) pool.push([n, n]);
  const exact = pool.find(([label]) => label === found);
  if (exact) return { name: exact[1], candidates: [] };
  const similar = pool.filter(([label]) => loose(label) === loose(found));
  if (similar.length > 0 && new Set(similar.map(([, ref]) => ref)).size === 1) return { name: similar[0][1], candidates: [] };
  const refs = [...new Set(pool.map(([, ref]) => ref))];
  const hint = closest(found, refs);
  const sharing = refs.filter((r) => loose(r).includes(loose(found)) || loose(found).includes(loose(r)));
  return { candidates: [...new Set([...(hint ? [hint] : []), ...sharing, ...similar.map(([, ref]) => ref)])] };
}

const ARN_VALUE = /^arn:[a-z-]+:[a-z0-9-]+:/;

/** What a substituted `${X}` (whole value) names. */
function fromSubstitution(sub: SubValue | undefined, kinds: readonly ReferenceKind[] | undefined): { kind?: ReferenceKind; name?: string; why?: string; literal?: string } {
  if (!sub) return {};
  if (sub.kind === 'resource') return { kind: RESOURCE_KINDS[sub.type] ?? kinds?.[0], name: sub.name ?? sub.logicalId };
  if (sub.kind === 'parameter') return { kind: kinds?.[0], name: sub.name.replace(/(Arn|Id|ARN|ID)$/, ''), why: `template parameter ${sub.name}: its value is not in the template` };
  if (sub.kind === 'literal') return { literal: sub.value };
  if (sub.kind === 'pseudo') return { why: `CloudFormation pseudo parameter ${sub.name}` };
  return { why: `${sub.text} is not a resource or parameter of the template` };
}

/**
 * Converts one flow: literal ARNs, template substitutions and other tools' placeholders in ARN
 * parameters become `${kind:name}` when the name the export gives them matches a jurisdiction
 * name; Metadata is stripped; the type is declared (or inferred). Pure.
 */
export function convertFlow(source: FlowSource, refName: string, names: JurisdictionNames, imported: ImportedNames): { flow: ImportedFlow; unmapped: Unmapped[] } {
  const unmapped: Unmapped[] = [];
  const metadata = isPlain(source.content.Metadata) ? source.content.Metadata : {};
  const arnNames = metadataNames(metadata);
  const displayName = source.name ?? (typeof metadata.name === 'string' ? metadata.name : refName);
  let converted = 0;

  const note = (u: Omit<Unmapped, 'file' | 'location' | 'flow'>) => unmapped.push({ file: source.file, location: source.location, flow: refName, ...u });

  const convertValue = (value: string, actionId: string, keys: readonly string[]): string => {
    const kinds = parameterKinds(keys);
    const parameter = keys.join('.');
    if (value.startsWith('$.')) return value;
    const ownRefs = findReferences({ Version: '2019-10-30', StartAction: '', Actions: [{ Identifier: '', Type: '', Parameters: { v: value }, Transitions: {} }] });
    const isKitRef = ownRefs.length > 0 && ownRefs.every((r) => !r.problem);
    if (isKitRef) return value;

    let kind: ReferenceKind | undefined;
    let found: string | undefined;
    let why: string | undefined;
    let text = value;
    const whole = /^\$\{([^}]+)\}$/.exec(value);
    if (whole && source.substitutions) {
      const sub = fromSubstitution(source.substitutions.get(whole[1]), kinds);
      if (sub.literal !== undefined) text = sub.literal;
      else ({ kind, name: found, why } = sub);
    }
    if (found === undefined && why === undefined) {
      if (ARN_VALUE.test(text) || (source.substitutions && /^arn:\$\{AWS::Partition\}:/.test(text))) {
        // `${AWS::Region}` etc. hold colons: replace them before the ARN is split on ':'.
        const concrete = text.replace(/\$\{AWS::([A-Za-z]+)\}/g, '$1');
        kind = kindOfArn(concrete) ?? kinds?.[0];
        if (!kind) return value; // an ARN the kit has no reference kind for (e.g. an S3 object): left as is
        const byArn = imported.byArn.get(text);
        if (byArn) {
          converted++;
          return `\${${byArn[0]}:${byArn[1]}}`;
        }
        found = arnNames.get(text) ?? parameterDisplayName(metadata, actionId, keys) ?? nameInArn(text);
        if (found === undefined) why = 'the export names it nowhere (no Metadata text for this ARN)';
      } else if (kinds) {
        const foreign = foreignPlaceholder(text, true);
        if (!foreign) return value;
        kind = kinds[0];
        found = parameterDisplayName(metadata, actionId, keys) ?? foreign.name;
      } else return value;
    }
    if (kind === undefined) kind = kinds?.[0];
    if (found !== undefined && kind !== undefined) {
      const match = matchName(kind, found, names, imported);
      if (match.name !== undefined) {
        converted++;
        return `\${${kind}:${match.name}}`;
      }
      note({ actionId, parameter, value, kind, foundName: found, candidates: match.candidates, reason: `"${found}" is no ${kind} name of the jurisdiction${match.candidates.length > 0 ? '' : ` (known: ${(names[kind] ?? []).join(', ') || 'none'})`}` });
      return value;
    }
    note({ actionId, parameter, value, kind, candidates: kind ? [...(names[kind] ?? [])] : [], reason: why ?? 'no name found for it' });
    return value;
  };

  const walk = (value: unknown, actionId: string, keys: string[]): unknown => {
    if (typeof value === 'string') return convertValue(value, actionId, keys);
    if (Array.isArray(value)) return value.map((item, i) => walk(item, actionId, [...keys, String(i)]));
    if (isPlain(value)) {
      const out: Plain = {};
      for (const [key, item] of Object.entries(value)) Object.defineProperty(out, key, { value: walk(item, actionId, [...keys, key]), enumerable: true, writable: true, configurable: true });
      return out;
    }
    return value;
  };

  const actions = (Array.isArray(source.content.Actions) ? source.content.Actions : []).map((raw: unknown) => {
    if (!isPlain(raw) || typeof raw.Identifier !== 'string' || !isPlain(raw.Parameters)) return raw;
    let parameters = walk(raw.Parameters, raw.Identifier, []) as Plain;
    // Lex V1 `LexBot: {Name, …}` becomes Lex V2 when the jurisdiction has a bot of that name.
    if (isPlain(parameters.LexBot) && typeof parameters.LexBot.Name === 'string') {
      const match = matchName('bot', parameters.LexBot.Name, names, imported);
      if (match.name !== undefined) {
        const { LexBot: _v1, ...rest } = parameters;
        parameters = { ...rest, LexV2Bot: { AliasArn: `\${bot:${match.name}}` } };
        converted++;
      } else {
        note({ actionId: raw.Identifier, parameter: 'LexBot', value: JSON.stringify(parameters.LexBot), kind: 'bot', foundName: parameters.LexBot.Name, candidates: match.candidates, reason: 'a Lex V1 bot: rebuild it in Lex V2 (gcck import-bot) and name it in the jurisdiction' });
      }
    }
    return { ...raw, Parameters: parameters };
  });

  // Type: declared by the container, else the console's Metadata.type, else inferred.
  let type = source.type ?? (typeof metadata.type === 'string' ? CONSOLE_TYPES[metadata.type.toLowerCase()] : undefined);
  if (!type) {
    const inferred = inferFlowType(source.content);
    type = inferred.type;
    if (!inferred.certain || inferred.conflict) {
      note({ parameter: 'Type', value: type, candidates: [...inferred.possibleTypes], reason: `type unknown: ${inferred.conflict ?? inferred.reason}; wrote ${type}, check it` });
    }
  }

  const { Metadata: _metadata, ...rest } = source.content;
  const content = { ...rest, Actions: actions } as unknown as FlowDocument;
  return {
    flow: { name: refName, displayName, type, converted, file: { Name: displayName, Type: type, Description: source.description ?? (typeof metadata.description === 'string' ? metadata.description : ''), Content: content } },
    unmapped,
  };
}
