import type { Finding } from './types';

/**
 * One finding on one line: `<file>: <where>: <message> [<severity> <rule>]`, where `<where>` is
 * `(line L, column C)` for a JSON syntax error and `action "<Identifier>"` for an action.
 */
export function formatFinding(finding: Finding): string {
  const where =
    finding.line !== undefined ? `(line ${finding.line}, column ${finding.column ?? 1}): ` : finding.actionId !== undefined ? `action ${JSON.stringify(finding.actionId)}: ` : '';
  return `${finding.file}: ${where}${finding.message} [${finding.severity} ${finding.ruleId}]`;
}

/**
 * Flow problems that stop synthesis: every error found, one line each (see {@link formatFinding}).
 * Like `ConfigError`, it is printed by its message and never with a stack trace.
 */
export class FlowError extends Error {
  /** The error findings, in the order found. */
  public readonly findings: readonly Finding[];

  constructor(findings: readonly Finding[]) {
    const count = findings.length === 1 ? '1 error' : `${findings.length} errors`;
    super(`Contact flows have ${count}:\n${findings.map((f) => `  ${formatFinding(f)}`).join('\n')}`);
    this.name = 'FlowError';
    this.findings = findings;
  }

  /** Throws a FlowError listing the error findings, if there are any; warnings are ignored. */
  static throwIfErrors(findings: readonly Finding[]): void {
    const errors = findings.filter((f) => f.severity === 'error');
    if (errors.length > 0) throw new FlowError(errors);
  }
}
