import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { compareWithExceptions, exceptionProblems, GuardException, GuardFileResult, guardFailures } from '../../lib/compliance/guard';
import { GUARD_EXCEPTIONS } from '../../lib/compliance/guard-exceptions';
import { KMS_GRANT_RULE, runGuard } from '../helpers/cfn-guard';

describe('cfn-guard with the Control Tower rules', () => {
  // Every key of the examples passing CT.KMS.PR.3 is checked in test/audit/audit-pack.spec.ts, on the
  // examples synthesized once as `cdk synth` does (sharedSynthesis in test/helpers/examples.ts).
  test("names the failing resource of each rule: CDK's default key policy fails CT.KMS.PR.3", () => {
    const stack = new Stack(new App(), 'default-key');
    new kms.Key(stack, 'Plain');
    const results = runGuard(KMS_GRANT_RULE, { 'x-stateful': Template.fromStack(stack).toJSON() });
    expect(guardFailures(results)).toEqual([{ stack: 'x-stateful', rule: 'kms_create_grant_aws_service_check', resource: 'Plain295EB121' }]);
  });
});

describe('compareWithExceptions', () => {
  const failing = (stack: string, rule: string, resource: string): GuardFileResult => ({
    name: `/ci/cdk.out/${stack}.template.json`,
    not_compliant: [{ Rule: { name: rule, checks: [{ Clause: { Unary: { check: { UnResolved: { value: { traversed_to: { path: `/Resources/${resource}/Properties/X` } } } } } } }] } }],
    compliant: ['other_check'],
  });
  const exception = (stack: GuardException['stack'], rule: string, resource: string): GuardException => ({ stack, rule, resource, reason: 'a reason long enough for an auditor to read it' });

  test('separates listed failures from unlisted ones and reports exceptions that matched nothing', () => {
    const results = [failing('a-stateful', 'rule_one', 'Bucket1'), failing('a-analytics', 'rule_one', 'Bucket1'), failing('a-contact-center', 'rule_two', 'Fn1')];
    const report = compareWithExceptions(results, [exception('stateful', 'rule_one', 'Bucket1'), exception('contact-center', 'rule_three', 'Fn1')]);
    expect(report.excepted).toEqual([{ stack: 'a-stateful', rule: 'rule_one', resource: 'Bucket1' }]);
    // an exception names its stack: the same logical id in another stack is not covered
    expect(report.unlisted).toEqual([
      { stack: 'a-analytics', rule: 'rule_one', resource: 'Bucket1' },
      { stack: 'a-contact-center', rule: 'rule_two', resource: 'Fn1' },
    ]);
    expect(report.unused).toEqual([exception('contact-center', 'rule_three', 'Fn1')]);
    expect(report.rules).toEqual(['other_check', 'rule_one', 'rule_two']);
  });

  test('finds duplicate entries and missing reasons in an exceptions list', () => {
    const list = [exception('stateful', 'r', 'A'), exception('stateful', 'r', 'A'), { ...exception('analytics', 'r', 'B'), reason: 'ok' }];
    expect(exceptionProblems(list)).toEqual(['stateful|r|A: listed twice', 'analytics|r|B: the reason is missing or too short to tell an auditor why']);
  });

  test("the kit's exceptions list has one entry per (stack, rule, resource), each with a reason", () => {
    expect(exceptionProblems(GUARD_EXCEPTIONS)).toEqual([]);
    expect(GUARD_EXCEPTIONS.filter((e) => e.rule === 'kms_create_grant_aws_service_check')).toEqual([]);
  });
});
