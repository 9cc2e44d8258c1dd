import * as path from 'path';
import { loadSimulations, type Simulation } from '../../lib/cli/simulation';
import { EXAMPLES_CONFIG_DIR, type ExampleId } from './example-paths';

const ROOT = path.join(__dirname, '..', '..');

let shared: Simulation[] | undefined;

/**
 * The simulations of both example jurisdictions (config, flows and bots as `gcck simulate` loads
 * them), loaded on the first call and shared by every later call in the same jest test file
 * (each file has its own module registry): loading costs about half a CPU-second. For tests that
 * run scenarios on them or build worlds of their own from their parts; none changes them.
 */
export function exampleSimulations(): Simulation[] {
  if (shared === undefined) {
    // The jurisdictions' flow folders are relative to the repository root, where gcck runs.
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      shared = loadSimulations(ROOT, undefined, EXAMPLES_CONFIG_DIR);
    } finally {
      process.chdir(cwd);
    }
  }
  return shared;
}

/** One example's simulation, from {@link exampleSimulations}. */
export function exampleSimulation(id: ExampleId): Simulation {
  const found = exampleSimulations().find((s) => s.config.id === id);
  if (found === undefined) throw new Error(`no example jurisdiction ${id} in ${EXAMPLES_CONFIG_DIR}`);
  return found;
}
