/**
 * Where a JSON text goes wrong, in words a flow author understands.
 *
 * `JSON.parse` messages differ between Node.js versions and some carry no position at all
 * (`Unexpected token '}', "…" is not valid JSON` on Node.js 20), so a failed parse is
 * re-scanned here to find the first offending character.
 */

/** A JSON syntax error: 1-based line and column, and what was expected there. */
export interface JsonSyntaxError {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

class Stop {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/** 1-based line and column of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const describe = (text: string, i: number) => (i >= text.length ? 'the end of the file' : JSON.stringify(text[i]));

/**
 * Finds the first syntax error in `text`, or undefined if it is valid JSON.
 * Call it after `JSON.parse` failed; it does not build values.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (message: string): never => {
    throw new Stop(i, message);
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail('control character (such as a line break or tab) inside a string: write it as an escape like \\n');
      if (c === 92) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('\\u must be followed by four hexadecimal digits');
          i += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) fail(`invalid escape \\${next ?? ''} in a string`);
        i += 2;
        continue;
      }
      i++;
    }
    fail('string is not closed (missing ")');
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(text[i] === '}' ? 'expected a property name in double quotes (JSON allows no comma before "}")' : `expected a property name in double quotes, found ${describe(text, i)}`);
        string();
        ws();
        if (text[i] !== ':') fail(`expected ":" after the property name, found ${describe(text, i)}`);
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(`expected "," or "}" after a property value, found ${describe(text, i)}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] === ']') fail('expected a value (JSON allows no comma before "]")');
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(`expected "," or "]" after a list item, found ${describe(text, i)}`);
      }
    }
    if (c === '"') return string();
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (number && number[0] !== '-') {
      i += number[0].length;
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    if (c === "'") fail('strings must be in double quotes, not single quotes');
    fail(`expected a value, found ${describe(text, i)}`);
  };
  try {
    value();
    ws();
    if (i < text.length) fail(`unexpected ${describe(text, i)} after the end of the JSON value`);
    return undefined;
  } catch (error) {
    // A stack overflow on absurd nesting: let the caller fall back to JSON.parse's message.
    if (!(error instanceof Stop)) return undefined;
    return { offset: error.offset, ...lineColumn(text, error.offset), message: error.message };
  }
}

/**
 * Parses JSON; on failure returns the located syntax error instead of throwing.
 * A leading byte-order mark is ignored.
 */
export function parseJson(text: string): { value: unknown } | { error: JsonSyntaxError } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { value: JSON.parse(body) };
  } catch (e) {
    const located = findJsonSyntaxError(body) ?? { offset: 0, line: 1, column: 1, message: (e as Error).message };
    // Offsets are in the text without the mark; the mark is not a column an editor shows.
    return { error: located };
  }
}
