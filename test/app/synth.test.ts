import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { agentSideResourceTypes } from '../helpers/agent-side';
import { appNodeOptions, EXAMPLES_CONFIG, kitContext } from '../helpers/example-paths';
import { mutatedRiverton } from '../helpers/mutated-config';

const ROOT = path.join(__dirname, '..', '..');

/**
 * Runs bin/app.ts as `cdk synth` would (cdk.json's loader), with no AWS credentials or profile in
 * the environment. `real`: as a user's first `cdk synth` on a fresh clone runs it, with
 * aws-cdk-lib's CloudFormation validation on and the kit's caches on in a new empty folder
 * (removed after), so everything is built and checked and nothing is replayed; else validation
 * and the caches off, as in the unit tests (test/setup-env.ts).
 */
function runApp(context: Record<string, unknown>, real: boolean) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-app-'));
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('AWS_')) env[key] = value;
  env.CDK_OUTDIR = outdir;
  env.CDK_CONTEXT_JSON = JSON.stringify({ ...kitContext(), ...context });
  // Point the SDK's credential and config files at nothing, so a lookup could not succeed.
  env.AWS_SHARED_CREDENTIALS_FILE = path.join(outdir, 'no-credentials');
  env.AWS_CONFIG_FILE = path.join(outdir, 'no-config');
  env.AWS_EC2_METADATA_DISABLED = 'true';
  const cache = real ? fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-cache-')) : undefined;
  if (real) {
    delete env.CDK_VALIDATION;
    // An empty cache, as on a fresh clone: every handler is bundled and every stack validated,
    // and the bundles and results are stored, as a user's first `cdk synth` does.
    env.GCCK_CACHE = 'on';
    env.GCCK_CACHE_DIR = cache;
  } else {
    env.CDK_VALIDATION = 'false';
  }
  try {
    const result = spawnSync(process.execPath, [...appNodeOptions(), path.join(ROOT, 'bin', 'app.ts')], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
    return { ...result, outdir };
  } finally {
    if (cache !== undefined) fs.rmSync(cache, { recursive: true, force: true });
  }
}

describe('bin/app.ts', () => {
  // One synthesis of both examples with aws-cdk-lib's CloudFormation validation ON (as errors,
  // per cdk.json), cdk-nag packs on, every handler bundled, and no credentials: the unit tests
  // switch validation and bundling off.
  const run = runApp({ configDir: EXAMPLES_CONFIG }, true);

  test('synthesizes both example jurisdictions offline with validation and nag on', () => {
    expect(run.stderr).not.toMatch(/Error|ERROR/);
    expect(run.status).toBe(0);
    const templates = fs.readdirSync(run.outdir).filter((f) => f.endsWith('.template.json')).sort();
    expect(templates).toEqual([
      'pinecrest-benefits-analytics.template.json',
      'pinecrest-benefits-contact-center.template.json',
      'pinecrest-benefits-stateful.template.json',
      'riverton-311-analytics.template.json',
      'riverton-311-contact-center.template.json',
      'riverton-311-stateful.template.json',
    ]);
  });

  test('creates the proficiency attribute before the flows that route on it, and the agent side only where configured', () => {
    type Resource = { Type: string; DependsOn?: string[]; Properties: { Name?: string } };
    const read = (name: string) => JSON.parse(fs.readFileSync(path.join(run.outdir, `${name}-contact-center.template.json`), 'utf8')).Resources as Record<string, Resource>;
    const pinecrest = Object.entries(read('pinecrest-benefits'));
    const [attribute] = pinecrest.filter(([, r]) => r.Type === 'AWS::Connect::PredefinedAttribute').map(([id]) => id);
    const waiting = pinecrest.filter(([, r]) => r.Type === 'AWS::Connect::ContactFlow' && (r.DependsOn ?? []).includes(attribute)).map(([, r]) => r.Properties.Name);
    expect(waiting.sort()).toEqual(['Chat inbound', 'Main inbound']);
    const types = (resources: Array<[string, { Type: string }]>) => resources.map(([, r]) => r.Type).filter((t) => /EvaluationForm|PredefinedAttribute|UserHierarchy/.test(t)).sort();
    expect(types(pinecrest)).toEqual([
      'AWS::Connect::EvaluationForm',
      'AWS::Connect::PredefinedAttribute',
      ...Array(5).fill('AWS::Connect::UserHierarchyGroup'),
      'AWS::Connect::UserHierarchyStructure',
    ]);
    expect(types(Object.entries(read('riverton-311')))).toEqual(['AWS::Connect::EvaluationForm']);
  });

  test('the Pinecrest example, with every agent-side feature on, synthesizes each of their resource types (the control of test/app/features-off.test.ts)', () => {
    const resources = Object.values(JSON.parse(fs.readFileSync(path.join(run.outdir, 'pinecrest-benefits-contact-center.template.json'), 'utf8')).Resources as Record<string, { Type: string }>);
    const types = new Set(resources.map((r) => r.Type));
    expect(agentSideResourceTypes().filter((type) => types.has(type))).toEqual(agentSideResourceTypes());
  });

  test('targets us-gov-west-1 in the jurisdiction account for every stack', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(run.outdir, 'manifest.json'), 'utf8'));
    const environments = Object.values(manifest.artifacts as Record<string, { type: string; environment?: string }>)
      .filter((a) => a.type === 'aws:cloudformation:stack')
      .map((a) => a.environment);
    expect(new Set(environments)).toEqual(new Set(['aws://111111111111/us-gov-west-1', 'aws://222222222222/us-gov-west-1']));
  });

  test('writes no commercial-partition ARN into any template', () => {
    for (const file of fs.readdirSync(run.outdir).filter((f) => f.endsWith('.template.json'))) {
      expect({ file, literal: fs.readFileSync(path.join(run.outdir, file), 'utf8').includes('arn:aws:') }).toEqual({ file, literal: false });
    }
  });

  test('writes every acknowledgement, with its reason, into the template metadata auditors read', () => {
    const template = JSON.parse(fs.readFileSync(path.join(run.outdir, 'pinecrest-benefits-stateful.template.json'), 'utf8'));
    const suppressed = template.Resources.AccessLogsBucketFA218D2A.Metadata.cdk_nag.rules_to_suppress as Array<{ id: string; reason: string }>;
    expect(suppressed.map((r) => r.id).sort()).toEqual(['NIST.800.53.R5-S3BucketReplicationEnabled', 'NIST.800.53.R5-S3DefaultEncryptionKMS']);
    expect(suppressed.every((r) => r.reason.length > 80)).toBe(true);
  });

  test('exits 1 with every config problem and no stack trace for a bad jurisdiction file', () => {
    const bad = runApp({ configDir: 'test/fixtures/config/wrong-type' }, false);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^Configuration has \d+ problems?:\n {2}test\/fixtures\/config\/wrong-type\/jurisdictions\//);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  test('exits 1 naming the file, the action and the known names when a flow references an unknown queue', () => {
    const bad = runApp({ configDir: 'test/fixtures/config/bad-flow-reference' }, false);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe(
      'Contact flows have 1 error:\n' +
        '  test/fixtures/flows/bad-reference/permits-line.json: action "Set permits queue": ${queue:Permits} names no queue (known: City Services) [error unknown-reference]\n',
    );
  });

  test('stops with the problem line gcck validate reports when a built stack exceeds 500 resources', () => {
    // 440 agent statuses pass the config-level estimate; only the built app finds the stack too large.
    // test/cli/validate.test.ts pins the same line from gcck validate (both run lib/kit-app's
    // synthesizeKit); this run proves bin/app.ts stops on it too.
    const statuses = Array.from({ length: 440 }, (_, i) => `  - { name: status-${i} }`).join('\n');
    const { dir, file } = mutatedRiverton((t) => `${t}agentStatuses:\n${statuses}\n`);
    // No bundling, no creation stack traces: neither is what this test compares (test/setup-env.ts).
    const bad = runApp({ configDir: dir, 'aws:cdk:bundling-stacks': [], 'aws:cdk:disable-creation-stack-traces': true }, false);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(bad.status).toBe(1);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(bad.stderr).toMatch(
      new RegExp(
        `^warning: ${escaped}: agentStatuses: 440 agent statuses exceed the default Amazon Connect quota of 50 per instance \\(ask AWS Support to raise it before deploying\\)\\n` +
          `Configuration has 1 problem:\\n  ${escaped}: \\(stack riverton-311-contact-center\\): 5\\d\\d resources exceed the 500 CloudFormation allows in one stack \\(fewer hours, queues, routing profiles, quick connects, agent statuses, phone numbers or flows\\)\\n$`,
      ),
    );
  });

  test('exits 1 naming the known jurisdictions when -c jurisdiction names an unknown one', () => {
    const bad = runApp({ configDir: EXAMPLES_CONFIG, jurisdiction: 'springfield' }, false);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe(`Configuration has 1 problem:\n  ${EXAMPLES_CONFIG}/jurisdictions/springfield.yaml: (file): jurisdiction "springfield" has no file (known: pinecrest-benefits, riverton-311)\n`);
  });
});
