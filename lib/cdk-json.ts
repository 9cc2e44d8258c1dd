import * as fs from 'fs';
import * as path from 'path';

/**
 * What the repository's cdk.json says, read without loading aws-cdk-lib or the kit, for everything
 * that builds or starts the app outside `cdk synth` (gcck, tests, benchmarks) and must match it.
 */

function readCdkJson(root: string): { app?: unknown; context?: Record<string, unknown> } {
  const file = path.join(root, 'cdk.json');
  if (!fs.existsSync(file)) return {};
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
}

/**
 * The CDK context of cdk.json (feature flags), so an in-process app matches `cdk synth`.
 * @param root the repository root; @default the working folder
 */
export function cdkJsonContext(root: string = process.cwd()): Record<string, unknown> {
  return readCdkJson(root).context ?? {};
}

/**
 * The node options cdk.json's `app` starts the app with: the words between `node` and `bin/app.ts`
 * (the TypeScript loader, `--single-threaded-gc`). Throws when the app is not of that shape.
 * @param root the repository root; @default the working folder
 */
export function cdkJsonAppNodeOptions(root: string = process.cwd()): string[] {
  const app = readCdkJson(root).app;
  const words = typeof app === 'string' ? app.trim().split(/\s+/) : [];
  if (words[0] !== 'node' || words[words.length - 1] !== 'bin/app.ts') throw new Error(`cdk.json's app is not "node <options> bin/app.ts": ${String(app)}`);
  return words.slice(1, -1);
}
