import type { AgentHierarchyConfig } from '../config/agent-schema';
import { idPart } from '../stacks/ids';

/**
 * The agent hierarchy of a jurisdiction, resolved from config: each group with its level (1 at
 * the top) and parent, ordered so that a parent always comes before its groups. Pure.
 */

/** One group, placed. */
export interface PlacedGroup {
  readonly name: string;
  /** 1 for a top-level group. */
  readonly level: number;
  readonly parent?: string;
}

/** A problem at a key path under `agentHierarchy`. */
export interface HierarchyProblem {
  readonly path: string;
  readonly message: string;
}

/** Amazon Connect's user hierarchy has five levels at most. */
export const MAX_HIERARCHY_LEVELS = 5;

/**
 * Places every group under its parent. Problems: a name used twice (group or level), a parent
 * that is not a group, a loop of parents, and a group deeper than the levels defined.
 */
export function resolveAgentHierarchy(config: AgentHierarchyConfig): { groups: PlacedGroup[]; problems: HierarchyProblem[] } {
  const problems: HierarchyProblem[] = [];
  const seenLevels = new Map<string, number>();
  config.levels.forEach((level, i) => {
    const first = seenLevels.get(level.toLowerCase());
    if (first !== undefined) problems.push({ path: `levels[${i}]`, message: `${JSON.stringify(level)} is already levels[${first}] (level names must be unique)` });
    else seenLevels.set(level.toLowerCase(), i);
  });

  const index = new Map<string, number>();
  const byIdPart = new Map<string, number>();
  config.groups.forEach((group, i) => {
    const first = index.get(group.name);
    const similar = byIdPart.get(idPart(group.name));
    if (first !== undefined) problems.push({ path: `groups[${i}].name`, message: `${JSON.stringify(group.name)} is already groups[${first}] (group names must be unique)` });
    else if (similar !== undefined) {
      // Construct ids keep only letters, digits, "_" and "-": these two would be one resource.
      problems.push({ path: `groups[${i}].name`, message: `${JSON.stringify(group.name)} differs from groups[${similar}] ${JSON.stringify(config.groups[similar].name)} only in spaces or punctuation (names must differ in letters or digits)` });
    } else {
      index.set(group.name, i);
      byIdPart.set(idPart(group.name), i);
    }
  });

  const placed = new Map<string, PlacedGroup>();
  const place = (i: number, trail: readonly number[]): PlacedGroup | undefined => {
    const group = config.groups[i];
    const done = placed.get(group.name);
    if (done) return done;
    if (group.parent === undefined) {
      const top = { name: group.name, level: 1 };
      placed.set(group.name, top);
      return top;
    }
    const parentIndex = index.get(group.parent);
    if (parentIndex === undefined) {
      problems.push({ path: `groups[${i}].parent`, message: `${JSON.stringify(group.parent)} is not a defined group name (defined: ${[...index.keys()].join(', ')})` });
      return undefined;
    }
    if (trail.includes(parentIndex)) {
      const loop = [...trail.slice(trail.indexOf(parentIndex)), parentIndex].map((g) => config.groups[g].name).join(' -> ');
      problems.push({ path: `groups[${i}].parent`, message: `groups are each other's parents (${loop}); a top-level group has no parent` });
      return undefined;
    }
    const parent = place(parentIndex, [...trail, parentIndex]);
    if (!parent) return undefined;
    const level = parent.level + 1;
    if (level > config.levels.length) {
      problems.push({
        path: `groups[${i}].parent`,
        message: `puts ${JSON.stringify(group.name)} at level ${level}, below the ${config.levels.length} levels defined (${config.levels.join(', ')}); add a level or attach it higher`,
      });
    }
    const result = { name: group.name, level, parent: parent.name };
    placed.set(group.name, result);
    return result;
  };
  config.groups.forEach((group, i) => {
    if (index.get(group.name) === i) place(i, [i]);
  });
  const groups = [...placed.values()].sort((a, b) => a.level - b.level);
  return { groups, problems };
}
