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

/** The jurisdiction's tags from config, by key (also written by custom resources CloudFormation cannot tag, such as phone numbers). */
export function jurisdictionTags(config: JurisdictionConfig): Record<string, string> {
  return {
    [TAG_KEYS.systemId]: config.tags.systemId,
    [TAG_KEYS.owner]: config.tags.owner,
    [TAG_KEYS.costCenter]: config.tags.costCenter,
    [TAG_KEYS.dataClassification]: config.tags.dataClassification,
    [TAG_KEYS.jurisdiction]: config.id,
    [TAG_KEYS.managedBy]: 'gov-contact-center-kit',
  };
}

/** Tags every taggable resource under `scope` with the jurisdiction's tags from config. */
export function applyJurisdictionTags(scope: IConstruct, config: JurisdictionConfig): void {
  const tags = Tags.of(scope);
  const options = { excludeResourceTypes: [...UNTAGGABLE_IN_GOVCLOUD] };
  for (const [key, value] of Object.entries(jurisdictionTags(config))) tags.add(key, value, options);
}
