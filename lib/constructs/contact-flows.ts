import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct, IDependable } from 'constructs';
import { IConnectInstance } from './connect-instance';
import { jsonContent } from './json-content';
import { findReferences, flowOrder, resolveReferences } from '../flows/references';
import type { ReferenceKind, ReferenceTable } from '../flows/references';
import type { LoadedFlow } from '../flows/types';
import { idPart } from '../stacks/ids';

/** Properties of {@link ContactFlows}. */
export interface ContactFlowsProps {
  /** The instance the flows belong to. */
  readonly instance: IConnectInstance;
  /** The flows and modules, already loaded and linted. */
  readonly flows: readonly LoadedFlow[];
  /**
   * Values of the references flows may use, except `flow` and `module`, which this construct
   * fills with the ARNs of the flows it creates.
   */
  readonly references: Omit<ReferenceTable, 'flow' | 'module'>;
  /**
   * What must exist before a flow that uses a reference can be created, by kind and name: the
   * instance's integration association of each `${lambda:…}` function and `${bot:…}` alias.
   * CreateContactFlow validates the content, and a Lambda or Lex ARN the instance has no
   * association for makes it fail; the content's ARN tokens alone only order the flow after the
   * function or alias, not after its association.
   * @default - no dependencies beyond the tokens in the content
   */
  readonly integrations?: IntegrationDependencies;
}

/** Per reference kind, the resource a flow using `${kind:name}` must be created after. */
export type IntegrationDependencies = {
  readonly [K in Exclude<ReferenceKind, 'flow' | 'module'>]?: ReadonlyMap<string, IDependable>;
};

/**
 * The dependencies of one flow: one per distinct `${kind:name}` in its executable content (not
 * its Metadata, which is stripped) that `integrations` has an entry for. A flow that refers to
 * another flow or module waits for it through the ARN token, and so for that flow's own
 * dependencies too.
 */
export function integrationDependenciesOf(flow: LoadedFlow, integrations: IntegrationDependencies): IDependable[] {
  const out = new Map<string, IDependable>();
  for (const ref of findReferences(flow.content)) {
    if (ref.problem || ref.inMetadata || ref.kind === 'flow' || ref.kind === 'module') continue;
    const dependable = integrations[ref.kind as keyof IntegrationDependencies]?.get(ref.name);
    if (dependable) out.set(`${ref.kind}:${ref.name}`, dependable);
  }
  return [...out.values()];
}

/**
 * The contact flows and flow modules of an instance, from flow files with `${kind:name}`
 * references resolved to the ARNs of the resources they name (tokens in the template, so
 * CloudFormation orders the creation). Designer metadata is stripped: Amazon Connect does not
 * execute it and exports repeat instance ARNs there.
 *
 * Construct ids are `Flow-<name>` and `Module-<name>` from the file names, so renaming a file
 * replaces the flow.
 */
export class ContactFlows extends Construct {
  /** Flow ARNs by reference name (`${flow:<name>}`). */
  public readonly flowArns: ReadonlyMap<string, string>;
  /** Module ARNs by reference name (`${module:<name>}`). */
  public readonly moduleArns: ReadonlyMap<string, string>;
  /** The CloudFormation resources by reference name. */
  public readonly resources: ReadonlyMap<string, connect.CfnContactFlow | connect.CfnContactFlowModule>;

  constructor(scope: Construct, id: string, props: ContactFlowsProps) {
    super(scope, id);
    const flowArns = new Map<string, string>();
    const moduleArns = new Map<string, string>();
    const resources = new Map<string, connect.CfnContactFlow | connect.CfnContactFlowModule>();
    const table: ReferenceTable = { ...props.references, flow: flowArns, module: moduleArns };
    // Content is rendered lazily, once every flow exists, so flows can name each other in any order.
    const contentOf = (flow: LoadedFlow) => jsonContent(() => resolveReferences(flow, table, { metadata: 'strip' }));

    for (const flow of flowOrder(props.flows)) {
      if (flow.type === 'MODULE') {
        const module = new connect.CfnContactFlowModule(this, `Module-${idPart(flow.name)}`, {
          instanceArn: props.instance.instanceArn,
          name: flow.displayName,
          description: flow.description,
          content: contentOf(flow),
          state: 'ACTIVE',
        });
        module.node.addDependency(...integrationDependenciesOf(flow, props.integrations ?? {}));
        moduleArns.set(flow.name, module.attrContactFlowModuleArn);
        resources.set(flow.name, module);
      } else {
        const resource = new connect.CfnContactFlow(this, `Flow-${idPart(flow.name)}`, {
          instanceArn: props.instance.instanceArn,
          name: flow.displayName,
          type: flow.type,
          description: flow.description,
          content: contentOf(flow),
          state: 'ACTIVE',
        });
        resource.node.addDependency(...integrationDependenciesOf(flow, props.integrations ?? {}));
        flowArns.set(flow.name, resource.attrContactFlowArn);
        resources.set(flow.name, resource);
      }
    }
    this.flowArns = flowArns;
    this.moduleArns = moduleArns;
    this.resources = resources;
  }
}
