import type { LintRule } from '../rule';

/** Reports files that are not valid JSON, with the line and column of the first mistake (found by the loader). */
export const invalidJson: LintRule = {
  id: 'invalid-json',
  description: 'The file must be valid JSON; the first syntax error is reported with its line and column.',
  check: (ctx) => ctx.loadFindings.filter((f) => f.ruleId === 'invalid-json'),
};
