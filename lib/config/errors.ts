/** Problem lines a {@link ConfigError} message shows; `problems` keeps them all. */
export const MAX_SHOWN_PROBLEMS = 200;

/**
 * A configuration problem report: every problem found, one line each, in the form
 * `<file>: <key path>: <what is wrong> (<allowed values / known names>)`.
 *
 * The app prints `message` and exits non-zero; it is never shown with a stack trace.
 */
export class ConfigError extends Error {
  /** The problem lines, in the order found. */
  public readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    const lines = problems.map(printable);
    const count = lines.length === 1 ? '1 problem' : `${lines.length} problems`;
    // A list grown by mistake can give thousands of lines: the message shows the first ones.
    const shown = lines.slice(0, MAX_SHOWN_PROBLEMS).map((p) => `  ${p}`);
    if (lines.length > MAX_SHOWN_PROBLEMS) shown.push(`  ... and ${lines.length - MAX_SHOWN_PROBLEMS} more (fix the ones above first)`);
    super(`Configuration has ${count}:\n${shown.join('\n')}`);
    this.name = 'ConfigError';
    this.problems = lines;
  }
}

/**
 * A problem line kept to one line: control characters a name or value brought in (a newline in
 * a misspelt queue name, say) are shown as JSON escapes.
 */
export function printable(line: string): string {
  // eslint-disable-next-line no-control-regex
  return line.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

/** Formats a key path such as `['queues', 2, 'hours']` as `queues[2].hours`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(top level)' : out;
}

/** Renders a received value for a message: strings quoted, long values shortened. */
export function formatValue(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
