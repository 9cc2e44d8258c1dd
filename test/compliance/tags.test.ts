import { CfnResource, Stack, TagManager } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { TAG_KEYS, UNTAGGABLE_IN_GOVCLOUD } from '../../lib/compliance/tags';
import { addExample, kitApp } from '../helpers/examples';

describe('jurisdiction tags', () => {
  const app = kitApp();
  const stacks = addExample(app, 'pinecrest-benefits');

  test.each(Object.entries(stacks))('are on every taggable resource of the %s stack', (_, stack: Stack) => {
    // GIVEN every CloudFormation resource CDK knows to be taggable
    const resources = Template.fromStack(stack).toJSON().Resources as Record<string, { Properties?: { Tags?: unknown } }>;
    const taggable = stack.node
      .findAll()
      .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && TagManager.isTaggable(c) && !UNTAGGABLE_IN_GOVCLOUD.includes(c.cfnResourceType))
      .map((c) => stack.getLogicalId(c));
    expect(taggable.length).toBeGreaterThan(0);
    // THEN each carries the six kit tags with the config's values, and the types GovCloud cannot tag carry none
    for (const [logicalId, resource] of Object.entries(resources)) {
      if (UNTAGGABLE_IN_GOVCLOUD.includes((resource as { Type: string }).Type)) expect({ logicalId, tags: resource.Properties?.Tags }).toEqual({ logicalId, tags: undefined });
    }
    for (const logicalId of taggable) {
      const tags = resources[logicalId].Properties?.Tags;
      const asMap = Array.isArray(tags)
        ? Object.fromEntries(tags.map((t: { Key: string; Value: string }) => [t.Key, t.Value]))
        : (tags as Record<string, string> | undefined) ?? {};
      expect({ logicalId, tags: asMap }).toEqual({
        logicalId,
        tags: expect.objectContaining({
          [TAG_KEYS.systemId]: 'PSDB-CC-01',
          [TAG_KEYS.owner]: 'benefits-contact-center',
          [TAG_KEYS.costCenter]: '4410',
          [TAG_KEYS.dataClassification]: 'CUI',
          [TAG_KEYS.jurisdiction]: 'pinecrest-benefits',
          [TAG_KEYS.managedBy]: 'gov-contact-center-kit',
        }),
      });
    }
  });

  test('are passed to every phone number, which CloudFormation cannot tag, for the handler to write on the number', () => {
    // GIVEN the contact-center stack's Custom::ConnectPhoneNumber resources (no Tags property CloudFormation would apply)
    const numbers = Object.values(Template.fromStack(stacks.contactCenter).findResources('Custom::ConnectPhoneNumber'));
    expect(numbers.length).toBeGreaterThan(0);
    // THEN each passes the six kit tags to the handler
    for (const number of numbers) {
      expect(number.Properties.Tags).toEqual({
        [TAG_KEYS.systemId]: 'PSDB-CC-01',
        [TAG_KEYS.owner]: 'benefits-contact-center',
        [TAG_KEYS.costCenter]: '4410',
        [TAG_KEYS.dataClassification]: 'CUI',
        [TAG_KEYS.jurisdiction]: 'pinecrest-benefits',
        [TAG_KEYS.managedBy]: 'gov-contact-center-kit',
      });
    }
  });
});
