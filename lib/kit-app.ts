import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { addCachedTemplateValidation } from './compliance/cached-validation';
import { addNagPacks } from './compliance/nag';
import { ConfigError } from './config/errors';
import type { LoadOptions } from './config/loader';
import { loadJurisdictions } from './config/loader';
import type { JurisdictionConfig } from './config/schema';
import { FlowError } from './flows/errors';
import { addJurisdiction, JurisdictionStacks } from './jurisdiction';
import { JurisdictionSources, loadJurisdictionSources, SourceCache } from './sources';

/** Everything the app reads before building anything: configs, their bots and flows, warnings. */
export interface KitInputs {
  /** The selected jurisdictions. */
  readonly configs: readonly JurisdictionConfig[];
  /** Each jurisdiction's file as shown in messages, in the order of `configs`. */
  readonly files: readonly string[];
  /** Each jurisdiction's checked bots and flows, in the order of `configs`. */
  readonly sources: readonly JurisdictionSources[];
  /** Warnings from config, bot and flow checks, in the problem-line format. */
  readonly warnings: readonly string[];
}

/**
 * CloudFormation quotas a synthesized stack must stay under.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
 */
export const STACK_LIMITS = {
  /** Resources declared in one template. */
  resources: 500,
  /** Template body size in an S3 object ("1 MB"; aws-cdk-lib warns from 1,000,000 bytes, the file in cdk.out). */
  templateBytes: 1_000_000,
  /** A template larger than this share of the limit is reported as a warning. */
  warnShare: 0.8,
} as const;

/**
 * Reads and checks every input of the selected jurisdictions. Throws a ConfigError or FlowError
 * listing every problem, before any construct exists.
 *
 * @param root the repository root bots and flows are relative to; @default the working folder
 * @param cache bot and flow files already read in this process (they must not have changed since);
 *   @default - none: every file is read
 */
export function loadKitInputs(options: LoadOptions, root: string = process.cwd(), cache: SourceCache = new SourceCache()): KitInputs {
  const loaded = loadJurisdictions(options);
  const sources = loaded.configs.map((config, i) => loadJurisdictionSources(config, root, cache, loaded.files[i]));
  return { configs: loaded.configs, files: loaded.files, sources, warnings: [...loaded.warnings, ...sources.flatMap((s) => s.warnings)] };
}

/** An error's message on one line (at most 400 characters): what a problem line can hold. */
function oneLine(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n').map((line) => line.trim()).filter((line) => line !== '').join(' ');
  const text = message === '' ? (error instanceof Error ? error.name : 'unknown error') : message;
  return text.length > 400 ? `${text.slice(0, 397)}...` : text;
}

/** True for the errors that already carry `<file>: <key>: <what>` lines. */
function isReported(error: unknown): error is ConfigError | FlowError {
  return error instanceof ConfigError || error instanceof FlowError;
}

/**
 * A throw no config check foresaw, as a problem line naming the file: never a stack trace.
 * The config checks should catch every user mistake first; this is the net under them.
 */
function unforeseen(file: string, where: string, error: unknown): string {
  return `${file}: (${where}): ${oneLine(error)} (the kit's config checks missed this: fix the setting it names, and please report it)`;
}

/**
 * Adds every jurisdiction's stacks to the app (the nag packs are the caller's to add).
 * A construct that throws while building a jurisdiction becomes a ConfigError naming that
 * jurisdiction's file; every jurisdiction is tried, then all problems are thrown at once.
 */
export function addKit(app: App, inputs: KitInputs): JurisdictionStacks[] {
  const problems: string[] = [];
  const stacks: JurisdictionStacks[] = [];
  inputs.configs.forEach((config, i) => {
    const file = inputs.files[i];
    try {
      stacks.push(addJurisdiction(app, config, inputs.sources[i]));
    } catch (error) {
      if (error instanceof ConfigError) problems.push(...error.problems);
      else if (error instanceof FlowError) throw error;
      else problems.push(unforeseen(file, 'building the stacks', error));
    }
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return stacks;
}

/** CloudFormation resources declared in `stack` (those of nested stages and stacks excluded). */
export function countResources(stack: Stack): number {
  return stack.node.findAll().filter((c) => CfnResource.isCfnResource(c) && Stack.of(c) === stack).length;
}

/** Per-stack resource counts over {@link STACK_LIMITS.resources}, as problem lines naming the file. */
export function resourceCountProblems(stacks: readonly JurisdictionStacks[], files: readonly string[]): string[] {
  return stacks.flatMap((jurisdiction, i) =>
    [jurisdiction.stateful, jurisdiction.contactCenter, jurisdiction.analytics].flatMap((stack) => {
      const count = countResources(stack);
      return count > STACK_LIMITS.resources
        ? [`${files[i]}: (stack ${stack.stackName}): ${count} resources exceed the ${STACK_LIMITS.resources} CloudFormation allows in one stack (fewer hours, queues, routing profiles, quick connects, agent statuses, phone numbers or flows)`]
        : [];
    }),
  );
}

/** Synthesized template sizes near or over {@link STACK_LIMITS.templateBytes}. */
export function templateSizeFindings(assembly: CloudAssembly, stacks: readonly JurisdictionStacks[], files: readonly string[]): { problems: string[]; warnings: string[] } {
  const problems: string[] = [];
  const warnings: string[] = [];
  stacks.forEach((jurisdiction, i) => {
    for (const stack of [jurisdiction.stateful, jurisdiction.contactCenter, jurisdiction.analytics]) {
      const artifact = assembly.getStackArtifact(stack.artifactId);
      const bytes = fs.statSync(path.join(assembly.directory, artifact.templateFile)).size;
      const where = `${files[i]}: (stack ${stack.stackName})`;
      const limit = `${STACK_LIMITS.templateBytes} bytes CloudFormation accepts`;
      if (bytes > STACK_LIMITS.templateBytes) problems.push(`${where}: the template is ${bytes} bytes, over the ${limit} (deploy fewer or smaller flows)`);
      else if (bytes > STACK_LIMITS.templateBytes * STACK_LIMITS.warnShare) warnings.push(`${where}: the template is ${bytes} bytes, close to the ${limit}`);
    }
  });
  return { problems, warnings };
}

/** The parts of cdk.out's validation-report.json read here. */
interface ValidationReport {
  readonly pluginReports?: ReadonlyArray<{
    readonly pluginName: string;
    readonly violations?: ReadonlyArray<{
      readonly ruleName: string;
      readonly description: string;
      readonly severity?: string;
      readonly violatingConstructs?: ReadonlyArray<{ readonly constructPath: string }>;
    }>;
  }>;
}

/**
 * The error findings of the validation plugins (aws-cdk-lib's CloudFormation validation, the nag
 * packs) as problem lines naming the jurisdiction file and the construct, one per finding and
 * jurisdiction: `<file>: (<construct path>[ and N more]): <finding> [<plugin> <rule>]`.
 */
export function validationReportProblems(outdir: string, stacks: readonly JurisdictionStacks[], files: readonly string[]): string[] {
  const file = path.join(outdir, 'validation-report.json');
  if (!fs.existsSync(file)) return [];
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as ValidationReport;
  const fileOf = (constructPath: string) => {
    const stackName = constructPath.split('/')[0];
    const i = stacks.findIndex((s) => [s.stateful, s.contactCenter, s.analytics].some((stack) => stack.node.id === stackName));
    return i < 0 ? undefined : files[i];
  };
  const problems: string[] = [];
  for (const plugin of report.pluginReports ?? []) {
    for (const violation of plugin.violations ?? []) {
      if (violation.severity !== undefined && violation.severity !== 'error') continue;
      const byFile = new Map<string, string[]>();
      for (const construct of violation.violatingConstructs ?? []) {
        const shown = fileOf(construct.constructPath) ?? files.join(', ');
        byFile.set(shown, [...(byFile.get(shown) ?? []), construct.constructPath]);
      }
      for (const [shown, paths] of byFile) {
        const where = paths.length === 1 ? paths[0] : `${paths[0]} and ${paths.length - 1} more`;
        problems.push(`${shown}: (${where}): ${violation.description.split('\n')[0]} [${plugin.pluginName} ${violation.ruleName}]`);
      }
    }
  }
  return [...new Set(problems)];
}

/** What {@link synthesizeKit} produced. */
export interface KitSynthesis {
  /** The cloud assembly, written to the app's outdir. */
  readonly assembly: CloudAssembly;
  /** The stacks of each jurisdiction, in the order of the inputs. */
  readonly stacks: readonly JurisdictionStacks[];
  /** Warnings found after the build (template sizes), in the problem-line format. */
  readonly warnings: readonly string[];
}

/**
 * The one path from checked inputs to a cloud assembly, shared by `cdk synth` (bin/app.ts) and
 * `gcck validate`: builds every jurisdiction, counts each stack's resources against the
 * CloudFormation limit, adds the nag packs and the CloudFormation validation (both cached per
 * stack by template), synthesizes and checks template sizes.
 * Anything that fails is a ConfigError (or FlowError) naming the file; never a stack trace.
 */
export function synthesizeKit(app: App, inputs: KitInputs): KitSynthesis {
  const stacks = addKit(app, inputs);
  const files = inputs.files;
  const counts = resourceCountProblems(stacks, files);
  if (counts.length > 0) throw new ConfigError(counts);
  const nag = addNagPacks(app);
  addCachedTemplateValidation(app);
  let assembly: CloudAssembly;
  try {
    assembly = app.synth();
  } catch (error) {
    if (isReported(error)) throw error;
    const reported = validationReportProblems(app.outdir, stacks, files);
    if (reported.length > 0) throw new ConfigError(reported);
    // Which jurisdiction: the stack named in the message, else every selected file.
    const message = error instanceof Error ? error.message : String(error);
    const named = inputs.configs.map((c, i) => (message.includes(`${c.id}-`) ? files[i] : undefined)).filter((f): f is string => f !== undefined);
    throw new ConfigError((named.length > 0 ? named : files).map((file) => unforeseen(file, 'synthesis', error)));
  }
  // Which resources each NIST rule passed, beside the templates, for `gcck audit`.
  nag.write(assembly.directory);
  const sizes = templateSizeFindings(assembly, stacks, files);
  if (sizes.problems.length > 0) throw new ConfigError(sizes.problems);
  return { assembly, stacks, warnings: sizes.warnings };
}
