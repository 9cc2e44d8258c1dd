import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

/** The repository modules (and those of aws-cdk-lib, zod and yaml) node has loaded after `gcck <argv>` ran in a fresh process. */
function modulesLoadedBy(argv: string[]): string[] {
  const script = `
    require('./lib/cli/main').main(${JSON.stringify(argv)}, { out() {}, err() {} }).then(() => {
      const loaded = Object.keys(require.cache).map((f) => require('path').relative(process.cwd(), f));
      process.stdout.write(JSON.stringify(loaded.filter((f) => ['lib/', 'node_modules/aws-cdk-lib/', 'node_modules/zod/', 'node_modules/yaml/'].some((p) => f.startsWith(p)))));
    });`;
  const result = spawnSync(process.execPath, ['--require', './bin/ts-cache.cjs', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as string[];
}

describe('gcck loads only the command it runs', () => {
  test('gcck help lint-flows imports lint-flows and no other command', () => {
    const commands = modulesLoadedBy(['help', 'lint-flows']).filter((f) => f.startsWith('lib/cli/'));
    expect(commands.sort()).toEqual(['lib/cli/command.ts', 'lib/cli/lint-flows.ts', 'lib/cli/main.ts']);
  });

  test('gcck lint-flows FILE never loads the synthesis path, cdk-nag, the audit, the config loader and schema, aws-cdk-lib, zod or yaml', () => {
    const loaded = modulesLoadedBy(['lint-flows', 'contact-flows/main-inbound.json']);
    expect(loaded).toContain('lib/flows/lint/index.ts');
    expect(loaded.filter((f) => f.startsWith('node_modules/') || ['lib/config/loader.ts', 'lib/config/schema.ts', 'lib/config/files.ts', 'lib/flows/context.ts'].includes(f))).toEqual([]);
    for (const heavy of ['lib/kit-app.ts', 'lib/compliance/nag.ts', 'lib/jurisdiction.ts', 'lib/cli/validate.ts', 'lib/cli/audit.ts', 'lib/cli/simulate.ts']) {
      expect(loaded).not.toContain(heavy);
    }
  });
});
