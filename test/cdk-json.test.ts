import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cdkJsonAppNodeOptions, cdkJsonContext } from '../lib/cdk-json';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-cdk-json-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (cdkJson: object) => fs.writeFileSync(path.join(dir, 'cdk.json'), JSON.stringify(cdkJson));

describe('cdkJsonAppNodeOptions', () => {
  test("gives the words between node and bin/app.ts of cdk.json's app", () => {
    write({ app: 'node  --single-threaded-gc --max-opt=2 --require ./bin/ts-cache.cjs bin/app.ts ' });
    expect(cdkJsonAppNodeOptions(dir)).toEqual(['--single-threaded-gc', '--max-opt=2', '--require', './bin/ts-cache.cjs']);
  });

  test('names the app it cannot read, for an app that is not node running bin/app.ts, and for none', () => {
    write({ app: 'npx tsx bin/app.ts' });
    expect(() => cdkJsonAppNodeOptions(dir)).toThrow(`cdk.json's app is not "node <options> bin/app.ts": npx tsx bin/app.ts`);
    write({});
    expect(() => cdkJsonAppNodeOptions(dir)).toThrow(`cdk.json's app is not "node <options> bin/app.ts": undefined`);
  });

  test("reads the repository's own cdk.json as the app the tests spawn", () => {
    expect(cdkJsonAppNodeOptions(path.join(__dirname, '..'))).toEqual(['--single-threaded-gc', '--require', './bin/ts-cache.cjs']);
  });
});

test('a cdk.json that is not JSON is named in the error, for either reader', () => {
  fs.writeFileSync(path.join(dir, 'cdk.json'), '{ "app": ');
  expect(() => cdkJsonContext(dir)).toThrow(`${path.join(dir, 'cdk.json')}: not valid JSON (`);
  expect(() => cdkJsonAppNodeOptions(dir)).toThrow(`${path.join(dir, 'cdk.json')}: not valid JSON (`);
});

describe('cdkJsonContext', () => {
  test("gives cdk.json's context, and an empty one without a cdk.json or a context", () => {
    write({ app: 'node bin/app.ts', context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
    expect(cdkJsonContext(dir)).toEqual({ '@aws-cdk/core:validateAgainstDefaultRules': true });
    write({ app: 'node bin/app.ts' });
    expect(cdkJsonContext(dir)).toEqual({});
    fs.rmSync(path.join(dir, 'cdk.json'));
    expect(cdkJsonContext(dir)).toEqual({});
  });
});
