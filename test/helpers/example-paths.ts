import * as path from 'path';
import { cdkJsonAppNodeOptions, cdkJsonContext } from '../../lib/cdk-json';

/**
 * Where the example jurisdictions' fixture copies are, and cdk.json's context: plain paths and
 * data, with nothing of aws-cdk-lib or the kit's constructs loaded, for tests that only name the examples'
 * files or spawn the app (test/helpers/examples.ts, which builds them, re-exports these).
 */

const ROOT = path.join(__dirname, '..', '..');

/** The context of cdk.json (feature flags), so tests build apps exactly as `cdk synth` does. */
export function kitContext(): Record<string, unknown> {
  return cdkJsonContext(ROOT);
}

/** The node options cdk.json's `app` starts bin/app.ts with, so tests that spawn the app run it as `cdk synth` does. */
export function appNodeOptions(): string[] {
  return cdkJsonAppNodeOptions(ROOT);
}

/**
 * The kit's own copies of the two example jurisdictions (and the defaults they were written
 * against), so that tests pinned to them pass whatever an agency adds to, edits in or removes
 * from config/. test/app/your-jurisdictions.test.ts checks the files in config/ themselves.
 */
export const EXAMPLES_CONFIG_DIR = path.join(ROOT, 'test', 'fixtures', 'config', 'examples');

/** EXAMPLES_CONFIG_DIR as problem lines and `--config-dir` show it (relative to the repository root, where jest runs). */
export const EXAMPLES_CONFIG = 'test/fixtures/config/examples';

/** The example jurisdictions' ids. */
export type ExampleId = 'pinecrest-benefits' | 'riverton-311';

/** An example's jurisdiction file as problem lines show it. */
export function exampleFile(id: ExampleId): string {
  return `${EXAMPLES_CONFIG}/jurisdictions/${id}.yaml`;
}
