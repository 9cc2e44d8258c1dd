import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { IConnectInstance } from '../../lib/constructs/connect-instance';
import {
  AUDITOR_PERMISSIONS,
  SECURITY_PROFILE_PERMISSIONS,
  SecurityProfileRole,
  StandardSecurityProfiles,
  StandardSecurityProfilesProps,
} from '../../lib/constructs/security-profiles';

const PROFILE_TYPE = 'AWS::Connect::SecurityProfile';

/** Permissions that change, publish, share, download or delete anything, or act on live contacts. */
const NOT_READ_ONLY =
  /\.(Create|Edit|Delete|Publish|Share|Schedule|EnableAndDisable|EditPermission|Claim|Release|Purge|Remove)$|^(Download|Delete)|ListenIn|BargeIn|^BasicAgentAccess$|^OutboundCallAccess$|^ChatTestMode$/;

function givenProfiles(props: Partial<StandardSecurityProfilesProps> = {}): { stack: Stack; profiles: StandardSecurityProfiles } {
  const stack = new Stack(new App(), 'Test', { env: { account: '111111111111', region: 'us-gov-west-1' } });
  const instance: IConnectInstance = {
    instanceArn: stack.formatArn({ service: 'connect', resource: 'instance', resourceName: '11111111-2222-3333-4444-555555555555' }),
    instanceId: '11111111-2222-3333-4444-555555555555',
  };
  const profiles = new StandardSecurityProfiles(stack, 'SecurityProfiles', { instance, ...props });
  return { stack, profiles };
}

/** The Permissions of the profile called `name` in the template. */
function permissionsOf(template: Template, name: string): string[] {
  const found = Object.values(template.findResources(PROFILE_TYPE, { Properties: { SecurityProfileName: name } }));
  expect(found).toHaveLength(1);
  return found[0].Properties.Permissions;
}

describe('StandardSecurityProfiles', () => {
  test('creates the Admin, Supervisor, Agent and Auditor profiles, each with a description of what it is for', () => {
    // GIVEN / WHEN
    const template = Template.fromStack(givenProfiles().stack);

    // THEN
    template.resourceCountIs(PROFILE_TYPE, 4);
    for (const [name, purpose] of [
      ['Kit-Admin', 'administrators'],
      ['Kit-Supervisor', 'Supervisors'],
      ['Kit-Agent', 'Agents'],
      ['Kit-Auditor', 'read-only'],
    ]) {
      template.hasResourceProperties(PROFILE_TYPE, {
        SecurityProfileName: name,
        Description: Match.stringLikeRegexp(purpose),
        InstanceArn: Match.anyValue(),
        Permissions: Match.anyValue(),
      });
    }
  });

  test('gives the auditor no permission to create, edit, delete, publish, download or take contacts', () => {
    // GIVEN / WHEN
    const auditor = permissionsOf(Template.fromStack(givenProfiles().stack), 'Kit-Auditor');

    // THEN
    expect(auditor.filter((p) => NOT_READ_ONLY.test(p))).toEqual([]);
    expect(AUDITOR_PERMISSIONS.filter((p) => NOT_READ_ONLY.test(p))).toEqual([]);
  });

  test('lets the auditor read metrics, reports, contact records, recordings and change history', () => {
    // GIVEN / WHEN
    const auditor = permissionsOf(Template.fromStack(givenProfiles().stack), 'Kit-Auditor');

    // THEN
    expect(auditor).toEqual(
      expect.arrayContaining([
        'AccessMetrics',
        'MetricsReports.View',
        'ContactSearch.View',
        'ListenCallRecordings',
        'RedactedData.View',
        'HistoricalChanges.View',
        'SecurityProfiles.View',
      ]),
    );
  });

  test('lets no profile download or delete call recordings', () => {
    // GIVEN / WHEN
    const template = Template.fromStack(givenProfiles().stack);

    // THEN
    for (const name of ['Kit-Admin', 'Kit-Supervisor', 'Kit-Agent', 'Kit-Auditor']) {
      expect(permissionsOf(template, name)).not.toEqual(expect.arrayContaining(['DownloadCallRecordings']));
      expect(permissionsOf(template, name)).not.toEqual(expect.arrayContaining(['DeleteCallRecordings']));
    }
  });

  test('gives agents the Contact Control Panel, outbound calls and quick connects only', () => {
    // GIVEN / WHEN
    const template = Template.fromStack(givenProfiles().stack);

    // THEN
    template.hasResourceProperties(PROFILE_TYPE, {
      SecurityProfileName: 'Kit-Agent',
      Permissions: ['BasicAgentAccess', 'OutboundCallAccess', 'TransferDestinations.View'],
    });
  });

  test('leaves out outbound calling when the instance has outbound calls off', () => {
    // GIVEN / WHEN
    const template = Template.fromStack(givenProfiles({ outboundCalls: false }).stack);

    // THEN
    for (const name of ['Kit-Admin', 'Kit-Supervisor', 'Kit-Agent', 'Kit-Auditor']) {
      expect(permissionsOf(template, name)).not.toContain('OutboundCallAccess');
    }
    template.hasResourceProperties(PROFILE_TYPE, {
      SecurityProfileName: 'Kit-Agent',
      Permissions: ['BasicAgentAccess', 'TransferDestinations.View'],
    });
  });

  test('names the profiles with the given prefix', () => {
    // GIVEN / WHEN
    const template = Template.fromStack(givenProfiles({ namePrefix: 'Pinecrest' }).stack);

    // THEN
    template.hasResourceProperties(PROFILE_TYPE, { SecurityProfileName: 'Pinecrest-Auditor' });
  });

  test('exposes each profile by role under a construct id equal to the role', () => {
    // GIVEN / WHEN
    const { stack, profiles } = givenProfiles();

    // THEN
    expect(profiles.byRole[SecurityProfileRole.AUDITOR]).toBe(profiles.auditor);
    expect(profiles.byRole[SecurityProfileRole.ADMIN]).toBe(profiles.admin);
    expect(profiles.node.tryFindChild('Supervisor')).toBe(profiles.supervisor);
    expect(stack.resolve(profiles.agent.attrSecurityProfileArn)).toEqual({
      'Fn::GetAtt': [stack.getLogicalId(profiles.agent), 'SecurityProfileArn'],
    });
  });

  test('lists each permission once per role, as the CloudFormation schema requires', () => {
    // GIVEN / WHEN / THEN
    for (const permissions of Object.values(SECURITY_PROFILE_PERMISSIONS)) {
      expect(new Set(permissions).size).toBe(permissions.length);
    }
  });

  test('fails when the name prefix has characters a security profile name cannot', () => {
    // GIVEN / WHEN / THEN
    expect(() => givenProfiles({ namePrefix: 'Kit/Prod' })).toThrow(
      'Test/SecurityProfiles: namePrefix "Kit/Prod" must use only letters, digits, spaces, "_", "@" or "-" and be at most 116 characters',
    );
  });
});
