/**
 * The floor of bench/synth.ts: a CDK app that re-emits the kit's own synthesized templates as
 * literal resources, so that `kit / floor` is what the kit itself costs.
 *
 *   npx cdk synth --app "node --require ./bin/ts-cache.cjs bench/synth-floor-app.ts" -c floorFrom=<kit cdk.out>
 *
 * Every stack of the kit's cloud assembly becomes a stack of the same name, environment and
 * dependencies; every resource a `CfnResource` of the same logical id, type, properties, DependsOn,
 * Condition, policies and metadata (construct paths are the floor's own); every output, condition,
 * mapping and parameter is copied too (the synthesizer's own BootstrapVersion parameter and rule and
 * the CDK metadata resource are left to the floor's synthesizer). It runs through the same `cdk synth`
 * with the same cdk.json context, so CloudFormation validation runs on the same templates; what the
 * floor skips is the kit's work: config, constructs, asset bundling and cdk-nag.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, CfnCondition, CfnMapping, CfnOutput, CfnParameter, CfnResource, Stack } from 'aws-cdk-lib';
import { startTimings, timed, timedSynthesis } from '../lib/timings';

const app = new App();
const writeTimings = startTimings(app);

/** The parts of a template the floor copies. */
interface Template {
  readonly Description?: string;
  readonly Resources?: Record<string, Record<string, unknown> & { Type: string }>;
  readonly Outputs?: Record<string, { Value: unknown; Description?: string; Export?: { Name: unknown }; Condition?: string }>;
  readonly Conditions?: Record<string, unknown>;
  readonly Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  readonly Parameters?: Record<string, Record<string, unknown> & { Type: string }>;
}

/** One stack artifact of the kit's manifest. */
interface StackArtifact {
  readonly name: string;
  readonly environment: string;
  readonly templateFile: string;
  readonly dependencies: readonly string[];
}

/** Made by the stack synthesizer or version reporting, which the floor has too. */
const SYNTHESIZER_OWNED = new Set(['CDKMetadata', 'CDKMetadataAvailable', 'BootstrapVersion', 'CheckBootstrapVersion']);

function readAssembly(dir: string): { artifact: StackArtifact; template: Template }[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
    artifacts?: Record<string, { type: string; environment?: string; properties?: { templateFile?: string }; dependencies?: string[] }>;
  };
  return Object.entries(manifest.artifacts ?? {})
    .filter(([, a]) => a.type === 'aws:cloudformation:stack' && a.properties?.templateFile)
    .map(([name, a]) => {
      const artifact = { name, environment: a.environment ?? '', templateFile: a.properties!.templateFile!, dependencies: a.dependencies ?? [] };
      return { artifact, template: JSON.parse(fs.readFileSync(path.join(dir, artifact.templateFile), 'utf8')) as Template };
    });
}

function emit(stack: Stack, template: Template): void {
  for (const [id, resource] of Object.entries(template.Resources ?? {})) {
    if (SYNTHESIZER_OWNED.has(id)) continue;
    const { Type, Properties, Metadata, ...options } = resource as { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> };
    const cfn = new CfnResource(stack, id, { type: Type, properties: Properties });
    cfn.overrideLogicalId(id);
    for (const [key, value] of Object.entries(Metadata ?? {})) if (key !== 'aws:cdk:path') cfn.addMetadata(key, value);
    // DependsOn, Condition, DeletionPolicy, UpdateReplacePolicy, UpdatePolicy, CreationPolicy: as written.
    for (const [key, value] of Object.entries(options)) cfn.addOverride(key, value);
  }
  for (const [id, output] of Object.entries(template.Outputs ?? {})) {
    const out = new CfnOutput(stack, `Output${id}`, { value: output.Value as string, description: output.Description, exportName: output.Export?.Name as string | undefined });
    out.overrideLogicalId(id);
    if (output.Condition) out.condition = stack.node.tryFindChild(`Condition${output.Condition}`) as CfnCondition | undefined;
  }
  for (const [id, expression] of Object.entries(template.Conditions ?? {})) {
    if (SYNTHESIZER_OWNED.has(id)) continue;
    const condition = new CfnCondition(stack, `Condition${id}`, { expression: expression as never });
    condition.overrideLogicalId(id);
  }
  for (const [id, mapping] of Object.entries(template.Mappings ?? {})) new CfnMapping(stack, id, { mapping }).overrideLogicalId(id);
  for (const [id, parameter] of Object.entries(template.Parameters ?? {})) {
    if (SYNTHESIZER_OWNED.has(id)) continue;
    const { Type, Default, Description, AllowedValues } = parameter as { Type: string; Default?: unknown; Description?: string; AllowedValues?: string[] };
    new CfnParameter(stack, id, { type: Type, default: Default, description: Description, allowedValues: AllowedValues }).overrideLogicalId(id);
  }
}

const from = app.node.tryGetContext('floorFrom');
if (typeof from !== 'string' || from === '') throw new Error('bench/synth-floor-app.ts needs -c floorFrom=<the kit cloud assembly to copy>');
const assembly = timed('config', () => readAssembly(from));
timedSynthesis(app, () => {
  const stacks = new Map<string, Stack>();
  for (const { artifact, template } of assembly) {
    const [, account, region] = /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment) ?? [];
    const stack = new Stack(app, artifact.name, { env: { account, region }, description: template.Description });
    emit(stack, template);
    stacks.set(artifact.name, stack);
  }
  for (const { artifact } of assembly) {
    for (const dependency of artifact.dependencies) {
      const other = stacks.get(dependency);
      if (other) stacks.get(artifact.name)!.addDependency(other);
    }
  }
  app.synth();
});
writeTimings();
