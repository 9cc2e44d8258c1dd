import type { LintRule } from '../rule';

/**
 * Reports files whose shape is wrong (found by the loader): not a kit flow file, an export
 * envelope or Flow Language; an unknown Type; a wrong Version; malformed actions or transitions;
 * duplicate file or flow names; a path that does not exist.
 */
export const flowFile: LintRule = {
  id: 'flow-file',
  description: 'The file must be a kit flow file, an exported flow or Flow Language, with a known flow type and well-formed actions.',
  check: (ctx) => ctx.loadFindings.filter((f) => f.ruleId === 'flow-file'),
};
