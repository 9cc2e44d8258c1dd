import * as fs from 'fs';
import * as path from 'path';
import { LineCounter, parseDocument } from 'yaml';

/**
 * A file path as shown in messages: relative to the working folder, with `/`, when inside
 * it; as given otherwise.
 */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file.split(path.sep).join('/') : relative.split(path.sep).join('/');
}

/**
 * Reads a YAML file into plain data. An unreadable file, a syntax error (with line and column)
 * or an alias bomb becomes a problem line `<file>: <where>: <what>` and the result is undefined.
 *
 * @param shown the file name used in messages; @default displayPath(file)
 */
export function readYamlFile(file: string, problems: string[], shown: string = displayPath(file)): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    problems.push(`${shown}: (file): cannot be read (${(e as NodeJS.ErrnoException).code ?? 'unknown error'})`);
    return undefined;
  }
  // With prettyErrors off, errors carry only character offsets: the LineCounter turns them into lines.
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const pos = lineCounter.linePos(error.pos[0]);
      problems.push(`${shown}: (line ${pos.line}, column ${pos.col}): invalid YAML: ${error.message.split('\n')[0]}`);
    }
    return undefined;
  }
  try {
    return doc.toJS() ?? {};
  } catch (e) {
    // e.g. too many alias expansions ("billion laughs"): still a problem line, not a stack trace.
    problems.push(`${shown}: (file): invalid YAML: ${(e as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

/** Freezes a parsed value and everything in it, so nothing downstream can change the config. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
