import type { Finding } from '../../types';
import { finding, flowRule, LintRule } from '../rule';

const id = 'lambda-timeout';

/**
 * A Lambda function invoked synchronously from a flow has at most 8 seconds
 * (`InvocationTimeLimitSeconds` 1–8); an asynchronous invocation (`InvocationType`
 * `ASYNCHRONOUS`, result read later with a Wait) may take up to 60.
 * https://docs.aws.amazon.com/connect/latest/adminguide/invoke-lambda-function-block.html
 */
export const lambdaTimeout: LintRule = flowRule({
  id,
  description: 'InvokeLambdaFunction InvocationTimeLimitSeconds must be a whole number from 1 to 8 (60 when asynchronous).',
  checkFlow(flow) {
    const out: Finding[] = [];
    for (const action of flow.content.Actions) {
      if (action.Type !== 'InvokeLambdaFunction') continue;
      const value = action.Parameters.InvocationTimeLimitSeconds;
      if (value === undefined || (typeof value === 'string' && value.startsWith('$.'))) continue;
      const asynchronous = action.Parameters.InvocationType === 'ASYNCHRONOUS';
      const max = asynchronous ? 60 : 8;
      const seconds = typeof value === 'number' || typeof value === 'string' ? Number(value) : NaN;
      if (Number.isInteger(seconds) && seconds >= 1 && seconds <= max) continue;
      out.push(
        finding(flow, id, 'error', `InvocationTimeLimitSeconds ${JSON.stringify(value)} is outside 1–${max} seconds (${asynchronous ? 'asynchronous invocations' : 'a flow waits at most 8 seconds for a synchronous Lambda'})`, action.Identifier),
      );
    }
    return out;
  },
});
