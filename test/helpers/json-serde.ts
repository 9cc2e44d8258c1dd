import { gunzipSync } from 'zlib';

/** The part of a synthesized `AWS::Glue::Table` `TableInput` the reader follows. */
export interface GlueTableInput {
  readonly Parameters?: Record<string, string>;
  readonly StorageDescriptor: {
    readonly Columns: ReadonlyArray<{ readonly Name: string; readonly Type: string }>;
    readonly InputFormat: string;
    readonly Compressed?: boolean;
    readonly SerdeInfo: { readonly SerializationLibrary: string; readonly Parameters?: Record<string, string> };
  };
}

/** One row as Athena would return it: column name (as declared) to value. */
export type Row = Record<string, unknown>;

const TEXT_INPUT_FORMAT = 'org.apache.hadoop.mapred.TextInputFormat';
const OPENX_JSON = 'org.openx.data.jsonserde.JsonSerDe';

/**
 * Reads one S3 object the way Athena reads a table declared with Hadoop's `TextInputFormat`
 * and the OpenX JSON SerDe (https://docs.aws.amazon.com/athena/latest/ug/openx-json-serde.html):
 * the object is split into lines, each line is one row, and each row is the first JSON object
 * on its line (the SerDe's org.json parser stops there, so objects written back to back on one
 * line read as a single row). Keys match columns case-insensitively when `case.insensitive`
 * is on; values are converted to the declared Hive types. A malformed line throws, as the
 * query would fail unless `ignore.malformed.json` is set.
 */
export function readJsonTable(object: Buffer, table: GlueTableInput): Row[] {
  const sd = table.StorageDescriptor;
  if (sd.InputFormat !== TEXT_INPUT_FORMAT) throw new Error(`input format ${sd.InputFormat} is not simulated`);
  if (sd.SerdeInfo.SerializationLibrary !== OPENX_JSON) throw new Error(`SerDe ${sd.SerdeInfo.SerializationLibrary} is not simulated`);
  const params = sd.SerdeInfo.Parameters ?? {};
  const caseInsensitive = (params['case.insensitive'] ?? 'TRUE').toUpperCase() === 'TRUE';
  const ignoreMalformed = (params['ignore.malformed.json'] ?? 'FALSE').toUpperCase() === 'TRUE';
  // Athena decompresses by file extension / the compressionType parameter; a GZIP member starts with 1f 8b.
  const gzip = object.length >= 2 && object[0] === 0x1f && object[1] === 0x8b;
  const text = (gzip ? gunzipSync(object) : object).toString('utf8');

  const rows: Row[] = [];
  for (const line of textLines(text)) {
    let value: unknown;
    try {
      value = firstJsonValue(line);
    } catch (e) {
      if (ignoreMalformed) continue;
      throw new Error(`HIVE_BAD_DATA: malformed JSON on line ${rows.length + 1}: ${(e as Error).message}`);
    }
    if (!isObject(value)) throw new Error(`HIVE_BAD_DATA: line ${rows.length + 1} is not a JSON object`);
    const row: Row = {};
    for (const column of sd.Columns) row[column.Name] = convert(lookup(value, column.Name, caseInsensitive), parseType(column.Type), caseInsensitive);
    rows.push(row);
  }
  return rows;
}

/** Hadoop's LineRecordReader: lines end at \n, \r or \r\n; a final line ending adds no empty row. */
function textLines(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Parses the first JSON value of a line and ignores what follows it, as org.json's JSONObject(String) does. */
function firstJsonValue(line: string): unknown {
  const start = line.search(/\S/);
  if (start < 0) throw new Error('empty line');
  if (line[start] !== '{') return JSON.parse(line);
  let depth = 0;
  let inString = false;
  for (let i = start; i < line.length; i++) {
    const c = line[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return JSON.parse(line.slice(start, i + 1));
    }
  }
  throw new Error('unterminated object');
}

type HiveType =
  | { kind: 'primitive'; name: string }
  | { kind: 'struct'; fields: Array<[string, HiveType]> }
  | { kind: 'array'; element: HiveType }
  | { kind: 'map'; key: HiveType; value: HiveType };

/** Parses a Hive DDL type such as `struct<Name:string,Items:array<int>>`. */
export function parseType(type: string): HiveType {
  const t = type.trim();
  const generic = /^(struct|array|map)<(.*)>$/s.exec(t);
  if (!generic) return { kind: 'primitive', name: t.toLowerCase() };
  const [, kind, body] = generic;
  const parts = splitTopLevel(body);
  if (kind === 'array') return { kind: 'array', element: parseType(body) };
  if (kind === 'map') return { kind: 'map', key: parseType(parts[0]), value: parseType(parts[1]) };
  return {
    kind: 'struct',
    fields: parts.map((part) => {
      const colon = part.indexOf(':');
      return [part.slice(0, colon), parseType(part.slice(colon + 1))];
    }),
  };
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '<') depth++;
    else if (body[i] === '>') depth--;
    else if (body[i] === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

function lookup(object: Record<string, unknown>, name: string, caseInsensitive: boolean): unknown {
  if (!caseInsensitive) return object[name];
  const wanted = name.toLowerCase();
  const key = Object.keys(object).find((k) => k.toLowerCase() === wanted);
  return key === undefined ? undefined : object[key];
}

function convert(value: unknown, type: HiveType, caseInsensitive: boolean): unknown {
  if (value === undefined || value === null) return null;
  switch (type.kind) {
    case 'primitive':
      return primitive(value, type.name);
    case 'array':
      if (!Array.isArray(value)) throw new Error(`HIVE_BAD_DATA: expected an array, got ${JSON.stringify(value)}`);
      return value.map((v) => convert(v, type.element, caseInsensitive));
    case 'map':
      if (!isObject(value)) throw new Error(`HIVE_BAD_DATA: expected an object for a map, got ${JSON.stringify(value)}`);
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, type.value, caseInsensitive)]));
    case 'struct': {
      if (!isObject(value)) throw new Error(`HIVE_BAD_DATA: expected an object for a struct, got ${JSON.stringify(value)}`);
      return Object.fromEntries(type.fields.map(([name, fieldType]) => [name, convert(lookup(value, name, caseInsensitive), fieldType, caseInsensitive)]));
    }
  }
}

function primitive(value: unknown, name: string): unknown {
  switch (name) {
    case 'string':
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'int':
    case 'bigint':
    case 'smallint':
    case 'tinyint': {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n)) throw new Error(`HIVE_BAD_DATA: "${String(value)}" is not a number`);
      return Math.trunc(n);
    }
    case 'double':
    case 'float':
      return Number(value);
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw new Error(`HIVE_BAD_DATA: "${String(value)}" is not a boolean`);
    default:
      throw new Error(`type ${name} is not simulated`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
