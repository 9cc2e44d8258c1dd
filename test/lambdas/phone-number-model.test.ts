/**
 * Model-based test of the phone number custom resource: every sequence of up to three config
 * edits (prefix, type, rename, flow, adopt, releaseOnDelete, remove, on either of two entries),
 * each deployed through a fake CloudFormation and the real handlers against a fake Connect,
 * then the stack deleted. After each step the numbers released must be exactly those a
 * simple model predicts: a number is released only when the entry holding it is removed (or the
 * stack deleted) while the entry's current config says releaseOnDelete: true, it claimed the
 * number, and no other entry adopts it. The model also predicts which edits keep an entry's
 * number (a narrowed prefix it matches, a rename, a new flow, releaseOnDelete) and which take
 * another (a moved prefix, a new type, adopting).
 */
import { ConnectClient } from '@aws-sdk/client-connect';
import { phoneNumberResourceProperties } from '../../lib/constructs/phone-number';
import { isComplete, onEvent } from '../../lambdas/phone-number';
import { logger } from '../../lambdas/shared/powertools';
import { FakeCloudFormation, FakeConnect, INSTANCE_ARN, OWNER } from './phone-number-fakes';
import { captureOutput } from './helpers';

/** The fake Connect of the last walk, for spot checks. */
let lastConnect: FakeConnect | undefined;
/** The fake Connect the mocked client answers from. */
let current: FakeConnect | undefined;

const FLOWS = ['aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', 'ffffffff-0000-4111-8222-333333333333'];
const EXTERNAL = '+13125559999';
const JURISDICTION_TAGS = { SystemId: 'ccs-1', Owner: 'ops', CostCenter: 'cc-42', DataClassification: 'cui', Jurisdiction: 'springfield', ManagedBy: 'gov-contact-center-kit' };

/** One config entry, as the user writes it, plus the number the model expects it to hold. */
interface Entry {
  name: string;
  flow: number;
  type: 'TOLL_FREE' | 'DID';
  prefix?: string;
  adopt?: string;
  releaseOnDelete: boolean;
  /** The number the entry holds (claimed or adopted), as the model tracks it. */
  number?: string;
}

/** What an edit does to the model; `fresh` marks an entry whose next number is a new one. */
interface ModelState {
  entries: Entry[];
  released: string[];
  fresh: Set<string>;
}

const EDIT_KINDS = ['prefix-narrow', 'prefix-move', 'type', 'rename', 'flow', 'adopt-other', 'adopt-external', 'release-on-delete', 'remove'] as const;
type EditKind = (typeof EDIT_KINDS)[number];
interface Edit {
  readonly kind: EditKind;
  /** Index of the entry in the initial config (an entry keeps its slot through renames). */
  readonly slot: number;
}

const EDITS: readonly Edit[] = EDIT_KINDS.flatMap((kind) => [0, 1].map((slot) => ({ kind, slot })));

/** Every sequence of up to `length` edits (the empty one included). */
function sequences(length: number): Edit[][] {
  const out: Edit[][] = [[]];
  let layer: Edit[][] = [[]];
  for (let step = 0; step < length; step++) {
    layer = layer.flatMap((sequence) => EDITS.map((edit) => [...sequence, edit]));
    out.push(...layer);
  }
  return out;
}

function initialEntries(): Array<Entry | undefined> {
  return [
    { name: 'main', flow: 0, type: 'TOLL_FREE', prefix: '+1800', releaseOnDelete: true },
    { name: 'info', flow: 1, type: 'DID', prefix: '+1217', releaseOnDelete: false },
  ];
}

/**
 * Applies an edit to the config (slots: entries by their initial position, undefined once
 * removed) and to the model's expectations. An edit whose entry was removed, or an adopt-other
 * with nothing new to adopt, changes nothing, and the unchanged config is deployed.
 */
function applyEdit(slots: Array<Entry | undefined>, edit: Edit, model: ModelState): void {
  const entry = slots[edit.slot];
  if (entry === undefined) return;
  const other = slots[1 - edit.slot];
  const claims = entry.adopt === undefined;
  switch (edit.kind) {
    case 'prefix-narrow':
      // Narrow the prefix to one more digit of the number the entry holds: it still matches.
      entry.prefix = entry.number!.slice(0, (entry.prefix ?? '+1').length + 1);
      break;
    case 'prefix-move':
      entry.prefix = entry.type === 'TOLL_FREE' ? (entry.number?.startsWith('+1888') ? '+1800' : '+1888') : entry.number?.startsWith('+1312') ? '+1217' : '+1312';
      if (claims) model.fresh.add(entry.name);
      break;
    case 'type':
      entry.type = entry.type === 'TOLL_FREE' ? 'DID' : 'TOLL_FREE';
      entry.prefix = undefined;
      if (claims) model.fresh.add(entry.name);
      break;
    case 'rename':
      if (model.fresh.delete(entry.name)) model.fresh.add(`${entry.name}r`);
      entry.name = `${entry.name}r`;
      break;
    case 'flow':
      entry.flow = 1 - entry.flow;
      break;
    case 'adopt-other':
      if (other?.number === undefined || other.number === entry.adopt) return;
      entry.adopt = other.number;
      entry.number = other.number;
      break;
    case 'adopt-external':
      entry.adopt = EXTERNAL;
      entry.number = EXTERNAL;
      break;
    case 'release-on-delete':
      entry.releaseOnDelete = !entry.releaseOnDelete;
      break;
    case 'remove':
      slots[edit.slot] = undefined;
      release(entry, slots, model);
      break;
  }
}

/** The model's rule for an entry leaving the config (removed, or the stack deleted). */
function release(entry: Entry, remaining: ReadonlyArray<Entry | undefined>, model: ModelState): void {
  const adoptedByAnother = remaining.some((candidate) => candidate !== undefined && candidate !== entry && candidate.adopt === entry.number);
  if (entry.adopt === undefined && entry.releaseOnDelete && !adoptedByAnother) model.released.push(entry.number!);
}

/** The template the construct would synthesize for the config. */
function template(slots: ReadonlyArray<Entry | undefined>): Map<string, Record<string, unknown>> {
  const entries = slots.filter((entry): entry is Entry => entry !== undefined);
  const names = entries.map((entry) => entry.name).sort();
  const adopted = [...new Set(entries.flatMap((entry) => (entry.adopt === undefined ? [] : [entry.adopt])))].sort();
  return new Map(
    entries.map((entry) => [
      `Number${entry.name}`,
      phoneNumberResourceProperties({
        instanceArn: INSTANCE_ARN,
        flowArn: `${INSTANCE_ARN}/contact-flow/${FLOWS[entry.flow]}`,
        name: entry.name,
        countryCode: 'US',
        type: entry.type,
        prefix: entry.prefix,
        adopt: entry.adopt,
        releaseOnDelete: entry.releaseOnDelete,
        entries: names,
        adoptedNumbers: adopted,
        tags: JURISDICTION_TAGS,
      }),
    ]),
  );
}

const describeSequence = (sequence: readonly Edit[]): string => sequence.map((edit) => `${edit.kind}(${edit.slot})`).join(' → ') || '(no edit)';

/** The fake world and the model's expectations at one point of a sequence. */
interface World {
  connect: FakeConnect;
  cloudFormation: FakeCloudFormation;
  slots: Array<Entry | undefined>;
  model: ModelState;
}

function cloneWorld(world: World): World {
  return {
    connect: world.connect.clone(),
    cloudFormation: world.cloudFormation.clone(),
    slots: world.slots.map((entry) => (entry === undefined ? undefined : { ...entry })),
    model: { entries: [], released: [...world.model.released], fresh: new Set(world.model.fresh) },
  };
}

/** Checks numbers against the model after a deploy, and learns the numbers of fresh claims. */
function check(world: World, step: string): string | undefined {
  const { connect, cloudFormation, slots, model } = world;
  for (const entry of slots) {
    if (entry === undefined) continue;
    const deployed = cloudFormation.resources.get(`Number${entry.name}`)?.data.PhoneNumber;
    if (deployed === undefined) return `${step}: ${entry.name} has no number`;
    if (model.fresh.delete(entry.name) || entry.number === undefined) {
      if (deployed === entry.number) return `${step}: ${entry.name} kept ${deployed} where it needed another number`;
      entry.number = deployed;
    } else if (deployed !== entry.number) {
      return `${step}: ${entry.name} holds ${deployed}, expected to keep ${entry.number}`;
    }
    if (connect.released.includes(deployed)) return `${step}: ${entry.name} holds the released ${deployed}`;
  }
  const expected = [...model.released].sort();
  const actual = [...connect.released].sort();
  if (JSON.stringify(expected) !== JSON.stringify(actual)) return `${step}: released ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
  return undefined;
}

/** Runs `step` with the mocked Connect client routed to the world's fake; a thrown error is a disagreement. */
async function within(world: World, step: string, act: () => Promise<void>): Promise<string | undefined> {
  current = world.connect;
  try {
    await act();
  } catch (error) {
    return `${step}: failed: ${(error as Error).message}`;
  }
  return check(world, step);
}

/** The world after the initial deploy. */
async function start(order: 'template' | 'reverse' = 'template'): Promise<World> {
  const connect = new FakeConnect(Object.keys(JURISDICTION_TAGS));
  connect.addExternal(EXTERNAL, 'DID');
  const world: World = { connect, cloudFormation: new FakeCloudFormation(onEvent, isComplete, order), slots: initialEntries(), model: { entries: [], released: [], fresh: new Set() } };
  const problem = await within(world, 'initial deploy', () => world.cloudFormation.deploy(template(world.slots)));
  if (problem !== undefined) throw new Error(problem);
  return world;
}

/** Applies one edit to the world (in place) and deploys it. */
function edit(world: World, change: Edit, step: string): Promise<string | undefined> {
  applyEdit(world.slots, change, world.model);
  return within(world, step, () => world.cloudFormation.deploy(template(world.slots)));
}

/** Applies several edits to the config and deploys them at once (one CloudFormation update). */
function editTogether(world: World, changes: readonly Edit[], step: string): Promise<string | undefined> {
  for (const change of changes) applyEdit(world.slots, change, world.model);
  return within(world, step, () => world.cloudFormation.deploy(template(world.slots)));
}

/** Deletes the world's stack (in place). */
function deleteStack(world: World): Promise<string | undefined> {
  const last = world.slots.filter((entry): entry is Entry => entry !== undefined);
  for (const entry of last) release(entry, last, world.model);
  world.slots.fill(undefined);
  return within(world, 'stack delete', () => world.cloudFormation.deleteStack());
}

/**
 * Walks every sequence of up to `depth` edits from `world`, depth first, branching a copy of the
 * world at each edit (so a sequence shares the deploys of its prefix); each sequence ends with
 * a stack delete. Returns the number of sequences walked.
 */
async function explore(world: World, path: readonly Edit[], depth: number, failures: string[]): Promise<number> {
  const problem = await deleteStack(cloneWorld(world));
  if (problem !== undefined) failures.push(`${describeSequence(path)}: ${problem}`);
  let walked = 1;
  if (path.length === depth || failures.length >= 5) return walked;
  for (const change of EDITS) {
    const next = cloneWorld(world);
    const sequence = [...path, change];
    const edited = await edit(next, change, `edit ${sequence.length} ${change.kind}(${change.slot})`);
    if (edited !== undefined) {
      failures.push(`${describeSequence(sequence)}: ${edited}`);
      walked += 1;
      continue;
    }
    walked += await explore(next, sequence, depth, failures);
  }
  return walked;
}

/** Walks one sequence, then deletes the stack; returns the first disagreement, if any. */
async function walk(sequence: readonly Edit[]): Promise<string | undefined> {
  const world = await start();
  lastConnect = world.connect;
  for (const [index, change] of sequence.entries()) {
    const problem = await edit(world, change, `edit ${index + 1} ${change.kind}(${change.slot})`);
    if (problem !== undefined) return problem;
  }
  return deleteStack(world);
}

const savedEnv = { ...process.env };

beforeEach(() => {
  process.env = { ...savedEnv, RETRY_BASE_MS: '1', RETRY_ATTEMPTS: '2', POWERTOOLS_LOG_LEVEL: 'SILENT', NUMBER_OWNER: OWNER };
  captureOutput();
  // The logger read its level when the module loaded; thousands of walks need it quiet.
  logger.setLogLevel('SILENT');
});

/**
 * Every Connect request goes to the fake of the world being walked, through a plain stand-in for
 * the client's `send` rather than aws-sdk-client-mock (phone-number-fakes.ts routeTo): its sinon
 * stub records each call, and the walk's tens of thousands of requests spent half of this
 * file's CPU in that bookkeeping, which no assertion here reads.
 */
const realSend = ConnectClient.prototype.send;
beforeAll(() => {
  ConnectClient.prototype.send = function send(command: { input: unknown; constructor: unknown }) {
    return current!.handle(command);
  } as unknown as typeof realSend;
});
afterAll(() => {
  ConnectClient.prototype.send = realSend;
});

afterEach(() => {
  logger.setLogLevel('INFO');
  jest.restoreAllMocks();
  process.env = { ...savedEnv };
});

const DEPTH = 3;
const COUNT = sequences(DEPTH).length;

describe('phone number custom resource: model of releases over edit sequences', () => {
  test(`walks all ${COUNT} sequences of up to ${DEPTH} of ${EDITS.length} edits, and releases exactly the numbers the model predicts`, async () => {
    // Prepare: every sequence of 0 to 3 edits from 9 kinds on 2 entries, each ending with a stack delete
    expect(COUNT).toBe(1 + 18 + 18 ** 2 + 18 ** 3);
    const failures: string[] = [];

    // Act
    const walked = await explore(await start(), [], DEPTH, failures);

    // Assess
    expect(failures).toEqual([]);
    expect(walked).toBe(COUNT);
  });

  test(`walks all ${sequences(2).length} sequences of up to 2 edits with CloudFormation working on the numbers in the other order`, async () => {
    // Prepare: the same edits, every phase (creates, updates, cleanup deletes, stack delete) run backwards
    const failures: string[] = [];

    // Act
    const walked = await explore(await start('reverse'), [], 2, failures);

    // Assess
    expect(failures).toEqual([]);
    expect(walked).toBe(1 + 18 + 18 ** 2);
  });

  test.each([
    ['a new type and releaseOnDelete turned off', [{ kind: 'type', slot: 0 }, { kind: 'release-on-delete', slot: 0 }]],
    ['a moved prefix and releaseOnDelete turned off', [{ kind: 'prefix-move', slot: 0 }, { kind: 'release-on-delete', slot: 0 }]],
    ['a rename and releaseOnDelete turned off', [{ kind: 'rename', slot: 0 }, { kind: 'release-on-delete', slot: 0 }]],
    ['a rename, a narrowed prefix and a new flow', [{ kind: 'rename', slot: 0 }, { kind: 'prefix-narrow', slot: 0 }, { kind: 'flow', slot: 0 }]],
    ['adopting the other entry\'s number while it is removed', [{ kind: 'adopt-other', slot: 1 }, { kind: 'remove', slot: 0 }]],
  ] as Array<[string, Edit[]]>)('releases nothing when one deploy combines %s, and only what the model says at stack delete', async (_name, changes) => {
    // Prepare
    const world = await start();
    lastConnect = world.connect;

    // Act
    const edited = await editTogether(world, changes, 'combined edit');
    const releasedByTheEdit = [...world.connect.released];
    const deleted = await deleteStack(world);

    // Assess
    expect(edited).toBeUndefined();
    expect(releasedByTheEdit).toEqual([]);
    expect(deleted).toBeUndefined();
  });

  test('releases a number only on removal or stack delete, never on an edit (spot checks of the model)', async () => {
    // Prepare: sequences named in the issue
    const cases: Array<[Edit[], string[]]> = [
      [[{ kind: 'prefix-narrow', slot: 0 }], ['+18005550101']],
      // main takes a DID (info holds +12175550101); its toll-free number is kept
      [[{ kind: 'type', slot: 0 }], ['+12175550102']],
      [[{ kind: 'rename', slot: 0 }], ['+18005550101']],
      [[{ kind: 'adopt-other', slot: 1 }, { kind: 'remove', slot: 0 }], []],
      [[{ kind: 'release-on-delete', slot: 0 }, { kind: 'remove', slot: 0 }], []],
      [[{ kind: 'remove', slot: 0 }], ['+18005550101']],
    ];

    for (const [sequence, releasedAtTheEnd] of cases) {
      // Act
      const problem = await walk(sequence);

      // Assess: the walk agrees with the model, and the model says what the issue expects
      expect(problem).toBeUndefined();
      expect([...(lastConnect?.released ?? [])].sort()).toEqual(releasedAtTheEnd);
    }
  });
});
