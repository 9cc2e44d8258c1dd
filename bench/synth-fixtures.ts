import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';

/** The example the generated jurisdictions are derived from (the larger of the two). */
export const TEMPLATE_JURISDICTION = path.join('config', 'jurisdictions', 'pinecrest-benefits.yaml');

/** The defaults file copied beside the generated jurisdictions, as in the real config folder. */
export const TEMPLATE_DEFAULTS = path.join('config', 'defaults.yaml');

/** Id, instance alias and account of generated jurisdiction `index` (1-based). */
export function generatedIdentity(index: number): { id: string; alias: string; account: string } {
  const n = String(index).padStart(3, '0');
  return { id: `bench-j${n}`, alias: `bench-j${n}-cc`, account: String(200000000000 + index) };
}

/**
 * Writes a config folder holding `count` jurisdictions derived from {@link TEMPLATE_JURISDICTION}
 * (only `id`, `instance.alias` and `account` change, each with a copy of its recorded prompts)
 * plus a copy of `config/defaults.yaml`,
 * ready for `loadJurisdictions({ configDir })`.
 *
 * @param configDir folder to create; must not exist yet or be empty.
 * @param count number of jurisdictions to generate.
 * @param repoRoot root of the kit, where `config/` lives.
 */
export function writeJurisdictionFixtures(configDir: string, count: number, repoRoot: string): void {
  const jurisdictions = path.join(configDir, 'jurisdictions');
  fs.mkdirSync(jurisdictions, { recursive: true });
  const defaults = path.join(repoRoot, TEMPLATE_DEFAULTS);
  if (fs.existsSync(defaults)) fs.copyFileSync(defaults, path.join(configDir, 'defaults.yaml'));
  const source = fs.readFileSync(path.join(repoRoot, TEMPLATE_JURISDICTION), 'utf8');
  // The example's recorded prompts, found next to jurisdictions/ under prompts/<id>/.
  const prompts = path.join(repoRoot, path.dirname(path.dirname(TEMPLATE_JURISDICTION)), 'prompts', path.basename(TEMPLATE_JURISDICTION, '.yaml'));
  for (let i = 1; i <= count; i++) {
    const doc = parseDocument(source);
    const { id, alias, account } = generatedIdentity(i);
    doc.setIn(['id'], id);
    doc.setIn(['instance', 'alias'], alias);
    doc.setIn(['account'], account);
    // The $schema comment line points at ../jurisdiction.schema.json, which is not copied: harmless for the loader.
    fs.writeFileSync(path.join(jurisdictions, `${id}.yaml`), doc.toString());
    if (fs.existsSync(prompts)) fs.cpSync(prompts, path.join(configDir, 'prompts', id), { recursive: true });
  }
}
