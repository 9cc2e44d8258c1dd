/**
 * A small evaluator of KMS key policies as synthesized (template JSON), enough to ask "may this
 * principal call this KMS action in this context?" for the data paths of the kit.
 *
 * Follows the AWS KMS authorization rules for a principal of the key's own account
 * (https://docs.aws.amazon.com/kms/latest/developerguide/determining-access-key-policy.html): an
 * explicit Deny wins; a statement naming the principal itself allows on its own; a statement naming
 * the account (`…:root`) allows only if the principal's IAM policies allow the action too.
 * Condition operators: String/Arn Equals/Like, Bool, each with IfExists. Grants are not modelled.
 */

/** Who calls KMS and in what context. */
export interface KmsRequest {
  /** An IAM principal (role ARN) of `account`, or an AWS service principal. */
  readonly principal: { readonly arn: string; readonly account: string } | { readonly service: string };
  /** Whether the principal's IAM policies allow the action on the key (ignored for services). */
  readonly iamAllows?: boolean;
  /** e.g. `kms:Decrypt`. */
  readonly action: string;
  /** Request context keys, e.g. `kms:ViaService`, `kms:CallerAccount`, `kms:GrantIsForAWSResource`. */
  readonly context?: Readonly<Record<string, string | boolean>>;
}

export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny';

interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal: unknown;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

/** Resolves the intrinsic functions found in key policies, with values for attributes (`Logical.Attr`). */
export function resolver(pseudo: { partition: string; region: string; account: string }, attributes: Record<string, string> = {}) {
  const resolve = (value: unknown): unknown => {
    if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === 'object') {
      const v = value as Record<string, unknown>;
      if ('Ref' in v) {
        const ref = { 'AWS::Partition': pseudo.partition, 'AWS::Region': pseudo.region, 'AWS::AccountId': pseudo.account, 'AWS::URLSuffix': 'amazonaws.com' }[v.Ref as string];
        if (ref === undefined) throw new Error(`cannot resolve Ref ${String(v.Ref)}`);
        return ref;
      }
      if ('Fn::Join' in v) {
        const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
        return parts.map((p) => String(resolve(p))).join(sep);
      }
      if ('Fn::GetAtt' in v) {
        const [id, attr] = v['Fn::GetAtt'] as [string, string];
        const found = attributes[`${id}.${attr}`];
        if (found === undefined) throw new Error(`no value given for Fn::GetAtt ${id}.${attr}`);
        return found;
      }
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
    }
    return value;
  };
  return resolve;
}

/** Evaluates a resolved key policy (`{ Statement: [...] }`) for one request. */
export function evaluate(policy: { Statement: Statement[] }, request: KmsRequest): Decision {
  let allowed = false;
  for (const statement of policy.Statement) {
    if (!actionMatches(statement.Action, request.action)) continue;
    if (!asList(statement.Resource).includes('*')) continue;
    const principal = principalMatch(statement.Principal, request);
    if (principal === 'none') continue;
    if (!conditionsHold(statement.Condition ?? {}, request)) continue;
    if (statement.Effect === 'Deny') return 'explicit-deny';
    if (principal === 'direct' || ('service' in request.principal ? false : request.iamAllows === true)) allowed = true;
  }
  return allowed ? 'allow' : 'implicit-deny';
}

/** 'direct' when the statement names the principal, 'account' when it names its account (IAM decides), else 'none'. */
function principalMatch(principal: unknown, request: KmsRequest): 'direct' | 'account' | 'none' {
  if (principal === '*') return 'direct';
  const p = principal as { AWS?: string | string[]; Service?: string | string[] };
  if ('service' in request.principal) {
    return asList(p.Service).includes(request.principal.service) || asList(p.AWS).includes('*') ? 'direct' : 'none';
  }
  const { arn, account } = request.principal;
  for (const aws of asList(p.AWS)) {
    if (aws === '*' || aws === arn) return 'direct';
    if (aws === account || new RegExp(`^arn:[^:]+:iam::${account}:root$`).test(aws)) return 'account';
  }
  return 'none';
}

function conditionsHold(conditions: Record<string, Record<string, unknown>>, request: KmsRequest): boolean {
  const context: Record<string, string | boolean> = {
    ...('service' in request.principal ? { 'aws:PrincipalIsAWSService': true } : { 'aws:PrincipalIsAWSService': false }),
    ...request.context,
  };
  return Object.entries(conditions).every(([operator, keys]) => {
    const ifExists = operator.endsWith('IfExists');
    const base = operator.replace(/IfExists$/, '');
    return Object.entries(keys).every(([key, expected]) => {
      const actual = Object.entries(context).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
      if (actual === undefined) return ifExists;
      return asList(expected).some((e) => compare(base, String(actual), String(e)));
    });
  });
}

function compare(operator: string, actual: string, expected: string): boolean {
  switch (operator) {
    case 'StringEquals':
    case 'ArnEquals':
      return actual === expected;
    case 'StringLike':
    case 'ArnLike':
      return wildcard(expected).test(actual);
    case 'Bool':
      return actual.toLowerCase() === expected.toLowerCase();
    default:
      throw new Error(`condition operator ${operator} is not simulated`);
  }
}

function actionMatches(actions: string | string[], action: string): boolean {
  return asList(actions).some((a) => wildcard(a, 'i').test(action));
}

function wildcard(pattern: string, flags = ''): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, flags);
}

function asList<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
