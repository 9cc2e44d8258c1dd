import * as fs from 'fs';
import * as path from 'path';
import { ConfigError } from '../config/errors';
import { displayPath } from '../config/display-path';
import type { JurisdictionConfig } from '../config/schema';
import { closest } from '../config/zod-issues';
import { promptAudioProblems } from './requirements';

/** One recorded prompt whose audio file exists and plays in Amazon Connect. */
export interface CheckedPrompt {
  /** The reference name (`${prompt:<name>}`) and Amazon Connect prompt name. */
  readonly name: string;
  /** The file name inside the prompts folder. */
  readonly file: string;
  /** What it says or plays. @default - none */
  readonly description?: string;
}

/** A jurisdiction's checked prompts and the folder their files are in. */
export interface JurisdictionPrompts {
  /** Absolute path of the prompts folder (meaningless when `prompts` is empty). */
  readonly folder: string;
  /** The prompts, in config order. */
  readonly prompts: readonly CheckedPrompt[];
}

/**
 * The prompts folder of a jurisdiction: `prompts.folder`, or `prompts/<id>`, relative to its
 * config folder (the folder holding `jurisdictions/`), so a config folder and its copy (the
 * kit's test fixtures) each carry their own audio.
 *
 * @param configFile the jurisdiction file as problem lines show it (absolute, or relative to the
 *   working folder: lib/config/files.ts displayPath)
 */
export function promptFolder(config: JurisdictionConfig, configFile: string): string {
  const configDir = path.dirname(path.dirname(path.resolve(configFile)));
  return path.resolve(configDir, config.prompts.folder ?? path.join('prompts', config.id));
}

/**
 * Checks every audio file `prompts.files` lists: it exists in the prompts folder and Amazon
 * Connect can play it (lib/prompts/requirements.ts). Throws one ConfigError listing every
 * problem, before any construct is built.
 *
 * @param configFile the jurisdiction file as problem lines show it (see {@link promptFolder})
 */
export function checkPromptFiles(config: JurisdictionConfig, configFile: string): JurisdictionPrompts {
  const folder = promptFolder(config, configFile);
  const files = config.prompts.files;
  if (files.length === 0) return { folder, prompts: [] };
  const shownFolder = displayPath(folder);
  const present = fs.existsSync(folder) && fs.statSync(folder).isDirectory() ? fs.readdirSync(folder).filter((f) => f.toLowerCase().endsWith('.wav')).sort() : undefined;
  const problems: string[] = [];
  files.forEach((entry, i) => {
    const file = path.join(folder, entry.file);
    if (present === undefined) {
      problems.push(`${configFile}: prompts.files[${i}].file: ${JSON.stringify(entry.file)} cannot be found: the prompts folder ${shownFolder} does not exist (create it, or set prompts.folder, relative to the config folder)`);
      return;
    }
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      const hint = closest(entry.file, present);
      problems.push(`${configFile}: prompts.files[${i}].file: ${JSON.stringify(entry.file)} does not exist in ${shownFolder}${hint ? `, did you mean "${hint}"?` : ''} (.wav files there: ${present.join(', ') || 'none'})`);
      return;
    }
    try {
      problems.push(...promptAudioProblems(file, displayPath(file)));
    } catch (error) {
      problems.push(`${displayPath(file)}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
    }
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return { folder, prompts: files.map((entry) => ({ name: entry.name, file: entry.file, description: entry.description })) };
}
