import { AGENT_EVENT_COLUMNS, CONTACT_RECORD_COLUMNS, SURVEY_COLUMNS, columnPaths } from '../../lib/analytics/tables';
import { columnReferences, cxQueries } from '../../lib/analytics/queries';

const QUERIES = cxQueries({ database: 'pinecrest_benefits', serviceLevelSeconds: 45, lookbackDays: 30 });
const PATHS = { ctr: columnPaths(CONTACT_RECORD_COLUMNS), survey: columnPaths(SURVEY_COLUMNS) };

describe('CX queries', () => {
  test('are the nine A-11 metrics, each with a unique id and name', () => {
    // THEN the list is exactly these, in README order
    expect(QUERIES.map((q) => q.name)).toEqual([
      'contacts-per-day',
      'abandonment-rate',
      'average-speed-of-answer',
      'average-handle-time',
      'service-level',
      'after-hours-volume',
      'self-service-containment',
      'callbacks-requested',
      'survey-scores',
    ]);
    expect(new Set(QUERIES.map((q) => q.id)).size).toBe(QUERIES.length);
  });

  test.each(QUERIES.map((q) => [q.name, q] as const))('%s names only columns the table schemas define', (_name, query) => {
    // GIVEN the qualified column references of the query
    const refs = columnReferences(query.sql);
    // THEN it names at least one column and each one exists in its table
    expect(refs.length).toBeGreaterThan(0);
    const unknown = refs.filter((ref) => !PATHS[ref.alias].has(ref.path.toLowerCase())).map((ref) => `${ref.alias}.${ref.path}`);
    expect(unknown).toEqual([]);
  });

  test.each(QUERIES.map((q) => [q.name, q] as const))('%s reads its table through the pruned date window', (_name, query) => {
    // THEN the query scans only the last 30 days of partitions, in the configured database
    expect(query.sql).toMatch(/FROM "pinecrest_benefits"\."(contact_records|survey_responses)" (ctr|survey)\n/);
    expect(query.sql).toContain("date_format(current_date - INTERVAL '30' DAY, '%Y-%m-%d')");
    expect(query.description.length).toBeLessThanOrEqual(1024);
  });

  test('service level counts answers within the configured seconds', () => {
    // GIVEN serviceLevelSeconds 45
    const sql = QUERIES.find((q) => q.name === 'service-level')!.sql;
    // THEN the threshold is 45 and the description says so
    expect(sql).toContain(' <= 45)');
    expect(QUERIES.find((q) => q.name === 'service-level')!.description).toContain('within 45 seconds');
  });

  test('contact-record queries keep only the latest copy of each contact', () => {
    // THEN every query over contact records filters on copy_rank = 1
    for (const query of QUERIES.filter((q) => q.sql.includes('contact_records'))) {
      expect(query.sql).toContain('PARTITION BY ctr.ContactId ORDER BY ctr.LastUpdateTimestamp DESC');
      expect(query.sql).toMatch(/WHERE copy_rank = 1/);
    }
  });
});

describe('columnReferences', () => {
  test('finds qualified struct paths and skips string literals and other aliases', () => {
    // GIVEN a query with a struct path, a map, a string literal that looks like a column and a foreign alias
    const refs = columnReferences("SELECT ctr.Queue.Name, element_at(ctr.Attributes, 'x'), 'ctr.Fake', other.ctr, survey.trust FROM t ctr");
    // THEN only the real references are returned
    expect(refs).toEqual([
      { alias: 'ctr', path: 'Queue.Name' },
      { alias: 'ctr', path: 'Attributes' },
      { alias: 'survey', path: 'trust' },
    ]);
  });

  test('reports a column the schema lacks', () => {
    // GIVEN a reference to a field the CTR table does not define
    const [ref] = columnReferences('SELECT ctr.Queue.Size FROM contacts ctr');
    // THEN the path check fails for it
    expect(PATHS.ctr.has(ref.path.toLowerCase())).toBe(false);
  });
});

describe('columnPaths', () => {
  test('includes partitions and nested struct fields, lower-cased', () => {
    // THEN nested fields and partitions are paths; array elements are not
    const paths = columnPaths(CONTACT_RECORD_COLUMNS);
    expect(paths.has('agent.routingprofile.name')).toBe(true);
    expect(paths.has('contactlens.conversationalanalytics.configuration.redactionconfiguration.behavior')).toBe(true);
    expect(paths.has('year')).toBe(true);
    expect(paths.has('recordings.location')).toBe(false);
    expect(columnPaths(AGENT_EVENT_COLUMNS).has('currentagentsnapshot.agentstatus.name')).toBe(true);
  });
});
