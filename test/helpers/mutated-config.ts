import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EXAMPLES_CONFIG_DIR } from './example-paths';


/**
 * A config folder in a new temporary directory: config/defaults.yaml and the Riverton example,
 * its text changed by `edit`. Returns the folder and the jurisdiction file's path.
 */
export function mutatedRiverton(edit: (text: string) => string): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-config-'));
  fs.mkdirSync(path.join(dir, 'jurisdictions'));
  fs.copyFileSync(path.join(EXAMPLES_CONFIG_DIR, 'defaults.yaml'), path.join(dir, 'defaults.yaml'));
  const original = fs.readFileSync(path.join(EXAMPLES_CONFIG_DIR, 'jurisdictions', 'riverton-311.yaml'), 'utf8');
  const text = edit(original);
  if (text === original) throw new Error('mutatedRiverton: the edit changed nothing');
  const file = path.join(dir, 'jurisdictions', 'riverton-311.yaml');
  fs.writeFileSync(file, text);
  return { dir, file };
}

/** Replaces `from` in `text`, failing if it is not there (so a test cannot pass by not editing). */
export function replaceOnce(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`replaceOnce: ${JSON.stringify(from)} not found`);
  return text.replace(from, to);
}
