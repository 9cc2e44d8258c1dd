import type { ReferenceKind } from './references';

/**
 * Placeholders other tools put where an ARN belongs, and the ARN-valued parameters themselves.
 * Shared by the linter (which reports them with a conversion hint) and the importer (which
 * converts them to `${kind:name}`).
 */

/** The reference kinds each ARN-valued parameter takes (by the last key of its path; `EventHooks.*` take flows). */
export const PARAMETER_KINDS: Readonly<Record<string, readonly ReferenceKind[]>> = {
  QueueId: ['queue', 'route'],
  HoursOfOperationId: ['hours'],
  LambdaFunctionARN: ['lambda'],
  AliasArn: ['bot', 'botRole'],
  ContactFlowId: ['flow'],
  FlowModuleId: ['module'],
  PromptId: ['prompt'],
  RoutingProfileId: ['routingProfile'],
  QuickConnectId: ['quickConnect'],
};

/** The kinds an ARN parameter at `keys` (a Parameters key path) takes, or undefined if it is not one. */
export function parameterKinds(keys: readonly string[]): readonly ReferenceKind[] | undefined {
  if (keys[0] === 'EventHooks') return ['flow'];
  const last = keys[keys.length - 1];
  return last !== undefined && Object.hasOwn(PARAMETER_KINDS, last) ? PARAMETER_KINDS[last] : undefined;
}

/** A placeholder of another tool: what it is, and the name it carries (a guess at the kit name). */
export interface ForeignPlaceholder {
  /** Plain words for the style, e.g. `a %%NAME%% template token`. */
  readonly style: string;
  /** The name inside it, e.g. `General` for `%General%`, `general` for `{{queues.general.arn}}`. */
  readonly name: string;
}

/** The meaningful segment of a dotted path such as `queues.general.arn` or `aws_connect_queue.main.arn`. */
function nameOfPath(path: string): string {
  const parts = path.split('.').filter((p) => p !== '');
  while (parts.length > 1 && /^(arn|id|name|value|outputs?)$/i.test(parts[parts.length - 1])) parts.pop();
  const last = parts[parts.length - 1] ?? path;
  return last.replace(/[_-]?(arn|id)$/i, '') || last;
}

/** A Lex/Connect/Lambda ARN-or-ID shape that is a real value, not a placeholder. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The placeholder of another tool that `value` is, if it is one: `%%NAME%%`, `%Name%`,
 * `{{a.b.arn}}`, `${X:name:X}`, CloudFormation `${Var}` / `${AWS::Region}` or Terraform
 * `${var.x}` / `${aws_x.y.arn}` (the whole value), or — with `inArnParameter` — a bare word where
 * an ARN belongs. Kit references, `$.` dynamic attributes, ARNs and resource IDs are not.
 */
export function foreignPlaceholder(value: string, inArnParameter: boolean): ForeignPlaceholder | undefined {
  const text = value.trim();
  let m: RegExpExecArray | null;
  if ((m = /^%%([^%\s][^%]*)%%$/.exec(text))) return { style: 'a %%NAME%% template token', name: m[1] };
  if ((m = /^%([^%\s][^%]*)%$/.exec(text))) return { style: 'a %Name% template token', name: m[1] };
  if ((m = /^\{\{\s*([^{}]+?)\s*\}\}$/.exec(text))) return { style: 'a {{…}} template expression', name: nameOfPath(m[1]) };
  if ((m = /^\$\{([A-Za-z][A-Za-z0-9]*):([^{}:]+):\1\}$/.exec(text))) return { style: 'a ${X:name:X} token', name: m[2] };
  if ((m = /^\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}$/.exec(text))) return { style: 'a CloudFormation or Terraform ${…} substitution', name: nameOfPath(m[1]) };
  if (/\$\{AWS::[A-Za-z]+\}/.test(text)) return { style: 'an ARN built with CloudFormation pseudo parameters', name: text.split('/').pop()!.replace(/\$\{[^}]*\}/g, '') || '<name>' };
  if (inArnParameter && /^[A-Za-z][A-Za-z0-9 _.-]*$/.test(text) && !UUID.test(text) && !text.startsWith('arn')) return { style: 'a bare name where an ARN belongs', name: text };
  return undefined;
}

/** The advice for a foreign placeholder in a parameter that takes `kinds`. */
export function conversionHint(found: ForeignPlaceholder, kinds: readonly ReferenceKind[] | undefined): string {
  const kind = kinds?.[0] ?? '<kind>';
  return `replace it with \${${kind}:${found.name}} (the name as the jurisdiction defines it), or run gcck import-flow, which converts it`;
}
