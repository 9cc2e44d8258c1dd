import { agentHierarchySchema, proficiencyRoutingSchema } from '../../lib/config/agent-schema';
import { resolveAgentHierarchy } from '../../lib/quality/agent-hierarchy';
import { proficiencyConfigValues, resolveProficiencyRouting } from '../../lib/quality/proficiency-routing';

const QUEUES = ['General', 'Spanish', 'Escalations'];
const ROUTES = { default: 'General', spanish: 'Spanish' };
const routing = (block: Record<string, unknown>) => proficiencyRoutingSchema.parse({ enabled: true, ...block });

describe('proficiency routing', () => {
  test('gives en the default queue, es the Spanish queue, and an interpreted language its own', () => {
    const { routing: resolved, problems } = resolveProficiencyRouting(routing({ languages: [{ value: 'en' }, { value: 'es' }, { value: 'vi', queue: 'Escalations' }] }), ROUTES, QUEUES, ['en-US', 'es-US']);
    expect(problems).toEqual([]);
    expect(resolved).toEqual({
      attribute: 'Language',
      values: ['en', 'es', 'vi'],
      queues: new Map([['en', 'General'], ['es', 'Spanish'], ['vi', 'Escalations']]),
      minimumLevel: 3,
      waitSeconds: 60,
    });
  });

  test('fails for an interpreted language without a queue, listing the queues', () => {
    const { problems } = resolveProficiencyRouting(routing({ languages: [{ value: 'en' }, { value: 'es' }, { value: 'vi' }] }), ROUTES, QUEUES, ['en-US', 'es-US']);
    expect(problems).toEqual([
      { path: 'languages[2].queue', message: 'language "vi" has no queue: interpreted calls need a queue where agents proficient in it take them (name one of: General, Spanish, Escalations)' },
    ]);
  });

  test('fails for a queue that is not defined, a language listed twice and a caller language left out', () => {
    const { problems } = resolveProficiencyRouting(routing({ languages: [{ value: 'en' }, { value: 'en' }, { value: 'vi', queue: 'Vietnamese' }] }), ROUTES, QUEUES, ['en-US', 'es-US']);
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'languages[1].value: "en" is listed twice (already languages[0]; list each language once)',
      'languages[2].queue: "Vietnamese" is not a defined queue name (defined: General, Spanish, Escalations)',
      'languages: has no "es" for caller language es-US (languages[1]): the inbound flows route its callers by it (add { value: es })',
    ]);
  });

  test('offers the flows a switch, the attribute, the level as a float and a value per caller language', () => {
    expect(proficiencyConfigValues(routing({ minimumLevel: 4, waitSeconds: 120 }))).toEqual({
      'proficiency.enabled': 'on',
      'proficiency.attribute': 'Language',
      'proficiency.level': '4.0',
      'proficiency.waitSeconds': '120',
      'proficiency.value.en-US': 'en',
      'proficiency.value.es-US': 'es',
    });
    expect(proficiencyConfigValues(proficiencyRoutingSchema.parse({}))['proficiency.enabled']).toBe('off');
  });
});

describe('agent hierarchy', () => {
  const hierarchy = (groups: unknown[], levels = ['Division', 'Unit']) => agentHierarchySchema.parse({ levels, groups });

  test('places each group one level below its parent, parents first', () => {
    const { groups, problems } = resolveAgentHierarchy(hierarchy([{ name: 'Claims Unit', parent: 'Benefits' }, { name: 'Benefits' }]));
    expect(problems).toEqual([]);
    expect(groups).toEqual([
      { name: 'Benefits', level: 1 },
      { name: 'Claims Unit', level: 2, parent: 'Benefits' },
    ]);
  });

  test('fails for an unknown parent, a group deeper than the levels, and parents in a loop', () => {
    expect(resolveAgentHierarchy(hierarchy([{ name: 'A' }, { name: 'B', parent: 'Nope' }])).problems).toEqual([
      { path: 'groups[1].parent', message: '"Nope" is not a defined group name (defined: A, B)' },
    ]);
    expect(resolveAgentHierarchy(hierarchy([{ name: 'A' }, { name: 'B', parent: 'A' }, { name: 'C', parent: 'B' }])).problems).toEqual([
      { path: 'groups[2].parent', message: 'puts "C" at level 3, below the 2 levels defined (Division, Unit); add a level or attach it higher' },
    ]);
    expect(resolveAgentHierarchy(hierarchy([{ name: 'A', parent: 'B' }, { name: 'B', parent: 'A' }])).problems[0]).toEqual({
      path: 'groups[1].parent',
      message: "groups are each other's parents (A -> B -> A); a top-level group has no parent",
    });
  });

  test('fails for two groups whose names differ only in punctuation', () => {
    expect(resolveAgentHierarchy(hierarchy([{ name: 'Case Work' }, { name: 'CaseWork' }])).problems).toEqual([
      { path: 'groups[1].name', message: '"CaseWork" differs from groups[0] "Case Work" only in spaces or punctuation (names must differ in letters or digits)' },
    ]);
  });
});
