import * as fs from 'fs';
import * as path from 'path';
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

/** Permissions that open recordings, transcripts, contact records or their attributes. */
const CONTACT_CONTENT = /Recording|Transcript|RedactedData|ContactSearch|ContactAttributes|MyContacts/;

function givenProfiles(props: Partial<StandardSecurityProfilesProps> = {}): { stack: Stack; profiles: StandardSecurityProfiles } {
  const stack = new Stack(new App(), 'Test', { env: { account: '111111111111', region: 'us-gov-west-1' } });
  const instance: IConnectInstance = {
    instanceArn: stack.formatArn({ service: 'connect', resource: 'instance', resourceName: '11111111-2222-3333-4444-555555555555' }),
    instanceId: '11111111-2222-3333-4444-555555555555',
  };
  const profiles = new StandardSecurityProfiles(stack, 'SecurityProfiles', { instance, ...props });
  return { stack, profiles };
}

let defaultTemplate: Template | undefined;
/** The template of {@link givenProfiles} with the default props, synthesized once for the tests that only read it. */
function defaultProfilesTemplate(): Template {
  defaultTemplate ??= Template.fromStack(givenProfiles().stack);
  return defaultTemplate;
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
    const template = defaultProfilesTemplate();

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
    const auditor = permissionsOf(defaultProfilesTemplate(), 'Kit-Auditor');

    // THEN
    expect(auditor.filter((p) => NOT_READ_ONLY.test(p))).toEqual([]);
    expect(AUDITOR_PERMISSIONS.filter((p) => NOT_READ_ONLY.test(p))).toEqual([]);
  });

  test('gives the auditor configuration, metrics, reports and change history to read, and no contact content', () => {
    // GIVEN / WHEN
    const auditor = permissionsOf(defaultProfilesTemplate(), 'Kit-Auditor');

    // THEN
    expect(auditor).toEqual([
      'AccessMetrics',
      'MetricsReports.View',
      'ReportSchedules.View',
      'AgentTimeCard.View',
      'HistoricalChanges.View',
      'Users.View',
      'SecurityProfiles.View',
      'AgentGrouping.View',
      'AgentStates.View',
      'RoutingPolicies.View',
      'Queues.View',
      'HoursOfOperation.View',
      'TransferDestinations.View',
      'ContactFlows.View',
      'ContactFlowModules.View',
      'Prompts.View',
      'PhoneNumbers.View',
      'Rules.View',
    ]);
    expect(auditor.filter((p) => CONTACT_CONTENT.test(p))).toEqual([]);
  });

  test('lets only the admin open unredacted recordings and transcripts; supervisors get redacted ones only, agents and auditors none', () => {
    // GIVEN / WHEN
    const template = defaultProfilesTemplate();
    const access = (name: string) => {
      const permissions = permissionsOf(template, name);
      return { redacted: permissions.includes('RedactedData.View'), unredacted: permissions.includes('ListenCallRecordings') };
    };

    // THEN
    expect(access('Kit-Admin')).toEqual({ redacted: true, unredacted: true });
    expect(access('Kit-Supervisor')).toEqual({ redacted: true, unredacted: false });
    expect(access('Kit-Agent')).toEqual({ redacted: false, unredacted: false });
    expect(access('Kit-Auditor')).toEqual({ redacted: false, unredacted: false });
    // AND no profile has a recording or transcript permission other than these two
    for (const permissions of Object.values(SECURITY_PROFILE_PERMISSIONS)) {
      expect(permissions.filter((p) => /Recording|Transcript|Redacted/.test(p) && !['RedactedData.View', 'ListenCallRecordings'].includes(p))).toEqual([]);
    }
  });

  test('the README table of who sees what matches the permissions of each profile', () => {
    // GIVEN the table under "Security profiles: who sees what" in README.md
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Security profiles: who sees what'));
    const rows = section
      .split('\n')
      .filter((line) => line.startsWith('| `Kit-'))
      .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
    const header = section.split('\n').find((line) => line.startsWith('| Profile'))!.split('|').slice(1, -1).map((cell) => cell.trim());

    // WHEN each yes/no column is derived from the permissions
    const derived: Record<string, (p: readonly string[]) => boolean> = {
      'Metrics and reports': (p) => p.includes('AccessMetrics'),
      'Contact search and attributes': (p) => p.includes('ContactSearch.View'),
      'Redacted recordings and transcripts': (p) => p.includes('RedactedData.View'),
      'Unredacted recordings and transcripts': (p) => p.includes('ListenCallRecordings'),
      'Live monitoring': (p) => p.includes('ManagerListenIn'),
      'Contact Control Panel': (p) => p.includes('BasicAgentAccess'),
      // Saved reports of one's own are not contact center configuration.
      'Changes configuration': (p) => p.some((x) => /\.(Create|Edit|Delete)$/.test(x) && !x.startsWith('MetricsReports.')),
    };

    // THEN every row says what the profile's permissions grant
    expect(rows.map((r) => r[0])).toEqual(['`Kit-Admin`', '`Kit-Supervisor`', '`Kit-Agent`', '`Kit-Auditor`']);
    for (const row of rows) {
      const role = row[0].replace(/`Kit-|`/g, '') as SecurityProfileRole;
      for (const [column, grants] of Object.entries(derived)) {
        const cell = row[header.indexOf(column)];
        expect([role, column, cell.split(/[ ,(]/)[0]]).toEqual([role, column, grants(SECURITY_PROFILE_PERMISSIONS[role]) ? 'yes' : 'no']);
      }
    }
  });

  test('lets no profile download or delete call recordings', () => {
    // GIVEN / WHEN
    const template = defaultProfilesTemplate();

    // THEN
    for (const name of ['Kit-Admin', 'Kit-Supervisor', 'Kit-Agent', 'Kit-Auditor']) {
      expect(permissionsOf(template, name)).not.toEqual(expect.arrayContaining(['DownloadCallRecordings']));
      expect(permissionsOf(template, name)).not.toEqual(expect.arrayContaining(['DeleteCallRecordings']));
    }
  });

  test('gives agents the Contact Control Panel, outbound calls and quick connects only', () => {
    // GIVEN / WHEN
    const template = defaultProfilesTemplate();

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
