import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { GuardFileResult } from '../../lib/compliance/guard';

const PACKAGE = path.join(__dirname, '..', '..', 'node_modules', '@cdklabs', 'cdk-validator-cfnguard');
const GUARD = path.join(PACKAGE, 'bin', process.platform === 'darwin' ? 'macos' : 'ubuntu', process.arch === 'arm64' ? 'aarch64' : 'x86_64', 'cfn-guard');

/** The Control Tower rule CT.KMS.PR.3 (kms_create_grant_aws_service_check) bundled with cdk-validator-cfnguard. */
export const KMS_GRANT_RULE = path.join(PACKAGE, 'rules', 'control-tower', 'cfn-guard', 'keymanagementservice', 'ct-kms-pr-3.guard');

/** Runs the bundled cfn-guard (offline) with one rule file over templates written to a temporary folder (removed after). */
export function runGuard(rule: string, templates: Record<string, unknown>): GuardFileResult[] {
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
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
