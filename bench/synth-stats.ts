/** Medians, child-process CPU time and the shape of a synthesized cloud assembly, for the benches. */
import * as fs from 'fs';
import * as path from 'path';

/** One stack of a cloud assembly. */
export interface StackShape {
  readonly name: string;
  /** Resources in its template, AWS::CDK::Metadata excluded. */
  readonly resources: number;
  /** Size of its template file. */
  readonly templateBytes: number;
}

/** Shape of a synthesized cloud assembly, read from its manifest and templates. */
export interface AssemblyShape {
  readonly stacks: StackShape[];
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

/** Reads stack names, resource counts and template sizes from a cloud assembly. */
export function readAssemblyShape(outdir: string): AssemblyShape {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
    artifacts?: Record<string, { type: string; environment?: string; properties?: { templateFile?: string } }>;
  };
  const stacks: StackShape[] = [];
  let resources = 0;
  let templateBytes = 0;
  for (const [name, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    const file = path.join(outdir, artifact.properties.templateFile);
    const bytes = fs.statSync(file).size;
    templateBytes += bytes;
    const template = JSON.parse(fs.readFileSync(file, 'utf8')) as { Resources?: Record<string, { Type: string }> };
    const own = Object.values(template.Resources ?? {}).filter((r) => r.Type !== 'AWS::CDK::Metadata');
    stacks.push({ name, resources: own.length, templateBytes: bytes });
    resources += own.length;
  }
  return { stacks, resources, templateBytes };
}
