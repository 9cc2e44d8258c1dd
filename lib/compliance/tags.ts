import { Tags } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import type { JurisdictionConfig } from '../config/schema';

/** The tag keys the kit writes; auditors and cost reports filter on them. */
export const TAG_KEYS = {
  systemId: 'SystemId',
  owner: 'Owner',
  costCenter: 'CostCenter',
  dataClassification: 'DataClassification',
  jurisdiction: 'Jurisdiction',
  managedBy: 'ManagedBy',
} as const;

/** Tags every taggable resource under `scope` with the jurisdiction's tags from config. */
export function applyJurisdictionTags(scope: IConstruct, config: JurisdictionConfig): void {
  const tags = Tags.of(scope);
  tags.add(TAG_KEYS.systemId, config.tags.systemId);
  tags.add(TAG_KEYS.owner, config.tags.owner);
  tags.add(TAG_KEYS.costCenter, config.tags.costCenter);
  tags.add(TAG_KEYS.dataClassification, config.tags.dataClassification);
  tags.add(TAG_KEYS.jurisdiction, config.id);
  tags.add(TAG_KEYS.managedBy, 'gov-contact-center-kit');
}
