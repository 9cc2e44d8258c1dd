import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(relative);
    return /\.(ts|js|json)$/.test(entry.name) ? [relative] : [];
  });
}

describe('partition hygiene', () => {
  test('no source file in bin/, lib/ or lambdas/ writes a commercial-partition ARN', () => {
    // GovCloud is partition aws-us-gov: ARNs are built from Aws.PARTITION or Stack.formatArn.
    const forbidden = ['arn', 'aws', ''].join(':');
    const offenders = ['bin', 'lib', 'lambdas']
      .filter((dir) => fs.existsSync(path.join(ROOT, dir)))
      .flatMap(sourceFiles)
      .filter((file) => fs.readFileSync(path.join(ROOT, file), 'utf8').includes(forbidden));
    expect(offenders).toEqual([]);
  });
});
