import * as fs from 'fs';
import * as path from 'path';
import type { StackTemplate, Template } from '../audit/types';

/** Reads the stacks of a cloud assembly (`cdk.out`) from its manifest, in manifest order. */
export function readCloudAssembly(dir: string): StackTemplate[] {
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error(`${dir}: no manifest.json (run \`npx cdk synth\` first, or pass --cdk-out DIR)`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { artifacts?: Record<string, { type: string; properties?: { templateFile?: string } }> };
  const stacks: StackTemplate[] = [];
  for (const [name, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    stacks.push({ name, template: JSON.parse(fs.readFileSync(path.join(dir, artifact.properties.templateFile), 'utf8')) as Template });
  }
  return stacks;
}

/** The stacks of one jurisdiction: named `<id>-<part>` by bin/app.ts. */
export function jurisdictionStacks(stacks: readonly StackTemplate[], id: string): StackTemplate[] {
  return stacks.filter((s) => s.name.startsWith(`${id}-`));
}
