import { accessInventory, AccessInventory, exposureInventory, ExposureEntry } from './access';
import { controlMatrix, ControlEntry, countByResponsibility, Responsibility } from './controls';
import { callerDataFlow, DataKind } from './dataflow';
import { encryptionInventory, EncryptionInventory } from './encryption';
import { deployedFlows, DeployedFlow } from './flows';
import { Assembly } from './model';
import { componentDefinition, OscalOptions } from './oscal';
import { readStatements } from './policies';
import { retentionInventory, RetentionEntry } from './retention';
import { classifyStores, Store } from './stores';
import type { AcknowledgedFinding, AuditJurisdiction, Baseline, NagOutcomes, NagRuleInfo, StackTemplate } from './types';

/** Everything the audit core reads. */
export interface AuditInput {
  readonly jurisdiction: AuditJurisdiction;
  /** The jurisdiction's stacks, parsed. */
  readonly stacks: readonly StackTemplate[];
  readonly baseline: Baseline;
  readonly nagRules: readonly NagRuleInfo[];
  /** Rule outcomes recorded at synthesis; @default - rules are matched to resources by type */
  readonly nagOutcomes?: NagOutcomes;
  readonly oscal: OscalOptions;
}

/** The audit pack of one jurisdiction, as data. */
export interface AuditPack {
  readonly jurisdiction: AuditJurisdiction;
  readonly baseline: { readonly title: string; readonly version: string; readonly source: string; readonly commit: string; readonly controls: number };
  readonly stacks: readonly { readonly name: string; readonly resources: number }[];
  readonly counts: Record<Responsibility, number>;
  readonly matrix: readonly ControlEntry[];
  readonly stores: readonly Store[];
  readonly encryption: EncryptionInventory;
  readonly retention: readonly RetentionEntry[];
  readonly access: AccessInventory;
  readonly exposure: readonly ExposureEntry[];
  readonly dataFlow: readonly DataKind[];
  readonly flows: readonly DeployedFlow[];
  readonly acknowledgements: readonly AcknowledgedFinding[];
  readonly componentDefinition: Record<string, unknown>;
}

/** Builds a jurisdiction's audit pack from its templates. Pure: no I/O. */
export function buildAuditPack(input: AuditInput): AuditPack {
  const assembly = new Assembly(input.stacks);
  const stores = classifyStores(assembly);
  const statements = readStatements(assembly);
  const encryption = encryptionInventory(assembly, stores, statements);
  const retention = retentionInventory(assembly, stores, input.jurisdiction.retention);
  const access = accessInventory(assembly, statements);
  const exposure = exposureInventory(assembly, statements);
  const flows = deployedFlows(assembly);
  const dataFlow = callerDataFlow(assembly, flows, encryption, retention, statements, access.securityProfiles);
  const matrix = controlMatrix(input.baseline.controls, input.nagRules, { assembly, stores, statements, encryption, retention, access, exposure, flows, dataFlow }, input.nagOutcomes);
  const seen = new Set<string>();
  const acknowledgements = assembly.acknowledgements().filter((a) => {
    const key = `${a.stack}|${a.id}|${a.reason}`;
    return !seen.has(key) && (seen.add(key), true);
  });
  return {
    jurisdiction: input.jurisdiction,
    baseline: { title: input.baseline.title, version: input.baseline.version, source: input.baseline.source, commit: input.baseline.commit, controls: input.baseline.controls.length },
    stacks: input.stacks.map((s) => ({ name: s.name, resources: Object.keys(s.template.Resources ?? {}).length })),
    counts: countByResponsibility(matrix),
    matrix,
    stores,
    encryption,
    retention,
    access,
    exposure,
    dataFlow,
    flows,
    acknowledgements,
    componentDefinition: componentDefinition(input.jurisdiction, input.baseline, matrix, input.oscal),
  };
}
