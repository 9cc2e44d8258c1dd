import * as fs from 'fs';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LONG_POLES } = require('./sequencer') as { LONG_POLES: Record<string, number> };
const ROOT = path.join(__dirname, '..');

describe('test/sequencer.js', () => {
  test('estimates only test files that exist, so a renamed long pole is not left to run last on a clean clone', () => {
    const missing = Object.keys(LONG_POLES).filter((file) => !fs.existsSync(path.join(ROOT, file)));
    expect(missing).toEqual([]);
    expect(Object.keys(LONG_POLES).every((file) => file.endsWith('.test.ts'))).toBe(true);
  });
});
