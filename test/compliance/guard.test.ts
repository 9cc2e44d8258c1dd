import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { compareWithExceptions, exceptionProblems, GuardException, GuardFileResult, guardFailures } from '../../lib/compliance/guard';
import { GUARD_EXCEPTIONS } from '../../lib/compliance/guard-exceptions';
import { addExample, kitApp } from '../helpers/examples';

const PACKAGE = path.join(__dirname, '..', '..', 'node_modules', '@cdklabs', 'cdk-validator-cfnguard');
const GUARD = path.join(PACKAGE, 'bin', process.platform === 'darwin' ? 'macos' : 'ubuntu', process.arch === 'arm64' ? 'aarch64' : 'x86_64', 'cfn-guard');
const KMS_GRANT_RULE = path.join(PACKAGE, 'rules', 'control-tower', 'cfn-guard', 'keymanagementservice', 'ct-kms-pr-3.guard');

/** Runs the bundled cfn-guard (offline) with one rule file over templates written to a temporary folder. */
function runGuard(rule: string, templates: Record<string, unknown>): GuardFileResult[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-guard-'));
  const args = ['validate', '--rules', rule, '--output-format', 'json', '--show-summary', 'none', '--structured'];
  for (const [name, template] of Object.entries(templates)) {
    const file = path.join(dir, `${name}.template.json`);
    fs.writeFileSync(file, JSON.stringify(template));
    args.push('--data', file);
  }
  try {
    return JSON.parse(execFileSync(GUARD, args, { encoding: 'utf8' }));
  } catch (e) {
    const error = e as { status?: number; stdout?: string };
    if (error.status === 19 && error.stdout) return JSON.parse(error.stdout); // 19: some rule failed
    throw e;
  }
}

function templatesOf(id: 'pinecrest-benefits' | 'riverton-311'): Record<string, unknown> {
  const stacks = addExample(kitApp(), id);
  return Object.fromEntries([stacks.stateful, stacks.contactCenter, stacks.analytics].map((stack) => [stack.stackName, Template.fromStack(stack).toJSON()]));
}

describe('cfn-guard with the Control Tower rules', () => {
  test('every key of a jurisdiction passes CT.KMS.PR.3 (grants only for AWS services)', () => {
    // GIVEN the synthesized templates of a jurisdiction (seven keys with the prompt audio key; .ci/cfn-guard.sh checks every jurisdiction)
    const templates = templatesOf('pinecrest-benefits');
    const keys = Object.values(templates).flatMap((t) => Object.values((t as { Resources: Record<string, { Type: string }> }).Resources).filter((r) => r.Type === 'AWS::KMS::Key'));
    expect(keys).toHaveLength(7);
    // WHEN the bundled cfn-guard evaluates kms_create_grant_aws_service_check
    const results = runGuard(KMS_GRANT_RULE, templates);
    // THEN nothing fails, and the rule applied to every template holding a key
    expect(guardFailures(results)).toEqual([]);
    expect(results.filter((r) => r.compliant?.includes('kms_create_grant_aws_service_check')).map((r) => path.basename(r.name)).sort()).toEqual([
      'pinecrest-benefits-analytics.template.json',
      'pinecrest-benefits-stateful.template.json',
    ]);
  });

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
