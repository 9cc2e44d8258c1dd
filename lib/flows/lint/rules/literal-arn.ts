import { oncePerObject } from '../../memo';
import { kindOfArn } from '../../references';
import type { Action, Finding, ParameterValue } from '../../types';
import { finding, LintRule } from '../rule';

const id = 'literal-arn';

/** An ARN in any partition (commercial, `aws-us-gov`, `aws-cn`, …), up to the next space or quote. */
const ARN = /\barn:(aws(?:-[a-z]+)*):([a-z0-9-]+):([a-z0-9-]*):(\d*):[^\s"']*/g;

interface FoundArn {
  readonly path: string;
  readonly arn: string;
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

function findArns(value: ParameterValue | undefined, keys: string[], out: FoundArn[]): void {
  if (typeof value === 'string') {
    for (const m of value.matchAll(ARN)) out.push({ path: keys.join('.'), arn: m[0], partition: m[1], region: m[3], account: m[4] });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => findArns(item, [...keys, String(i)], out));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) findArns(item, [...keys, key], out);
  }
}

/**
 * The ARNs in an action's Parameters, found once per action (see oncePerObject): only the
 * comparison with each jurisdiction's partition, region and account is redone.
 */
const arnsIn = oncePerObject((action: Action): readonly FoundArn[] => {
  const found: FoundArn[] = [];
  findArns(action.Parameters, [], found);
  return found;
});

const shorten = (arn: string) => (arn.length > 60 ? `${arn.slice(0, 57)}...` : arn);

/**
 * Kit flows hold named references, never an instance's ARNs (DESIGN.md §3): a literal ARN ties
 * the flow to one instance and partition. Error for the kit's own flows; warning for imported
 * ones, which must be given references before they deploy anywhere else — unless the ARN names
 * another partition, region or account than the jurisdiction's: that can never resolve there
 * (DESIGN.md §4: no cross-partition integrations), so it is an error for every flow. Metadata is
 * not checked (exports repeat ARNs there for display only, and it is stripped before deployment).
 */
export const literalArn: LintRule = {
  id,
  description: 'Parameters must use ${kind:name} references, not literal ARNs (warning for imported flows; error for any ARN of another partition, region or account).',
  check(ctx) {
    const out: Finding[] = [];
    const partition = ctx.context.partition ?? 'aws-us-gov';
    const region = ctx.context.region ?? 'us-gov-west-1';
    const account = ctx.context.account;
    for (const flow of ctx.flows) {
      for (const action of flow.content.Actions) {
        let reportedLocal = false;
        for (const found of arnsIn(action)) {
          const hint = `replace it with a reference such as \${${kindOfArn(found.arn) ?? 'kind'}:<name>}`;
          const foreign = [
            found.partition !== partition ? `partition ${found.partition}` : undefined,
            found.region !== '' && found.region !== region ? `region ${found.region}` : undefined,
            account !== undefined && found.account !== '' && found.account !== account ? `account ${found.account}` : undefined,
          ].filter((part): part is string => part !== undefined);
          if (foreign.length > 0) {
            const here = [partition, region, account].filter((part) => part !== undefined).join(', ');
            out.push(finding(flow, id, 'error', `${found.path} holds the ARN ${JSON.stringify(shorten(found.arn))} of ${foreign.join(', ')}, which can never resolve in this jurisdiction (${here}): ${hint}`, action.Identifier));
          } else if (!reportedLocal) {
            reportedLocal = true;
            out.push(finding(flow, id, flow.imported ? 'warning' : 'error', `${found.path} holds the literal ARN ${JSON.stringify(shorten(found.arn))}: ${hint} so the flow deploys to any instance`, action.Identifier));
          }
        }
      }
    }
    return out;
  },
};
