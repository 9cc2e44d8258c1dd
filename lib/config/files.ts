import * as fs from 'fs';
import { LineCounter, parseDocument, YAMLError } from 'yaml';
import { displayPath } from './display-path';

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
    // One slip (a line indented one space off) makes the parser report several follow-on errors
    // in its own words: report the first, in plain words. A key given twice is a mistake of its
    // own each time, so every one is kept.
    const [first] = doc.errors;
    const shownErrors = [first, ...doc.errors.filter((e) => e !== first && e.code === 'DUPLICATE_KEY')];
    for (const error of shownErrors) problems.push(`${shown}: ${yamlErrorLine(text, lineCounter, error)}`);
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

/** `(line L, column C): invalid YAML: <what>` for a parser error, in plain words where the parser's are not. */
function yamlErrorLine(text: string, lineCounter: LineCounter, error: YAMLError): string {
  let { line, col } = lineCounter.linePos(error.pos[0]);
  let what = error.message.split('\n')[0];
  switch (error.code) {
    case 'BAD_INDENT':
      // The code covers other slips too (an unclosed flow map): only this one is reworded.
      if (!what.startsWith('All mapping items must start at the same column')) break;
      what = 'this line is indented differently from the keys above it (keys of one mapping must start in the same column)';
      break;
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      // Reported at the value of the line above the slip: point at the next line, the one indented too deep.
      const lines = text.split('\n');
      const next = lines.findIndex((l, i) => i >= line && l.trim() !== '' && !l.trim().startsWith('#'));
      if (next >= 0) {
        const above = line;
        line = next + 1;
        col = lines[next].search(/\S/) + 1;
        what = `this line is indented more than the key on line ${above}, so it cannot start a key there (keys of one mapping must start in the same column)`;
      }
      break;
    }
    case 'TAB_AS_INDENT':
      what = 'a tab is used for indentation (indent with spaces)';
      break;
  }
  return `(line ${line}, column ${col}): invalid YAML: ${what}`;
}
