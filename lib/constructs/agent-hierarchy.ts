import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import type { AgentHierarchyConfig } from '../config/agent-schema';
import { idPart } from '../stacks/ids';
import { resolveAgentHierarchy } from '../quality/agent-hierarchy';
import { IConnectInstance } from './connect-instance';

/** Properties of {@link AgentHierarchy}. */
export interface AgentHierarchyProps {
  /** The Amazon Connect instance the hierarchy belongs to. */
  readonly instance: IConnectInstance;
  /** The `agentHierarchy` block of the jurisdiction config. */
  readonly hierarchy: AgentHierarchyConfig;
}

const LEVEL_KEYS = ['levelOne', 'levelTwo', 'levelThree', 'levelFour', 'levelFive'] as const;

/**
 * The agent hierarchy (AWS::Connect::UserHierarchyStructure and one
 * AWS::Connect::UserHierarchyGroup per group, e.g. division -> unit). Agents are not in the
 * templates: the agency's identity process (SAML) creates users, and their hierarchy group is
 * set on the user.
 *
 * Lives in the replaceable contact-center stack: names of organizational units, no caller data.
 * Group construct ids are `Group-<name>` under this construct, so renaming a group replaces it.
 */
export class AgentHierarchy extends Construct {
  /** The structure (level names). */
  public readonly structure: connect.CfnUserHierarchyStructure;
  /** Groups by name. */
  public readonly groups: ReadonlyMap<string, connect.CfnUserHierarchyGroup>;

  constructor(scope: Construct, id: string, props: AgentHierarchyProps) {
    super(scope, id);
    const { groups, problems } = resolveAgentHierarchy(props.hierarchy);
    if (problems.length > 0) throw new Error(`${this.node.path}: the agent hierarchy is not valid: ${problems.map((p) => `agentHierarchy.${p.path}: ${p.message}`).join('; ')}`);

    this.structure = new connect.CfnUserHierarchyStructure(this, 'Structure', {
      instanceArn: props.instance.instanceArn,
      userHierarchyStructure: Object.fromEntries(props.hierarchy.levels.map((name, i) => [LEVEL_KEYS[i], { name }])),
    });

    const built = new Map<string, connect.CfnUserHierarchyGroup>();
    for (const group of groups) {
      const parent = group.parent === undefined ? undefined : built.get(group.parent)!;
      const resource = new connect.CfnUserHierarchyGroup(this, `Group-${idPart(group.name)}`, {
        instanceArn: props.instance.instanceArn,
        name: group.name,
        parentGroupArn: parent?.attrUserHierarchyGroupArn,
      });
      // A group's level comes from its place under the structure: the structure must exist first.
      resource.node.addDependency(this.structure);
      built.set(group.name, resource);
    }
    this.groups = built;
  }
}
