/** The contract between bench/synth.ts and bench/synth-runner.ts, and the floor app's resources. */
import * as fs from 'fs';
import * as path from 'path';

/** What one runner process measured. All times are ms since this process's time origin. */
export interface RunnerResult {
  /** Wall-clock time (epoch ms) when synthesis finished; the parent subtracts its spawn time. */
  readonly doneEpochMs: number;
  /** When `main` started: node + tsx startup and this file's own (light) imports. */
  readonly mainStartMs: number;
  /** When aws-cdk-lib (and the kit, cdk-nag) had been imported. */
  readonly importedMs: number;
  /** When the config had been loaded and validated (kit only; equals importedMs otherwise). */
  readonly loadedMs: number;
  /** When the construct tree had been built (stacks added, nag plugins registered). */
  readonly builtMs: number;
  /** When `app.synth()` returned. */
  readonly synthDoneMs: number;
  /** Peak resident set size of this process, MB. */
  readonly maxRssMb: number;
}

/** A stack the floor app reproduces: its name and resource count and average resource size. */
export interface FloorStackSpec {
  readonly name: string;
  readonly account: string;
  readonly region: string;
  /** Resources in the kit's stack, AWS::CDK::Metadata excluded (the floor app gets its own). */
  readonly resources: number;
  /** Average compact-JSON size of one resource in the kit's template, bytes. */
  readonly bytesPerResource: number;
}

/**
 * The context `cdk synth` passes to the app: cdk.json's `context` plus the CLI's defaults
 * (path and asset metadata, version reporting, bundle every stack, validation findings reported
 * rather than thrown). Running the app without it would differ from a real synth: the feature flags in
 * cdk.json change what constructs render.
 *
 * @param bundling false to skip asset bundling in every stack, as `cdk ls` and `cdk synth --exclusively`
 *   do for the stacks they do not need: `aws:cdk:bundling-stacks` (cx-api `BUNDLING_STACKS`) is a list
 *   of glob patterns matched against stack paths (`Stack.bundlingRequired`, default `['**']`), so `[]`
 *   matches none. A skipped NodejsFunction keeps its resources but points its code asset at the
 *   project root with a hash from the construct path; esbuild never runs.
 */
export function cliEquivalentContext(repoRoot: string, bundling = true): Record<string, unknown> {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return {
    ...(cdkJson.context ?? {}),
    'aws:cdk:enable-path-metadata': true,
    'aws:cdk:enable-asset-metadata': true,
    'aws:cdk:version-reporting': true,
    'aws:cdk:bundling-stacks': bundling ? ['**'] : [],
    '@aws-cdk/core:failSynthOnValidationErrors': false,
  };
}

/**
 * Plain literal properties for one floor resource, padded with tags until the rendered
 * resource (`{"Type":…,"Properties":…}` plus its path metadata) is about `targetBytes` long.
 */
export function floorProperties(constructPath: string, targetBytes: number): Record<string, unknown> {
  const properties: Record<string, unknown> = { DisplayName: `floor topic ${constructPath}`, FifoTopic: false };
  const tags: { Key: string; Value: string }[] = [];
  properties.Tags = tags;
  const base = JSON.stringify({ Type: 'AWS::SNS::Topic', Properties: properties, Metadata: { 'aws:cdk:path': constructPath } }).length;
  const tag = (n: number) => ({ Key: `tag-${String(n).padStart(3, '0')}`, Value: 'v'.repeat(48) });
  const perTag = JSON.stringify(tag(0)).length + 1; // plus the comma
  for (let n = 0; base + n * perTag < targetBytes; n++) tags.push(tag(n));
  return properties;
}
