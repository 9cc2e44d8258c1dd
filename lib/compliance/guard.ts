/**
 * Reads the results of cfn-guard (`validate --output-format json --structured`) run with the
 * AWS Control Tower proactive-control rules over the synthesized templates, and compares the
 * failures with the listed exceptions (lib/compliance/guard-exceptions.ts). Pure: data in, data out.
 */

/** One rule failing on one resource of one template. */
export interface GuardFailure {
  /** Template file name without `.template.json`, i.e. the stack name, e.g. `pinecrest-benefits-stateful`. */
  readonly stack: string;
  /** Guard rule name, e.g. `lambda_inside_vpc_check`. */
  readonly rule: string;
  /** Logical id of the failing resource. */
  readonly resource: string;
}

/** Which stacks of a jurisdiction an exception applies to (the stack name's last part). */
export type StackKind = 'stateful' | 'contact-center' | 'analytics';

/** One acknowledged failure: a rule on a resource, with the reason an auditor reads. */
export interface GuardException {
  readonly rule: string;
  /** Logical id of the resource (the same in every jurisdiction). */
  readonly resource: string;
  /** Stack the resource lives in. */
  readonly stack: StackKind;
  /** Why the failure is acceptable or not a real failure. */
  readonly reason: string;
}

/** The comparison of failures with exceptions. */
export interface GuardReport {
  /** Names of every rule cfn-guard evaluated. */
  readonly rules: readonly string[];
  /** Templates checked. */
  readonly stacks: readonly string[];
  /** Failures covered by an exception. */
  readonly excepted: readonly GuardFailure[];
  /** Failures no exception covers: these fail the CI step. */
  readonly unlisted: readonly GuardFailure[];
  /** Exceptions that matched no failure (fixed, or a feature the jurisdictions do not use). */
  readonly unused: readonly GuardException[];
}

/** The per-template result cfn-guard writes (only the fields read here). */
export interface GuardFileResult {
  readonly name: string;
  readonly status?: string;
  readonly not_compliant?: ReadonlyArray<{ readonly Rule?: RuleNode } & Partial<RuleNode>>;
  readonly not_applicable?: readonly string[];
  readonly compliant?: readonly string[];
}

interface RuleNode {
  readonly name: string;
  readonly checks?: readonly unknown[];
}

/** Every (stack, rule, resource) failure in cfn-guard's results, sorted, without duplicates. */
export function guardFailures(results: readonly GuardFileResult[]): GuardFailure[] {
  const seen = new Map<string, GuardFailure>();
  for (const file of results) {
    const stack = stackName(file.name);
    for (const entry of file.not_compliant ?? []) {
      const rule = entry.Rule ?? (entry as RuleNode);
      for (const resource of resourcesIn(rule)) {
        const failure = { stack, rule: rule.name, resource };
        seen.set(`${stack}|${rule.name}|${resource}`, failure);
      }
    }
  }
  return [...seen.values()].sort((a, b) => `${a.stack}|${a.rule}|${a.resource}`.localeCompare(`${b.stack}|${b.rule}|${b.resource}`));
}

/** Compares cfn-guard's results with the exceptions. */
export function compareWithExceptions(results: readonly GuardFileResult[], exceptions: readonly GuardException[]): GuardReport {
  const failures = guardFailures(results);
  const covers = (e: GuardException, f: GuardFailure) => e.rule === f.rule && e.resource === f.resource && f.stack.endsWith(`-${e.stack}`);
  const rules = new Set<string>();
  for (const file of results) {
    for (const name of [...(file.compliant ?? []), ...(file.not_applicable ?? [])]) rules.add(name);
    for (const entry of file.not_compliant ?? []) rules.add((entry.Rule ?? (entry as RuleNode)).name);
  }
  return {
    rules: [...rules].sort(),
    stacks: results.map((file) => stackName(file.name)).sort(),
    excepted: failures.filter((f) => exceptions.some((e) => covers(e, f))),
    unlisted: failures.filter((f) => !exceptions.some((e) => covers(e, f))),
    unused: exceptions.filter((e) => !failures.some((f) => covers(e, f))),
  };
}

/** Checks the exceptions list itself: one entry per (stack, rule, resource), each with a reason. */
export function exceptionProblems(exceptions: readonly GuardException[]): string[] {
  const problems: string[] = [];
  const keys = new Set<string>();
  for (const e of exceptions) {
    const key = `${e.stack}|${e.rule}|${e.resource}`;
    if (keys.has(key)) problems.push(`${key}: listed twice`);
    keys.add(key);
    if (e.reason.trim().length < 40) problems.push(`${key}: the reason is missing or too short to tell an auditor why`);
  }
  return problems;
}

function stackName(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.template\.json$/, '');
}

/** Logical ids named by the `/Resources/<id>/…` paths anywhere in a rule's check tree. */
function resourcesIn(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const child of node) resourcesIn(child, found);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'path' && typeof value === 'string') {
        const match = /^\/Resources\/([^/]+)/.exec(value);
        if (match) found.add(match[1]);
      } else {
        resourcesIn(value, found);
      }
    }
  }
  return found;
}
