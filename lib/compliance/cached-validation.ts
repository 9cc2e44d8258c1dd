import * as fs from 'fs';
import * as path from 'path';
import {
  App,
  CfnResource,
  CloudFormationValidatePlugin,
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
  PolicyValidationStack,
  PolicyViolation,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import type { NagPack } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { cacheDir, cacheEnabled, readEntry, sha256, writeEntry } from '../cache/store';
import { recordWorkerTime } from '../timings';
import { prefetchInWorker, startEngineInWorker, validateInWorker } from './validation-worker';

/**
 * Bumped whenever what a cached result means changes (this file, the recorded extras): every
 * entry written before is then a miss.
 */
const SCHEMA = 'gcck-validation-v1';

/** The version of package `name`, looked up from `from`'s folder (aws-cdk-lib keeps its own dependencies), or 'unknown'. */
function packageVersion(name: string, from?: string): string {
  try {
    const manifest = require.resolve(`${name}/package.json`, from === undefined ? undefined : { paths: [from] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(manifest) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * The version of the validation engine aws-cdk-lib uses, read from its package.json: the engine's
 * own `version()` (what the plugin's `version` returns) first loads and compiles its 9 MB
 * WebAssembly module, about 0.15 s of the main thread, which only the worker needs.
 */
export function engineVersion(): string {
  return packageVersion('@aws/cloudformation-validate', require.resolve('aws-cdk-lib'));
}

/** What one plugin found in one stack, as stored. */
interface StackOutcome {
  /** The plugin's violations in this stack (template paths stored as file names). */
  readonly violations: PolicyViolation[];
  /** False when the plugin failed this stack. */
  readonly success: boolean;
  /** What the plugin's recorder took from this stack's run (see {@link StackRecorder}). */
  readonly recorded?: unknown;
}

/**
 * A plugin's side results that must survive a cached run (the NIST pack's per-resource
 * outcomes for the audit pack): taken after a stack is validated, restored when it is not.
 */
export interface StackRecorder {
  /** What the last validation of `stackConstructPath` recorded, as plain JSON data. */
  take(stackConstructPath: string): unknown;
  /** Restores what {@link take} returned, for a stack whose validation is skipped. */
  restore(stackConstructPath: string, recorded: unknown): void;
}

/** The template paths of a violation's resources replaced by their file names (stored) or back. */
function withTemplatePaths(violations: readonly PolicyViolation[], map: (templatePath: string) => string): PolicyViolation[] {
  return violations.map((v) => ({ ...v, violatingResources: v.violatingResources.map((r) => (r.templatePath === undefined ? { ...r } : { ...r, templatePath: map(r.templatePath) })) }));
}

/** Joins per-stack violations of one rule (plugins report one violation per rule with all its resources). */
function merge(violations: readonly PolicyViolation[]): PolicyViolation[] {
  const out: PolicyViolation[] = [];
  for (const v of violations) {
    const same = out.find((o) => o.ruleName === v.ruleName && o.severity === v.severity && o.description === v.description);
    if (same) (same as { violatingResources: PolicyViolation['violatingResources'] }).violatingResources = [...same.violatingResources, ...v.violatingResources];
    else out.push({ ...v, violatingResources: [...v.violatingResources] });
  }
  return out;
}

/**
 * Each stack of `context` with its cache entry's file and, if intact, its stored outcome. With the
 * cache off there is no file: the key (a read and a hash of each template) is not computed.
 */
function lookUp(
  plugin: string,
  context: IPolicyValidationContext,
  keyOf: (stack: PolicyValidationStack, template: Buffer) => string,
): Array<{ stack: PolicyValidationStack; file?: string; stored?: StackOutcome }> {
  if (!cacheEnabled()) return context.stackTemplates.map((stack) => ({ stack }));
  const dir = path.join(cacheDir(), 'validation');
  return context.stackTemplates.map((stack) => {
    const file = path.join(dir, `${sha256(SCHEMA, plugin, keyOf(stack, fs.readFileSync(stack.templatePath)))}.json`);
    const stored = readEntry<StackOutcome>(file);
    return stored !== undefined && Array.isArray(stored.violations) && typeof stored.success === 'boolean' ? { stack, file, stored } : { stack, file };
  });
}

/**
 * Runs `validate` only on the stacks whose outcome is not cached, and reuses the stored outcome
 * of the others. `keyOf` names everything a stack's outcome depends on besides the plugin: an
 * entry is reused only when its key is identical, and unreadable entries are misses.
 */
function validateCached(
  plugin: string,
  context: IPolicyValidationContext,
  keyOf: (stack: PolicyValidationStack, template: Buffer) => string,
  validate: (stacks: PolicyValidationStack[]) => Map<string, StackOutcome> | undefined,
  recorder?: StackRecorder,
): PolicyValidationPluginReport {
  const outcomes = new Map<string, StackOutcome>();
  const missing: Array<{ stack: PolicyValidationStack; file?: string }> = [];
  for (const { stack, file, stored } of lookUp(plugin, context, keyOf)) {
    if (stored !== undefined) {
      outcomes.set(stack.templatePath, { ...stored, violations: withTemplatePaths(stored.violations, (name) => path.join(path.dirname(stack.templatePath), name)) });
      if (recorder) recorder.restore(stack.stackConstructPath, stored.recorded);
    } else {
      missing.push({ stack, file });
    }
  }
  if (missing.length > 0) {
    const fresh = validate(missing.map((m) => m.stack));
    if (fresh === undefined) throw new Error(`${plugin}: could not attribute its findings to stacks`);
    for (const { stack, file } of missing) {
      const outcome = fresh.get(stack.templatePath);
      if (outcome === undefined) throw new Error(`${plugin}: no outcome for ${stack.stackConstructPath}`);
      outcomes.set(stack.templatePath, outcome);
      if (file !== undefined) writeEntry(file, { ...outcome, recorded: recorder?.take(stack.stackConstructPath), violations: withTemplatePaths(outcome.violations, (p) => path.basename(p)) });
    }
  }
  const all = context.stackTemplates.map((s) => outcomes.get(s.templatePath)!);
  return { success: all.every((o) => o.success), violations: merge(all.flatMap((o) => o.violations)) };
}

/** A report of several stacks split per stack by each resource's template path (undefined if one has none). */
function splitByTemplate(report: PolicyValidationPluginReport, stacks: readonly PolicyValidationStack[]): Map<string, StackOutcome> | undefined {
  const byTemplate = new Map<string, PolicyViolation[]>(stacks.map((s) => [s.templatePath, []]));
  for (const violation of report.violations) {
    for (const resource of violation.violatingResources) {
      const own = resource.templatePath === undefined ? undefined : byTemplate.get(path.resolve(resource.templatePath));
      if (own === undefined) return undefined;
      own.push({ ...violation, violatingResources: [resource] });
    }
  }
  const failedWithoutFinding = !report.success && report.violations.length === 0;
  if (failedWithoutFinding) return undefined;
  return new Map(
    [...byTemplate].map(([templatePath, violations]) => {
      const merged = merge(violations);
      return [templatePath, { violations: merged, success: report.success || merged.every((v) => v.severity !== 'error' && v.severity !== 'fatal') }];
    }),
  );
}

/**
 * aws-cdk-lib's CloudFormation validation (the default rules and the resource schemas), with
 * each stack's outcome cached by its template's content, account and region and the validator's
 * version: an unchanged stack is not validated again, and when every stack is unchanged the
 * validation engine is not even started. Registering it replaces the built-in instance (same
 * plugin name, so `@aws-cdk/core:validateAgainstDefaultRules` still decides errors vs warnings).
 */
export class CachedCloudFormationValidatePlugin extends CloudFormationValidatePlugin {
  /** The validator that checks the stacks not cached: one per process, as its engine takes seconds to start. */
  private static validator?: CloudFormationValidatePlugin;

  private static sharedValidator(): CloudFormationValidatePlugin {
    // The engine runs in a worker thread (lib/compliance/validation-worker.ts: the same rules, a small heap).
    CachedCloudFormationValidatePlugin.validator ??= validateInWorker(new CloudFormationValidatePlugin(), recordWorkerTime);
    return CachedCloudFormationValidatePlugin.validator;
  }

  private pluginKey(): string {
    return `${this.name}@${engineVersion()}/aws-cdk-lib@${packageVersion('aws-cdk-lib')}`;
  }

  private static keyOf(stack: PolicyValidationStack, template: Buffer): string {
    return sha256(stack.stackConstructPath, stack.accountId ?? '', stack.region ?? '', template);
  }

  private static restricted(context: IPolicyValidationContext, stacks: PolicyValidationStack[]): IPolicyValidationContext {
    return { ...context, templatePaths: stacks.map((s) => s.templatePath), stackTemplates: stacks };
  }

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    return validateCached(this.pluginKey(), context, CachedCloudFormationValidatePlugin.keyOf, (stacks) =>
      splitByTemplate(CachedCloudFormationValidatePlugin.sharedValidator().validate(CachedCloudFormationValidatePlugin.restricted(context, stacks)), stacks),
    );
  }

  /**
   * Hands the templates of `context` that are not cached to the validation worker and returns at
   * once: the worker validates them while the nag packs run, and {@link validate} then collects
   * the outcomes. Findings are the same either way.
   */
  prefetch(context: IPolicyValidationContext): void {
    const missing = lookUp(this.pluginKey(), context, CachedCloudFormationValidatePlugin.keyOf).filter((s) => s.stored === undefined).map((s) => s.stack);
    if (missing.length > 0) prefetchInWorker(CachedCloudFormationValidatePlugin.sharedValidator(), CachedCloudFormationValidatePlugin.restricted(context, missing));
  }
}

/** The cached CloudFormation validation registered on each app, which the first nag pack to run asks to prefetch. */
const templateValidationOf = new WeakMap<IConstruct, CachedCloudFormationValidatePlugin>();

/**
 * The stack at `constructPath` in the tree under `root`: found by the path's construct IDs (which
 * cannot hold a `/`), without visiting the rest of the tree; else (a root that is not the path's
 * start) by a search of the tree.
 */
export function stackAt(root: IConstruct, constructPath: string): Stack | undefined {
  let node: IConstruct | undefined = root;
  for (const id of constructPath.split('/')) node = node?.node.tryFindChild(id);
  if (node !== undefined && Stack.isStack(node) && node.node.path === constructPath) return node;
  return root.node.findAll().find((c): c is Stack => Stack.isStack(c) && c.node.path === constructPath);
}

/**
 * A cdk-nag pack whose findings are cached per stack, keyed by the stack's template (which
 * holds every resource property the rules read and, with `writeSuppressionsToCloudFormation`,
 * every acknowledgement), the construct paths of its resources, the pack's name and settings and
 * the cdk-nag and aws-cdk-lib versions.
 */
export class CachedNagPack implements IPolicyValidationPlugin {
  /** The pack's name. */
  readonly name: string;
  /** The pack's version. */
  readonly version?: string;
  /** The pack's rule IDs. */
  readonly ruleIds?: string[];

  /**
   * @param pack the pack that validates the stacks whose findings are not cached
   * @param settings the pack's settings that change its findings (e.g. `verbose`), as text
   * @param recorder what else the pack records per stack
   * @default recorder - nothing
   */
  constructor(
    private readonly pack: NagPack,
    private readonly settings: string,
    private readonly recorder?: StackRecorder,
  ) {
    this.name = pack.name;
    this.version = pack.version;
    this.ruleIds = pack.ruleIds;
  }

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const app = (context as { appConstruct?: IConstruct }).appConstruct;
    if (app === undefined) throw new Error(`${this.name}: the validation context has no construct tree (aws-cdk-lib too old for cdk-nag 3)`);
    // The templates are written: the CloudFormation validation (a later plugin) can start on them in its worker now.
    const templates = templateValidationOf.get(app);
    templateValidationOf.delete(app);
    templates?.prefetch(context);
    const stacks = new Map(context.stackTemplates.map((s) => [s.stackConstructPath, stackAt(app, s.stackConstructPath)]));
    const plugin = `${this.name}[${this.settings}]/cdk-nag@${packageVersion('cdk-nag')}/aws-cdk-lib@${packageVersion('aws-cdk-lib')}`;
    const resourcePaths = (stack: Stack | undefined) =>
      stack === undefined
        ? 'no stack'
        : stack.node
            .findAll()
            .filter((c) => CfnResource.isCfnResource(c) && Stack.of(c) === stack)
            .map((c) => c.node.path)
            .sort()
            .join('\n');
    return validateCached(
      plugin,
      context,
      (s, template) => sha256(s.stackConstructPath, resourcePaths(stacks.get(s.stackConstructPath)), template),
      (missing) => {
        const out = new Map<string, StackOutcome>();
        for (const s of missing) {
          const stack = stacks.get(s.stackConstructPath);
          if (stack === undefined) return undefined;
          const report = this.pack.validateScope(stack);
          out.set(s.templatePath, { violations: report.violations.map((v) => ({ ...v, violatingResources: [...v.violatingResources] })), success: report.success });
        }
        return out;
      },
      this.recorder,
    );
  }
}

/** True when no validation outcome is stored yet (or the cache is off): every stack will be validated. */
function validationCacheIsEmpty(): boolean {
  if (!cacheEnabled()) return true;
  try {
    return fs.readdirSync(path.join(cacheDir(), 'validation')).length === 0;
  } catch {
    return true;
  }
}

/** True when aws-cdk-lib will run its CloudFormation validation on this app (so the kit's cached one). */
function validationOn(app: App): boolean {
  const builtin = (app as unknown as { _builtinCloudFormationValidation?: boolean })._builtinCloudFormationValidation !== false;
  return builtin && process.env.CDK_VALIDATION !== 'false';
}

/**
 * Starts the CloudFormation validation engine in its worker thread now, when the app will validate
 * and no outcome is cached yet (a first run, an emptied cache, `GCCK_CACHE=off`): every stack will
 * then need the engine, and it starts (~2-3 CPU-seconds) while this thread reads config and builds
 * constructs. Otherwise the engine starts only if a stack's template is not cached. Call it
 * first thing after creating the app.
 */
export function startTemplateValidationEarly(app: App): void {
  // No resource types yet: the engine aws-cdk-lib starts is the same for any of the kit's (see startEngineInWorker).
  if (validationOn(app) && validationCacheIsEmpty()) startEngineInWorker([]);
}

/**
 * Registers {@link CachedCloudFormationValidatePlugin} on the app when aws-cdk-lib would run its
 * built-in validation (not with `CDK_VALIDATION=false` or `builtinCloudFormationValidation: false`).
 * Call it once the construct tree is built: when no outcome is cached yet (a first run, an emptied
 * cache), every stack will need the engine, so it starts now in its worker thread, for the
 * resource types of the tree, while the templates are rendered.
 */
export function addCachedTemplateValidation(app: App): void {
  if (!validationOn(app)) return;
  const plugin = new CachedCloudFormationValidatePlugin();
  Validations.of(app).addPlugins(plugin);
  templateValidationOf.set(app, plugin);
  if (validationCacheIsEmpty()) {
    const types = new Set<string>();
    for (const c of app.node.findAll()) if (CfnResource.isCfnResource(c)) types.add(c.cfnResourceType);
    startEngineInWorker(types);
  }
}
