import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { MANAGED_VIEWS } from '../flows/context';

/**
 * ARNs of the AWS-managed agent workspace views flows show as `${view:<name>}` (ShowView), e.g.
 * `arn:<partition>:connect:<region>:aws:view/detail`: they belong to the `aws` account and to no
 * instance, so nothing is created for them. Built with the stack's partition and region, never
 * a literal partition.
 * https://docs.aws.amazon.com/connect/latest/adminguide/view-resources-managed-view.html
 */
export function managedViewArns(scope: IConstruct): Map<string, string> {
  const stack = Stack.of(scope);
  return new Map(MANAGED_VIEWS.map((name) => [name, stack.formatArn({ service: 'connect', account: 'aws', resource: 'view', resourceName: name, arnFormat: ArnFormat.SLASH_RESOURCE_NAME })]));
}
