import * as path from 'path';
import { checkBotFile } from '../../lib/bots/loader';
import type { BotDefinition } from '../../lib/bots/schema';

/** Repository root. */
export const ROOT = path.join(__dirname, '..', '..');

/** A bot lint fixture: test/fixtures/bots/lint/<name>.yaml. */
export const lintFixture = (name: string): string => path.join('test', 'fixtures', 'bots', 'lint', `${name}.yaml`);

/** A validated definition from a file (schema problems fail the test). */
export function definitionFrom(file: string): BotDefinition {
  const check = checkBotFile(path.isAbsolute(file) ? file : path.join(ROOT, file), { region: 'us-gov-west-1' });
  if (!check.definition || check.problems.length > 0) throw new Error(`${file} does not load: ${check.problems.join('; ')}`);
  return check.definition;
}

/** The kit's default bot, config/bots/citizen-services.yaml. */
export function citizenServices(): BotDefinition {
  return definitionFrom('config/bots/citizen-services.yaml');
}

/** A changeable copy of a (frozen) definition, changed by `change`. */
export function changed(definition: BotDefinition, change: (copy: BotDefinition) => void = () => undefined): BotDefinition {
  const copy = structuredClone(definition) as BotDefinition;
  change(copy);
  return copy;
}
