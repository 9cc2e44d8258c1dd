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

/**
 * Resource types aws-cdk-lib tags but whose us-gov-west-1 registry schema has no `Tags`
 * property (cfn-lint E3002): tagging them would fail the deploy.
 */
export const UNTAGGABLE_IN_GOVCLOUD: readonly string[] = ['AWS::Connect::IntegrationAssociation'];

/** Tags every taggable resource under `scope` with the jurisdiction's tags from config. */
export function applyJurisdictionTags(scope: IConstruct, config: JurisdictionConfig): void {
  const tags = Tags.of(scope);
  const options = { excludeResourceTypes: [...UNTAGGABLE_IN_GOVCLOUD] };
  tags.add(TAG_KEYS.systemId, config.tags.systemId, options);
  tags.add(TAG_KEYS.owner, config.tags.owner, options);
  tags.add(TAG_KEYS.costCenter, config.tags.costCenter, options);
  tags.add(TAG_KEYS.dataClassification, config.tags.dataClassification, options);
  tags.add(TAG_KEYS.jurisdiction, config.id, options);
  tags.add(TAG_KEYS.managedBy, 'gov-contact-center-kit', options);
}
