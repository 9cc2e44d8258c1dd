import { idPart } from '../stacks/ids';
import { formatValue } from './errors';
import { DEFAULT_QUOTAS, REGION_CAPABILITIES } from './regions';
import { listNames } from '../flows/references';
import { closest } from './zod-issues';

type Entry = Record<string, unknown>;
const record = (value: unknown): Entry => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Entry) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Checks of the `prompts` section and the queues' `holdPrompt` that the schema cannot express:
 * the region's CloudFormation has AWS::Connect::Prompt, prompt names are unique (also once
 * reduced to a construct id), every `holdPrompt` names a listed prompt, and the count stays
 * within the default quota (a warning). The audio files themselves are checked with the
 * jurisdiction's sources (lib/prompts/files.ts), where the config folder is known.
 * Runs on the merged YAML whether the schema accepted it or not.
 *
 * @param at records one problem at a key path
 * @param warn records one warning at a key path
 * @param config the merged YAML of one jurisdiction
 */
export function checkPrompts(at: (path: string, message: string) => void, warn: (path: string, message: string) => void, config: Entry): void {
  const files = list(record(config.prompts).files).map(record);
  const region = str(config.region);
  if (files.length > 0 && region !== undefined && Object.hasOwn(REGION_CAPABILITIES, region) && !REGION_CAPABILITIES[region as keyof typeof REGION_CAPABILITIES].cfnPrompt) {
    at('prompts.files', `recorded prompts need AWS::Connect::Prompt, which CloudFormation in ${region} does not offer (remove prompts.files)`);
  }
  const names: string[] = [];
  const byIdPart = new Map<string, string>();
  files.forEach((file, i) => {
    const name = str(file.name);
    if (name === undefined) return;
    const similar = byIdPart.get(idPart(name));
    if (names.includes(name)) at(`prompts.files[${i}].name`, `${formatValue(name)} is a duplicate prompt name (names must be unique)`);
    else if (similar !== undefined) at(`prompts.files[${i}].name`, `${formatValue(name)} differs from ${formatValue(similar)} only in spaces or punctuation (names must differ in letters or digits)`);
    names.push(name);
    byIdPart.set(idPart(name), name);
  });
  list(config.queues).forEach((raw, q) => {
    const holdPrompt = str(record(raw).holdPrompt);
    if (holdPrompt === undefined || names.includes(holdPrompt)) return;
    const hint = closest(holdPrompt, names);
    at(`queues[${q}].holdPrompt`, `${formatValue(holdPrompt)} is not a prompt in prompts.files${hint ? `, did you mean "${hint}"?` : ''} (prompts: ${listNames(names)})`);
  });
  if (files.length > DEFAULT_QUOTAS.prompts) {
    warn('prompts.files', `${files.length} prompts exceed the default Amazon Connect quota of ${DEFAULT_QUOTAS.prompts} per instance (ask AWS Support to raise it before deploying)`);
  }
}
