import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { CfnResource, TagManager } from 'aws-cdk-lib';
import { chromium } from 'playwright-core';
import { NAG_NIST_RULES, FEDRAMP_MODERATE } from '../../lib/audit/data';
import { diffAssemblies, Change } from '../../lib/audit/diff';
import { at } from '../../lib/audit/model';
import { readNagRules } from '../../lib/audit/nag-rule-source';
import type { AuditPack } from '../../lib/audit/pack';
import type { NagOutcomes, StackTemplate, Template } from '../../lib/audit/types';
import { packFor, writePack } from '../../lib/cli/audit';
import { jurisdictionStacks } from '../../lib/cli/cdk-out';
import { main } from '../../lib/cli/main';
import { guardFailures } from '../../lib/compliance/guard';
import { TAG_KEYS, UNTAGGABLE_IN_GOVCLOUD } from '../../lib/compliance/tags';
import type { JurisdictionConfig } from '../../lib/config/schema';
import type { JurisdictionStacks } from '../../lib/jurisdiction';
import { KMS_GRANT_RULE, runGuard } from '../helpers/cfn-guard';
import { exampleConfig, EXAMPLES_CONFIG, sharedSynthesis } from '../helpers/examples';

type Example = 'pinecrest-benefits' | 'riverton-311';
const EXAMPLES: readonly Example[] = ['pinecrest-benefits', 'riverton-311'];
const TIME = '2026-11-27T00:00:00Z';

let cdkOut: string;
let stacks: StackTemplate[];
let outcomes: NagOutcomes;
/** Why the synthesis with the nag packs failed (an unacknowledged finding), if it did. */
let synthError: Error | undefined;
const constructs = new Map<Example, JurisdictionStacks>();
const configs = new Map<Example, JurisdictionConfig>();
const packs = new Map<Example, AuditPack>();
const temporary: string[] = [];
/** A temp folder removed after the tests. */
const tempDir = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporary.push(dir);
  return dir;
};

// The shared synthesis's cloud assembly too: a root-level afterAll runs after every test of the file.
afterAll(() => {
  for (const dir of [...temporary, cdkOut]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

beforeAll(() => {
  // GIVEN both examples synthesized once, in-process, with the nag packs (they write the
  // acknowledgements into the templates), path metadata (the audit names resources by construct
  // path, as `cdk synth` writes it) and without bundling function code: sharedSynthesis, the
  // build every spec of test/stacks/example-apps.test.ts reads. The other tests that only read
  // the synthesized examples (nag, tags, cfn-guard) live in this file too.
  const synthesis = sharedSynthesis();
  for (const id of EXAMPLES) constructs.set(id, synthesis.stacks[id]);
  // Reported by the test 'cdk-nag packs find no unacknowledged ... finding in either example'.
  synthError = synthesis.error;
  if (synthesis.assembly === undefined) return;
  cdkOut = synthesis.assembly.directory;
  // As bin/app.ts does: the NIST rule outcomes beside the templates.
  synthesis.nag.write(cdkOut);
  outcomes = synthesis.nag.results();
  stacks = synthesis.assembly.stacks.map((s) => ({ name: s.stackName, template: s.template as Template }));
  for (const id of EXAMPLES) {
    configs.set(id, exampleConfig(id));
    packs.set(id, packFor(configs.get(id)!, jurisdictionStacks(stacks, id), TIME, outcomes));
  }
}, 120_000);

const resourcesOf = (id: Example, type: string) =>
  jurisdictionStacks(stacks, id).flatMap((s) => Object.entries(s.template.Resources ?? {}).filter(([, r]) => r.Type === type).map(([logicalId, r]) => ({ stack: s.name, logicalId, resource: r })));
const control = (id: Example, label: string) => packs.get(id)!.matrix.find((c) => c.label === label)!;
const clone = (list: readonly StackTemplate[]): StackTemplate[] => JSON.parse(JSON.stringify(list));
const find = (list: StackTemplate[], stackSuffix: string, type: string, logicalPrefix = '') => {
  const s = list.find((x) => x.name.endsWith(stackSuffix) && x.name.startsWith('riverton-311'))!;
  const [logicalId, r] = Object.entries(s.template.Resources!).find(([k, v]) => v.Type === type && k.startsWith(logicalPrefix))!;
  return { stack: s, logicalId, r: r as { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; Metadata?: Record<string, any> } };
};

let oscal: ValidateFunction | undefined;
/** The OSCAL 1.2.1 component-definition schema, compiled once for both examples (about 0.6 s each). */
function oscalValidator(): ValidateFunction {
  if (oscal) return oscal;
  // No optimization pass over the generated code: the same checks, compiled in about half the time.
  const ajv = new Ajv({ allErrors: true, strict: false, code: { optimize: false } });
  addFormats(ajv);
  oscal = ajv.compile(JSON.parse(fs.readFileSync(path.join(__dirname, '../../lib/audit/data/oscal_component_schema.json'), 'utf8')));
  return oscal;
}

/** The synthesized template of a stack of the examples. */
const templateOf = (stackName: string) => stacks.find((s) => s.name === stackName)!.template;

describe('cdk-nag packs', () => {
  test('find no unacknowledged NIST 800-53 rev 5 or AWS Solutions finding in either example', () => {
    // GIVEN both example jurisdictions with the nag packs (beforeAll)
    // THEN synthesis succeeded
    expect(synthError?.message).toBeUndefined();
    expect(stacks.map((s) => s.name).sort()).toEqual(EXAMPLES.flatMap((id) => [`${id}-analytics`, `${id}-contact-center`, `${id}-stateful`]));
  });
});

/** The six kit tags with the Pinecrest example's values (its `tags` block in the fixture config). */
const PINECREST_TAGS = {
  [TAG_KEYS.systemId]: 'PSDB-CC-01',
  [TAG_KEYS.owner]: 'benefits-contact-center',
  [TAG_KEYS.costCenter]: '4410',
  [TAG_KEYS.dataClassification]: 'CUI',
  [TAG_KEYS.jurisdiction]: 'pinecrest-benefits',
  [TAG_KEYS.managedBy]: 'gov-contact-center-kit',
};

describe('jurisdiction tags', () => {
  const STACKS = ['stateful', 'contactCenter', 'analytics'] as const;
  test.each(STACKS)('are on every taggable resource of the %s stack', (which) => {
    // GIVEN every CloudFormation resource CDK knows to be taggable in a stack of pinecrest-benefits
    const stack = constructs.get('pinecrest-benefits')![which];
    const resources = templateOf(stack.stackName).Resources as Record<string, { Type: string; Properties?: { Tags?: unknown } }>;
    const taggable = stack.node
      .findAll()
      .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && TagManager.isTaggable(c) && !UNTAGGABLE_IN_GOVCLOUD.includes(c.cfnResourceType))
      .map((c) => stack.getLogicalId(c));
    expect(taggable.length).toBeGreaterThan(0);
    // THEN each carries the six kit tags with the config's values, and the types GovCloud cannot tag carry none
    for (const [logicalId, resource] of Object.entries(resources)) {
      if (UNTAGGABLE_IN_GOVCLOUD.includes(resource.Type)) expect({ logicalId, tags: resource.Properties?.Tags }).toEqual({ logicalId, tags: undefined });
    }
    for (const logicalId of taggable) {
      const tags = resources[logicalId].Properties?.Tags;
      const asMap = Array.isArray(tags)
        ? Object.fromEntries(tags.map((t: { Key: string; Value: string }) => [t.Key, t.Value]))
        : (tags as Record<string, string> | undefined) ?? {};
      expect({ logicalId, tags: asMap }).toEqual({
        logicalId,
        tags: expect.objectContaining(PINECREST_TAGS),
      });
    }
  });

  test('are passed to every phone number, which CloudFormation cannot tag, for the handler to write on the number', () => {
    // GIVEN the contact-center stack's Custom::ConnectPhoneNumber resources (no Tags property CloudFormation would apply)
    const template = templateOf(constructs.get('pinecrest-benefits')!.contactCenter.stackName);
    const numbers = Object.values(template.Resources!).filter((r) => r.Type === 'Custom::ConnectPhoneNumber') as Array<{ Properties: { Tags?: unknown } }>;
    expect(numbers.length).toBeGreaterThan(0);
    // THEN each passes the six kit tags to the handler
    for (const number of numbers) {
      expect(number.Properties.Tags).toEqual(PINECREST_TAGS);
    }
  });
});

describe('cfn-guard with the Control Tower rules', () => {
  test('every key of a jurisdiction passes CT.KMS.PR.3 (grants only for AWS services)', () => {
    // GIVEN the synthesized templates of a jurisdiction (seven keys with the prompt audio key; .ci/cfn-guard.sh checks every jurisdiction)
    const templates = Object.fromEntries(jurisdictionStacks(stacks, 'pinecrest-benefits').map((s) => [s.name, s.template]));
    expect(Object.keys(templates).sort()).toEqual(['pinecrest-benefits-analytics', 'pinecrest-benefits-contact-center', 'pinecrest-benefits-stateful']);
    const keys = Object.values(templates).flatMap((t) => Object.values(t.Resources ?? {}).filter((r) => r.Type === 'AWS::KMS::Key'));
    expect(keys).toHaveLength(7);
    // WHEN the bundled cfn-guard evaluates kms_create_grant_aws_service_check
    const results = runGuard(KMS_GRANT_RULE, templates);
    // THEN nothing fails, and the rule applied to every template holding a key
    expect(guardFailures(results)).toEqual([]);
    expect(results.filter((r) => r.compliant?.includes('kms_create_grant_aws_service_check')).map((r) => path.basename(r.name)).sort()).toEqual([
      'pinecrest-benefits-analytics.template.json',
      'pinecrest-benefits-stateful.template.json',
    ]);
  });
});

describe.each(EXAMPLES)('audit pack of %s', (id) => {
  test('rates all 323 controls of the FedRAMP Rev 5 Moderate baseline once', () => {
    const matrix = packs.get(id)!.matrix;
    expect(matrix).toHaveLength(323);
    expect(new Set(matrix.map((c) => c.id)).size).toBe(323);
    expect(matrix.map((c) => c.id)).toEqual(FEDRAMP_MODERATE.controls.map((c) => c.id));
  });

  test('claims no kit or shared control without evidence, and every evidence path holds the value it shows', () => {
    const claimed = packs.get(id)!.matrix.filter((c) => c.responsibility === 'kit' || c.responsibility === 'shared');
    expect(claimed.length).toBeGreaterThanOrEqual(20);
    for (const c of claimed) {
      expect({ control: c.label, evidence: c.evidence.length > 0 }).toEqual({ control: c.label, evidence: true });
      for (const e of c.evidence) {
        const template = stacks.find((s) => s.name === e.stack)!.template;
        expect(at(template.Resources![e.logicalId], e.path)).toEqual(e.value);
      }
    }
  });

  test('SC-28 lists every caller-data store with its customer-managed key', () => {
    const sc28 = control(id, 'SC-28');
    expect(sc28.responsibility).toBe('kit');
    expect(sc28.gaps).toEqual([]);
    const callerStores = packs.get(id)!.encryption.stores.filter((s) => s.callerData);
    // The recordings bucket (named by the CALL_RECORDINGS storage config), contact records bucket and the three tables at least.
    const recordingsBucket = at(resourcesOf(id, 'AWS::Connect::InstanceStorageConfig').find((s) => s.resource.Properties!.ResourceType === 'CALL_RECORDINGS')!.resource, 'Properties.S3Config.BucketName.Ref');
    expect(callerStores.map((s) => s.logicalId)).toContain(recordingsBucket);
    for (const table of resourcesOf(id, 'AWS::DynamoDB::Table')) expect(callerStores.map((s) => s.logicalId)).toContain(table.logicalId);
    for (const store of callerStores) {
      expect(store.atRest).toBe('customer-managed key');
      const proof = sc28.evidence.find((e) => e.logicalId === store.logicalId)!;
      expect(proof.note).toMatch(/customer-managed key \S+Key/);
      const keyId = (JSON.stringify(proof.value).match(/"Fn::GetAtt":\["([A-Za-z0-9]+)","Arn"\]/) ?? [])[1];
      if (keyId) expect(store.key!.logicalId).toBe(keyId);
    }
  });

  test('SC-8 names the cdk-nag rule that passed on every bucket at synthesis', () => {
    const ssl = control(id, 'SC-8').nagChecks.find((n) => n.rule === 'NIST.800.53.R5-S3BucketSSLRequestsOnly')!;
    const buckets = resourcesOf(id, 'AWS::S3::Bucket').map((b) => `${b.stack}/${b.logicalId}`).sort();
    // The rule reads each bucket and its policy; it passed on all of them.
    expect(ssl).toMatchObject({ names: 'SC-8', acknowledged: [] });
    expect(ssl.passed).toEqual(expect.arrayContaining(buckets));
    expect(ssl.resources).toBe(ssl.passed!.length);
    // An acknowledged finding is listed with the control it bears on: bucket replication (CP-9d → CP-9).
    const replication = control(id, 'CP-9').nagChecks.find((n) => n.rule === 'NIST.800.53.R5-S3BucketReplicationEnabled')!;
    expect(replication.acknowledged).toEqual(expect.arrayContaining(buckets));
    expect(replication.passed).toEqual([]);
    expect(control(id, 'CP-9').acknowledgements.map((a) => a.id)).toContain('NIST.800.53.R5-S3BucketReplicationEnabled');
  });

  test('SC-8 lists a TLS-only policy for every bucket', () => {
    const sc8 = control(id, 'SC-8');
    expect(sc8.gaps).toEqual([]);
    const policies = resourcesOf(id, 'AWS::S3::BucketPolicy');
    for (const bucket of resourcesOf(id, 'AWS::S3::Bucket')) {
      const proofs = sc8.evidence.filter((e) => e.type === 'AWS::S3::BucketPolicy' && policies.find((p) => p.logicalId === e.logicalId && JSON.stringify(p.resource.Properties!.Bucket).includes(bucket.logicalId.slice(0, 10))));
      expect({ bucket: bucket.logicalId, proofs: proofs.length > 0 }).toEqual({ bucket: bucket.logicalId, proofs: true });
      for (const p of proofs) expect(p.value).toMatchObject({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    }
  });

  test('AU-11 compares every scheduled retention with the records schedule, and they match', () => {
    const pack = packs.get(id)!;
    const config = configs.get(id)!;
    const au11 = control(id, 'AU-11');
    expect(au11.gaps).toEqual([]);
    const recordings = pack.retention.find((r) => r.holds.includes('call recordings'))!;
    expect(recordings).toMatchObject({ status: 'matches', scheduled: expect.stringContaining(`retention.recordings: ${config.retention.recordings.days} days (${config.retention.recordings.mode})`) });
    expect(recordings.retention).toContain(`Object Lock ${config.retention.recordings.mode} ${config.retention.recordings.days} days`);
    for (const r of pack.retention.filter((x) => x.scheduled)) {
      expect(r.status).toBe('matches');
      expect(au11.evidence.some((e) => e.logicalId === r.logicalId)).toBe(true);
    }
    for (const logs of resourcesOf(id, 'AWS::Logs::LogGroup')) expect(pack.retention.find((r) => r.logicalId === logs.logicalId)!.scheduled).toBe(`retention.logDays: ${config.retention.logDays} days`);
  });

  test('AU-11 flags a retention that no longer matches the schedule', () => {
    const config = configs.get(id)!;
    const longer = { ...config, retention: { ...config.retention, recordings: { ...config.retention.recordings, days: config.retention.recordings.days + 30 } } } as JurisdictionConfig;
    const pack = packFor(longer, jurisdictionStacks(stacks, id), TIME);
    const au11 = pack.matrix.find((c) => c.label === 'AU-11')!;
    expect(au11.gaps).toContain(`RecordingsBucket: Object Lock ${config.retention.recordings.days} days is shorter than the schedule's ${config.retention.recordings.days + 30} days`);
  });

  test('AC-6 lists every wildcard statement with the acknowledgement that justifies it', () => {
    const pack = packs.get(id)!;
    const ac6 = control(id, 'AC-6');
    expect(pack.access.wildcards.length).toBeGreaterThan(0);
    // cdk-nag checks identity and resource policies: each of their wildcards is acknowledged.
    expect(ac6.gaps.filter((g) => !g.includes('key-policy wildcard'))).toEqual([]);
    // Every wildcard carries a reason of a sentence or more: an acknowledgement, or for key policies (which cdk-nag does not check) a known pattern.
    for (const w of pack.access.wildcards.filter((x) => x.statement.source.type !== 'AWS::KMS::Key')) expect(w.wildcard.acknowledgement?.reason.split(' ').length).toBeGreaterThan(8);
    const keyWildcards = pack.access.wildcards.filter((x) => x.statement.source.type === 'AWS::KMS::Key');
    expect(keyWildcards.length).toBeGreaterThan(0);
    for (const w of keyWildcards.filter((x) => x.statement.principals.every((p) => /^AWS:arn:aws-us-gov:iam::\d{12}:root$/.test(p)))) {
      expect(w.wildcard.explanation).toMatch(/^AWS KMS key policy for the account itself: kms:\S+ is exercised only by principals that IAM policies in this account allow/);
    }
    const xray = pack.access.wildcards.find((w) => w.statement.actions.includes('xray:PutTraceSegments'))!;
    expect(xray.wildcard).toMatchObject({ on: 'resource', value: '*' });
    expect(xray.wildcard.acknowledgement!.reason).toMatch(/^X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions/);
    expect(ac6.evidence.some((e) => e.note.startsWith('resource wildcard * for') && e.note.includes('acknowledged: X-Ray tracing'))).toBe(true);
  });

  test('says in plain words what each security profile may do and which contact content it sees', () => {
    const profiles = packs.get(id)!.access.securityProfiles;
    expect(profiles.map((p) => p.profile).sort()).toEqual(['Kit-Admin', 'Kit-Agent', 'Kit-Auditor', 'Kit-Supervisor']);
    expect(profiles.find((p) => p.profile === 'Kit-Auditor')!.contactContent).toBe('none');
    expect(profiles.find((p) => p.profile === 'Kit-Supervisor')!.contactContent).toBe('redacted recordings and transcripts only');
    expect(profiles.find((p) => p.profile === 'Kit-Agent')!.plain).toContain('take contacts in the Contact Control Panel');
  });

  test('traces each kind of caller data to its stores, keys and retention', () => {
    const flow = packs.get(id)!.dataFlow;
    const kind = (k: string) => flow.find((d) => d.id === k)!;
    expect(kind('voice').destinations.map((d) => d.name)).toEqual(['RecordingsBucket']);
    expect(kind('voice').destinations[0]).toMatchObject({ where: 'connect/call-recordings/', key: expect.stringMatching(/^RecordingsKey \(customer-managed, rotation on\)$/) });
    expect(kind('chat').destinations[0].where).toBe('connect/chat-transcripts/');
    expect(kind('dtmf-pin').destinations.map((d) => d.name)).toEqual(['VerificationTable']);
    expect(kind('case-number').destinations.map((d) => d.name)).toEqual(expect.arrayContaining(['CasesTable', 'VerificationTable', 'ContactRecordsBucket']));
    expect(kind('case-number').redaction.join(' ')).toMatch(/slot caseNumber \(en_US\): obfuscation DefaultObfuscation/);
    expect(kind('phone-number').destinations.map((d) => d.name)).toEqual(['ContactRecordsBucket']);
    expect(kind('survey').destinations.map((d) => d.name)).toEqual(['SurveyTable', 'ContactRecordsBucket']);
    expect(kind('contact-lens').destinations.map((d) => d.name)).toEqual(['RecordingsBucket']);
    expect(kind('voice').redaction.join(' ')).toMatch(/redacted version only/);
    for (const k of flow) for (const d of k.destinations) expect(d.retention).toBeDefined();
    // Only the verification function reaches the PIN hashes.
    expect(kind('dtmf-pin').destinations[0].readers).toEqual([expect.stringMatching(/^role Functions\/caller-verification\/Role \(dynamodb:\w+/)]);
    expect(kind('dtmf-pin').redaction).toContain('no flow records the IVR part of the call (IVRRecordingBehavior Disabled), so keyed digits are not in recordings');
    expect(kind('voice').collectedBy).toEqual(['flow Main inbound']);
  });

  test('lists the web chat API behind AWS WAF as the only network endpoint, when chat is on; phone numbers are entry points', () => {
    const exposure = packs.get(id)!.exposure;
    const network = exposure.filter((e) => e.kind === 'network endpoint');
    if (configs.get(id)!.chat.enabled) {
      expect(network.map((e) => [e.type, e.name, e.what])).toEqual([['AWS::ApiGateway::RestApi', 'WebChat', 'REST API behind AWS WAF (WebChat/WebAclAssociation)']]);
      expect(network[0].evidence.map((e) => e.type)).toEqual(['AWS::ApiGateway::RestApi', 'AWS::WAFv2::WebACLAssociation']);
    } else {
      expect(network).toEqual([]);
    }
    // An endpoint behind WAF is evidence for SC-7, not a gap.
    const sc7 = packs.get(id)!.matrix.find((c) => c.id === 'sc-7')!;
    expect(sc7.gaps).toEqual([]);
    expect(exposure.filter((e) => e.kind === 'telephone number').length).toBe(configs.get(id)!.phoneNumbers.length);
  });

  test('reads every deployed flow back from the templates as a graph', () => {
    const flows = packs.get(id)!.flows;
    expect(flows.length).toBe(resourcesOf(id, 'AWS::Connect::ContactFlow').length);
    for (const f of flows) {
      expect(f.nodes.length).toBe(f.actions.length + 1);
      expect(f.nodes.filter((n) => n.shape === 'missing')).toEqual([]);
      expect(f.mermaid).toMatch(/^flowchart TD/);
    }
  });

  test('writes an OSCAL component definition that is valid against the OSCAL 1.2.1 schema', () => {
    const validate = oscalValidator();
    const document = packs.get(id)!.componentDefinition;
    expect(validate(document) ? [] : validate.errors).toEqual([]);
    const requirements = (document as any)['component-definition'].components[0]['control-implementations'][0]['implemented-requirements'];
    expect(requirements.map((r: any) => r['control-id'])).toEqual(packs.get(id)!.matrix.filter((c) => c.responsibility === 'kit' || c.responsibility === 'shared').map((c) => c.id));
  });
});

describe('gcck audit', () => {
  test('writes the pack of both examples, byte-identical on a second run', async () => {
    const outs = [tempDir('gcck-audit-'), tempDir('gcck-audit-')];
    const lines: string[] = [];
    for (const out of outs) {
      const code = await main(['audit', '--cdk-out', cdkOut, '--config-dir', EXAMPLES_CONFIG, '--out', out], { out: (t) => lines.push(t), err: (t) => lines.push(t) });
      expect(code).toBe(0);
    }
    for (const id of EXAMPLES) {
      for (const file of ['index.html', 'evidence.json', 'component-definition.json', 'control-matrix.csv']) {
        const [a, b] = outs.map((o) => fs.readFileSync(path.join(o, id, file)));
        expect(a.length).toBeGreaterThan(1000);
        expect(a.equals(b)).toBe(true);
      }
      expect(fs.readdirSync(path.join(outs[0], id, 'flows')).length).toBe(packs.get(id)!.flows.length);
    }
    expect(lines[0]).toMatch(/^pinecrest-benefits: 323 controls: \d+ kit-implemented, \d+ shared, \d+ inherited from AWS GovCloud, \d+ agency procedure/);
  });

  test('fails with the fix when there is no cloud assembly', async () => {
    const errors: string[] = [];
    const code = await main(['audit', '--cdk-out', path.join(os.tmpdir(), 'gcck-no-such-cdk-out')], { out: () => undefined, err: (t) => errors.push(t) });
    expect(code).toBe(1);
    expect(errors).toEqual([`gcck audit: ${path.join(os.tmpdir(), 'gcck-no-such-cdk-out')}: no manifest.json (run \`npx cdk synth\` first, or pass --cdk-out DIR)`]);
  });

  test('the cdk-nag rule data matches the installed cdk-nag package', () => {
    const installed = JSON.parse(fs.readFileSync(require.resolve('cdk-nag/package.json'), 'utf8')).version;
    expect(NAG_NIST_RULES.cdkNag).toBe(installed);
    expect(NAG_NIST_RULES.rules).toEqual(readNagRules());
    const ssl = NAG_NIST_RULES.rules.find((r) => r.id === 'NIST.800.53.R5-S3BucketSSLRequestsOnly')!;
    expect(ssl.controls).toEqual(expect.arrayContaining(['SC-8', 'SC-8(1)']));
  });
});

describe('audit-diff', () => {
  const riverton = () => clone(jurisdictionStacks(stacks, 'riverton-311'));
  const review = (changes: Change[]) => changes.filter((c) => c.severity === 'review').map((c) => c.message);

  test('finds no change between identical assemblies', () => {
    expect(diffAssemblies(riverton(), riverton())).toEqual([]);
  });

  test('flags a new bucket without a customer-managed key', () => {
    const after = riverton();
    const { stack } = find(after, '-stateful', 'AWS::S3::Bucket');
    stack.template.Resources!.ScratchBucket = { Type: 'AWS::S3::Bucket', Properties: {} };
    expect(review(diffAssemblies(riverton(), after))).toContain('new AWS::S3::Bucket ScratchBucket is not encrypted with a customer-managed key (SSE-S3 (AES-256))');
  });

  test('flags encryption and TLS enforcement removed from the recordings bucket', () => {
    const after = riverton();
    const bucket = find(after, '-stateful', 'AWS::S3::Bucket', 'RecordingsBucket');
    delete bucket.r.Properties.BucketEncryption;
    const policy = find(after, '-stateful', 'AWS::S3::BucketPolicy', 'RecordingsBucketPolicy');
    policy.r.Properties.PolicyDocument.Statement = [];
    const changes = review(diffAssemblies(riverton(), after));
    expect(changes).toContain('RecordingsBucket: encryption with customer-managed key RecordingsKey removed (now SSE-S3 (AES-256))');
    expect(changes).toContain('RecordingsBucket: TLS-only enforcement removed');
    expect(changes.some((m) => m.startsWith('removed: RecordingsBucket/Policy: denies AWS:* s3:* on <RecordingsBucket'))).toBe(true);
  });

  test('flags a new * action', () => {
    const after = riverton();
    const policy = find(after, '-contact-center', 'AWS::IAM::Policy', 'Functionscasestatus');
    policy.r.Properties.PolicyDocument.Statement.push({ Effect: 'Allow', Action: '*', Resource: '*' });
    expect(review(diffAssemblies(riverton(), after))).toContain('added: allows Functions/case-status/Role * on * (wildcard)');
  });

  test('flags shortened retention', () => {
    const after = riverton();
    const bucket = find(after, '-stateful', 'AWS::S3::Bucket', 'RecordingsBucket');
    bucket.r.Properties.ObjectLockConfiguration.Rule.DefaultRetention.Days = 30;
    bucket.r.Properties.LifecycleConfiguration.Rules[0].ExpirationInDays = 31;
    const logs = find(after, '-contact-center', 'AWS::Logs::LogGroup', 'Functionscasestatus');
    logs.r.Properties.RetentionInDays = 30;
    const changes = review(diffAssemblies(riverton(), after));
    expect(changes).toContain('RecordingsBucket: retention shortened from "Object Lock GOVERNANCE 365 days; expires after 366 days" to "Object Lock GOVERNANCE 30 days; expires after 31 days"');
    expect(changes).toContain('Functions/case-status/Logs: retention shortened from "365 days" to "30 days"');
  });

  test('flags a replaced Amazon Connect instance and a table whose logical id changed', () => {
    const after = riverton();
    const instance = find(after, '-stateful', 'AWS::Connect::Instance');
    instance.r.Properties.InstanceAlias = 'riverton-311-new';
    const table = find(after, '-stateful', 'AWS::DynamoDB::Table', 'CasesTable');
    delete table.stack.template.Resources![table.logicalId];
    (table.stack.template.Resources as Record<string, unknown>).CasesTableRenamed = table.r;
    const changes = review(diffAssemblies(riverton(), after));
    expect(changes).toContain('Instance (AWS::Connect::Instance): InstanceAlias changed from "riverton-311-cc" to "riverton-311-new": CloudFormation replaces the resource');
    expect(changes).toContain(`CasesTable (AWS::DynamoDB::Table): logical id changed from ${table.logicalId} to CasesTableRenamed: CloudFormation creates a new resource and deletes or orphans the old one`);
  });

  test('flags an acknowledgement added and a control losing evidence', () => {
    const after = riverton();
    const key = find(after, '-stateful', 'AWS::KMS::Key', 'RecordingsKey');
    key.r.Properties.EnableKeyRotation = false;
    key.r.Metadata = { ...key.r.Metadata, cdk_nag: { rules_to_suppress: [{ id: 'NIST.800.53.R5-KMSBackingKeyRotationEnabled', reason: 'testing' }] } };
    const config = configs.get('riverton-311')!;
    const changes = review(diffAssemblies(riverton(), after, { before: [packs.get('riverton-311')!], after: [packFor(config, after, TIME)] }));
    expect(changes).toContain('acknowledgement added: NIST.800.53.R5-KMSBackingKeyRotationEnabled on RecordingsKey: testing');
    expect(changes).toContain('RecordingsKey: automatic key rotation turned off');
    expect(changes).toContain('SC-12: new gap: RecordingsKey is not rotated');
  });

  test('flags public exposure added and a control losing evidence', () => {
    const after = riverton();
    const { stack } = find(after, '-contact-center', 'AWS::Lambda::Function', 'Functionscasestatus');
    const fn = Object.keys(stack.template.Resources!).find((k) => k.startsWith('Functionscasestatus') && stack.template.Resources![k].Type === 'AWS::Lambda::Function')!;
    stack.template.Resources!.CaseStatusUrl = { Type: 'AWS::Lambda::Url', Properties: { AuthType: 'NONE', TargetFunctionArn: { 'Fn::GetAtt': [fn, 'Arn'] } } };
    const policy = find(after, '-stateful', 'AWS::S3::BucketPolicy', 'ReportsBucketPolicy');
    delete policy.stack.template.Resources![policy.logicalId];
    const config = configs.get('riverton-311')!;
    const changes = review(diffAssemblies(riverton(), after, { before: [packs.get('riverton-311')!], after: [packFor(config, after, TIME)] }));
    expect(changes).toContain('new network endpoint: CaseStatusUrl: Lambda function URL');
    expect(changes).toContain('ReportsBucket: TLS-only enforcement removed');
    expect(changes).toContain(`SC-8: lost 1 evidence item (${policy.logicalId} Properties.PolicyDocument.Statement[0])`);
    expect(changes).toContain('SC-8: new gap: ReportsBucket accepts requests without TLS (no TLS-only policy)');
  });

  test('reports a removed acknowledgement for information only', () => {
    const after = riverton();
    const bucket = find(after, '-stateful', 'AWS::S3::Bucket', 'ReportsBucket');
    delete bucket.r.Metadata!.cdk_nag;
    const changes = diffAssemblies(riverton(), after);
    expect(changes).toEqual([expect.objectContaining({ severity: 'info', category: 'acknowledgement', message: 'acknowledgement removed: NIST.800.53.R5-S3BucketReplicationEnabled on ReportsBucket' })]);
  });

  test('the command exits 1 on a change that needs review and 0 on none, in JSON or Markdown', async () => {
    const write = (list: StackTemplate[]) => {
      const dir = tempDir('gcck-diff-');
      const artifacts: Record<string, unknown> = {};
      for (const s of list) {
        fs.writeFileSync(path.join(dir, `${s.name}.template.json`), JSON.stringify(s.template));
        artifacts[s.name] = { type: 'aws:cloudformation:stack', properties: { templateFile: `${s.name}.template.json` } };
      }
      fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ artifacts }));
      return dir;
    };
    const before = write(riverton());
    const mutated = riverton();
    find(mutated, '-contact-center', 'AWS::IAM::Policy', 'Functionscasestatus').r.Properties.PolicyDocument.Statement.push({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
    const after = write(mutated);
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    expect(await main(['audit-diff', '--config-dir', EXAMPLES_CONFIG, before, before], io)).toBe(0);
    expect(out.pop()).toBe('No security-relevant change.');
    expect(await main(['audit-diff', '--config-dir', EXAMPLES_CONFIG, '--format', 'json', before, after], io)).toBe(1);
    const json = JSON.parse(out.pop()!);
    expect(json.review).toBe(true);
    expect(json.changes).toContainEqual(expect.objectContaining({ category: 'iam', message: 'added: allows Functions/case-status/Role s3:* on * (wildcard)' }));
    expect(await main(['audit-diff', '--config-dir', EXAMPLES_CONFIG, before, after], io)).toBe(1);
    const markdown = out.pop()!;
    expect(markdown).toMatch(/^# Security-relevant changes\n\n## Needs review \(2\)\n\n- \*\*iam\*\* `riverton-311-contact-center\/FunctionscasestatusRoleDefaultPolicy[0-9A-F]{8}`: added: allows Functions\/case-status\/Role s3:\* on \* \(wildcard\)$/m);
    expect(markdown).toContain('- **control** `riverton-311`: AC-6: new gap: Functions/case-status/Role: wildcard s3:* has no acknowledgement');
  });
});

describe('index.html in a real browser', () => {
  const executablePath = '/usr/bin/chromium';
  const available = fs.existsSync(executablePath);
  // In CI (CI=true) a missing browser is a failure, not a skip: .ci/run installs it.
  const browserTest = available || process.env.CI === 'true' ? test : test.skip;

  browserTest('opens from disk with the network blocked and renders the matrix, filters and diagrams without console errors', async () => {
    if (!available) throw new Error(`${executablePath} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does`);
    const out = tempDir('gcck-audit-html-');
    writePack(packs.get('pinecrest-benefits')!, out, jurisdictionStacks(stacks, 'pinecrest-benefits'));
    const profile = tempDir('gcck-chromium-');
    // A fresh profile: Playwright takes it as the persistent context's user data dir (it refuses --user-data-dir in args).
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      const blocked: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : (blocked.push(route.request().url()), route.abort())));
      await page.goto(`file://${path.join(out, 'index.html')}`);

      const rows = page.locator('#control-matrix tbody tr');
      expect(await rows.count()).toBe(323);
      expect(await page.locator('#matrix-count').textContent()).toBe('323 of 323 controls');
      await page.selectOption('#filter-family', 'Access Control');
      const ac = packs.get('pinecrest-benefits')!.matrix.filter((c) => c.family === 'Access Control').length;
      expect(await page.locator('#control-matrix tbody tr:visible').count()).toBe(ac);
      await page.selectOption('#filter-resp', 'kit');
      const acKit = packs.get('pinecrest-benefits')!.matrix.filter((c) => c.family === 'Access Control' && c.responsibility === 'kit').length;
      expect(await page.locator('#control-matrix tbody tr:visible').count()).toBe(acKit);
      expect(await page.locator('#matrix-count').textContent()).toBe(`${acKit} of 323 controls`);
      await page.selectOption('#filter-family', '');
      await page.selectOption('#filter-resp', '');

      const diagrams = page.locator('svg.graph');
      expect(await diagrams.count()).toBe(packs.get('pinecrest-benefits')!.flows.length + 1);
      const box = await page.locator('#dataflow svg.graph').boundingBox();
      expect(box!.width).toBeGreaterThan(200);
      expect(await page.locator('#dataflow svg.graph g.node').count()).toBeGreaterThan(7);
      // An evidence link lands on its resource in the index.
      const href = await page.locator('#ctl-sc-28 ul.evidence a').first().getAttribute('href');
      expect(await page.locator(href!).count()).toBe(1);
      // … where the resource is shown as the template writes it.
      expect(await page.locator(`${href} pre`).textContent()).toContain('"Type": "AWS::');

      fs.mkdirSync(path.join('audit', 'screenshots'), { recursive: true });
      await page.screenshot({ path: path.join('audit', 'screenshots', 'pinecrest-benefits.png'), fullPage: false });
      expect(problems).toEqual([]);
      expect(blocked).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
