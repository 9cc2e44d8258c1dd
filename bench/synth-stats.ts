/** Medians of synth measurements and the shape of a synthesized cloud assembly. */
import * as fs from 'fs';
import * as path from 'path';
import type { FloorStackSpec } from './synth-shared';

/** One measurement, derived from a runner's result and the parent's spawn time. */
export interface Sample {
  /** Spawn of the child → synthesis done, ms. */
  readonly wall: number;
  /** node + tsx startup until the runner's main started, ms. */
  readonly startup: number;
  /** Importing aws-cdk-lib and the kit (or cdk-nag), ms. */
  readonly imports: number;
  /** Loading and validating the jurisdiction config (kit only), ms. */
  readonly load: number;
  /** Building the construct tree (stacks added, nag plugins registered), ms. */
  readonly build: number;
  /** `app.synth()`, ms (aspects, nag plugins, bundling, template rendering, writing cdk.out). */
  readonly synth: number;
  /** load + build + synth: the in-process cost without startup and imports, ms. */
  readonly inProcess: number;
  /** Peak RSS, MB. */
  readonly rss: number;
  /**
   * CPU time (user + system) of the whole child process tree (node, and esbuild or npx under it), ms,
   * in 10 ms ticks; NaN where /proc is missing. Other work on the machine stretches `wall` much more than this.
   */
  readonly cpu: number;
}

/** Shape of a synthesized cloud assembly, read from its manifest and templates. */
export interface AssemblyShape {
  readonly stacks: FloorStackSpec[];
  readonly resources: number;
  readonly templateBytes: number;
}

/** USER_HZ, the unit of /proc times: 100 on every Linux architecture node runs on here. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU time, ms, of this process's children that have exited and been waited for, with their own
 * waited-for descendants (Linux `/proc/self/stat` cutime + cstime); NaN elsewhere. The difference
 * across one child's lifetime is that child's CPU time, esbuild processes it ran included.
 */
export function childrenCpuMs(): number {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    // Fields after the ")" closing the command name start at field 3 (state); cutime and cstime are fields 16 and 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

/** Median of a list of numbers (the middle one, or the mean of the two middle ones). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Field-by-field median of several samples. */
export function medianSample(samples: readonly Sample[]): Sample {
  const pick = (key: keyof Sample) => median(samples.map((s) => s[key]));
  return {
    wall: pick('wall'),
    startup: pick('startup'),
    imports: pick('imports'),
    load: pick('load'),
    build: pick('build'),
    synth: pick('synth'),
    inProcess: pick('inProcess'),
    rss: pick('rss'),
    cpu: pick('cpu'),
  };
}

/** Reads stack names, environments, resource counts and sizes from a cloud assembly. */
export function readAssemblyShape(outdir: string): AssemblyShape {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
    artifacts?: Record<string, { type: string; environment?: string; properties?: { templateFile?: string } }>;
  };
  const stacks: FloorStackSpec[] = [];
  let resources = 0;
  let templateBytes = 0;
  for (const [name, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    const file = path.join(outdir, artifact.properties.templateFile);
    templateBytes += fs.statSync(file).size;
    const template = JSON.parse(fs.readFileSync(file, 'utf8')) as { Resources?: Record<string, { Type: string }> };
    const own = Object.values(template.Resources ?? {}).filter((r) => r.Type !== 'AWS::CDK::Metadata');
    const bytes = own.reduce((sum, r) => sum + JSON.stringify(r).length, 0);
    const [, account, region] = /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment ?? '') ?? [];
    stacks.push({
      name,
      account: account ?? '000000000000',
      region: region ?? 'us-gov-west-1',
      resources: own.length,
      bytesPerResource: own.length ? Math.round(bytes / own.length) : 0,
    });
    resources += own.length;
  }
  return { stacks, resources, templateBytes };
}
