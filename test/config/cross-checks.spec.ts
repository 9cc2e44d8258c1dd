import { crossCheck, isTimeZone, parseDate } from '../../lib/config/cross-checks';
import { loadJurisdictions } from '../../lib/config/loader';
import { EXAMPLES_CONFIG_DIR, exampleFile } from '../helpers/example-paths';

const FILE = exampleFile('riverton-311');
const TIME_ZONE_EXAMPLES = '(e.g. America/New_York, America/Chicago, America/Denver, America/Los_Angeles, Pacific/Honolulu)';

type Mutable = Record<string, any>;

/** A fresh, mutable copy of the validated Riverton example. */
function riverton(): Mutable {
  const [config] = loadJurisdictions({ configDir: EXAMPLES_CONFIG_DIR, only: ['riverton-311'] }).configs;
  return structuredClone(config) as Mutable;
}

describe('crossCheck', () => {
  test('finds nothing wrong with a valid example', () => {
    expect(crossCheck(FILE, riverton())).toEqual({ problems: [], warnings: [] });
  });

  test('names the file and the key path in every problem', () => {
    const config = riverton();
    config.queues[0].hours = 'night';
    expect(crossCheck(FILE, config).problems).toEqual([`${FILE}: queues[0].hours: "night" is not a defined hours name (defined: main)`]);
  });

  test('compares the id with the file name, whatever the folder and extension', () => {
    expect(crossCheck('a/b/riverton-311.yml', riverton()).problems).toEqual([]);
    expect(crossCheck('a\\b\\riverton-312.yaml', riverton()).problems).toEqual([
      'a\\b\\riverton-312.yaml: id: "riverton-311" does not match the file name (expected: riverton-312)',
    ]);
  });

  test('rejects names that differ only in spaces or punctuation, since they would share one resource id', () => {
    const config = riverton();
    config.agentStatuses = [
      { name: 'Case Work', enabled: true },
      { name: 'CaseWork', enabled: true },
    ];
    expect(crossCheck(FILE, config).problems).toEqual([
      `${FILE}: agentStatuses[1].name: "CaseWork" differs from "Case Work" only in spaces or punctuation (names must differ in letters or digits)`,
    ]);
  });

  test('rejects office information that lacks a configured caller language', () => {
    const config = riverton();
    config.languages = ['en-US', 'es-US'];
    config.lexLocales = ['en_US', 'es_US'];
    config.officeInfo = { 'en-US': 'City Hall, 1 Main Street.' };
    expect(crossCheck(FILE, config).problems).toEqual([
      `${FILE}: officeInfo: has no text for caller language "es-US" listed in languages[1] (add a "es-US" entry)`,
    ]);
  });

  test('names at most ten of the defined names when a reference is dangling', () => {
    const config = riverton();
    config.queues = Array.from({ length: 12 }, (_, i) => ({ name: `Queue ${i}`, hours: 'main' }));
    config.routingProfiles[0].defaultOutboundQueue = 'Queue 0';
    config.routingProfiles[0].queues[0].queue = 'Queue 0';
    config.routing.default = 'Front Desk';
    expect(crossCheck(FILE, config).problems).toEqual([
      `${FILE}: routing.default: "Front Desk" is not a defined queue name (defined: Queue 0, Queue 1, Queue 2, Queue 3, Queue 4, Queue 5, Queue 6, Queue 7, Queue 8, Queue 9 and 2 more)`,
    ]);
  });

  describe('quotas', () => {
    test('warns, without a problem, when queues exceed the default quota of 50', () => {
      const config = riverton();
      config.queues = Array.from({ length: 51 }, (_, i) => ({ name: i === 0 ? 'City Services' : `Queue ${i}`, hours: 'main' }));
      expect(crossCheck(FILE, config)).toEqual({
        problems: [],
        warnings: [`${FILE}: queues: 51 queues exceed the default Amazon Connect quota of 50 per instance (ask AWS Support to raise it before deploying)`],
      });
    });

    test('does not warn at exactly the default quota', () => {
      const config = riverton();
      config.queues = Array.from({ length: 50 }, (_, i) => ({ name: `Queue ${i}`, hours: 'main' }));
      config.routingProfiles[0].defaultOutboundQueue = 'Queue 0';
      config.routingProfiles[0].queues[0].queue = 'Queue 0';
      config.routing.default = 'Queue 0';
      expect(crossCheck(FILE, config)).toEqual({ problems: [], warnings: [] });
    });

    test('warns for hours of operation and agent statuses above their default quotas', () => {
      const config = riverton();
      const main = config.hours[0];
      config.hours = Array.from({ length: 101 }, (_, i) => ({ ...main, name: i === 0 ? 'main' : `hours ${i}` }));
      config.agentStatuses = Array.from({ length: 51 }, (_, i) => ({ name: `Status ${i}`, enabled: true }));
      expect(crossCheck(FILE, config)).toEqual({
        problems: [],
        warnings: [
          `${FILE}: hours: 101 hours of operation exceed the default Amazon Connect quota of 100 per instance (ask AWS Support to raise it before deploying)`,
          `${FILE}: agentStatuses: 51 agent statuses exceed the default Amazon Connect quota of 50 per instance (ask AWS Support to raise it before deploying)`,
        ],
      });
    });
  });

  describe('hours', () => {
    test('accepts "00:00" as the end of a day that runs until midnight', () => {
      const config = riverton();
      config.hours[0].schedule = [{ days: ['SATURDAY'], start: '18:00', end: '00:00' }];
      expect(crossCheck(FILE, config).problems).toEqual([]);
    });

    test('rejects a schedule that ends when it starts', () => {
      const config = riverton();
      config.hours[0].schedule = [{ days: ['SATURDAY'], start: '09:00', end: '09:00' }];
      expect(crossCheck(FILE, config).problems).toEqual([`${FILE}: hours[0].schedule[0].end: "09:00" is not after start "09:00" (use "00:00" for midnight)`]);
    });

    test('rejects a closure that ends before it starts', () => {
      const config = riverton();
      config.hours[0].holidays = [{ name: 'Winter Break', date: '2027-12-31', through: '2027-12-24' }];
      expect(crossCheck(FILE, config).problems).toEqual([`${FILE}: hours[0].holidays[0].through: "2027-12-24" is before date "2027-12-31" (must be the same day or later)`]);
    });

    test('rejects a closure whose last day is not a real date', () => {
      const config = riverton();
      config.hours[0].holidays = [{ name: 'Winter Break', date: '2027-12-24', through: '2027-12-32' }];
      expect(crossCheck(FILE, config).problems).toEqual([`${FILE}: hours[0].holidays[0].through: "2027-12-32" is not a real calendar date (format: YYYY-MM-DD)`]);
    });

    test('rejects the same date twice in one set of hours', () => {
      const config = riverton();
      config.hours[0].holidays = [
        { name: 'Christmas Eve', date: '2027-12-24' },
        { name: 'Christmas Eve again', date: '2027-12-24' },
      ];
      expect(crossCheck(FILE, config).problems).toEqual([`${FILE}: hours[0].holidays[1].date: "2027-12-24" is listed twice in these hours (one override per date)`]);
    });

    test('rejects reduced hours that give open without close', () => {
      const config = riverton();
      config.hours[0].holidays = [{ name: 'Christmas Eve', date: '2027-12-24', open: '08:00' }];
      expect(crossCheck(FILE, config).problems).toEqual([
        `${FILE}: hours[0].holidays[0].close: is required when the other is given (give both open and close, or neither for a full-day closure)`,
      ]);
    });

    test('rejects reduced hours that close before they open', () => {
      const config = riverton();
      config.hours[0].holidays = [{ name: 'Christmas Eve', date: '2027-12-24', open: '12:00', close: '08:00' }];
      expect(crossCheck(FILE, config).problems).toEqual([`${FILE}: hours[0].holidays[0].close: "08:00" is not after open "12:00"`]);
    });

    test('rejects a time zone name with a typo, suggesting the real one', () => {
      const config = riverton();
      config.hours[0].timeZone = 'Pacific/Honolul';
      expect(crossCheck(FILE, config).problems).toEqual([
        `${FILE}: hours[0].timeZone: "Pacific/Honolul" is not an IANA time zone name, did you mean "Pacific/Honolulu"? ${TIME_ZONE_EXAMPLES}`,
      ]);
    });
  });

  describe('routing profiles', () => {
    test('rejects a channel whose concurrency in the profile is 0', () => {
      const config = riverton();
      config.routingProfiles[0].queues[0].channels = ['VOICE', 'TASK'];
      expect(crossCheck(FILE, config).problems).toEqual([
        `${FILE}: routingProfiles[0].queues[0].channels: channel TASK has concurrency 0 in this profile (set concurrency.task to 1 or more, or remove the channel)`,
      ]);
    });

    test('rejects a queue listed twice for the same channel', () => {
      const config = riverton();
      config.routingProfiles[0].queues.push({ queue: 'City Services', channels: ['CHAT'], priority: 2, delaySeconds: 0 });
      expect(crossCheck(FILE, config).problems).toEqual([`${FILE}: routingProfiles[0].queues[1]: queue "City Services" is listed twice for channel CHAT`]);
    });
  });

  describe('region', () => {
    test('accepts every feature and locale in a commercial region', () => {
      const config = riverton();
      config.region = 'us-east-1';
      config.features.voiceId = true;
      config.features.cases = true;
      config.lexLocales = ['en_US', 'fr_CA'];
      expect(crossCheck(FILE, config).problems).toEqual([]);
    });

    test('rejects each feature GovCloud lacks, naming the ones it has', () => {
      const config = riverton();
      for (const feature of ['customerProfiles', 'cases', 'outboundCampaigns', 'emailChannel', 'voiceId', 'amazonQInConnect', 'globalResiliency']) {
        config.features[feature] = true;
      }
      const available = '(available there: chat, tasks, contactLens)';
      expect(crossCheck(FILE, config).problems).toEqual([
        `${FILE}: features.customerProfiles: Customer Profiles is not available in us-gov-west-1 ${available}`,
        `${FILE}: features.cases: Cases is not available in us-gov-west-1 ${available}`,
        `${FILE}: features.outboundCampaigns: outbound campaigns is not available in us-gov-west-1 ${available}`,
        `${FILE}: features.emailChannel: the email channel is not available in us-gov-west-1 ${available}`,
        `${FILE}: features.voiceId: Voice ID is not available in us-gov-west-1 ${available}`,
        `${FILE}: features.amazonQInConnect: Amazon Q in Connect is not available in us-gov-west-1 ${available}`,
        `${FILE}: features.globalResiliency: Global Resiliency is not available in us-gov-west-1 ${available}`,
      ]);
    });

    test('still checks languages against Lex locales when the region is unknown', () => {
      const config = riverton();
      config.region = 'us-gov-east-1';
      config.languages = ['en-US', 'es-US'];
      expect(crossCheck(FILE, config).problems).toEqual([`${FILE}: languages[1]: caller language "es-US" has no self-service bot locale (add es_US to lexLocales)`]);
    });

    test('does not mistake an Object.prototype member for a region', () => {
      const config = riverton();
      config.region = 'constructor';
      config.features.voiceId = true;
      expect(crossCheck(FILE, config).problems).toEqual([]);
    });
  });

  test('allows archiving after the end of retention when objects are not expired', () => {
    const config = riverton();
    config.retention.recordings = { days: 365, mode: 'GOVERNANCE', archiveAfterDays: 400, expireAfterRetention: false };
    expect(crossCheck(FILE, config).problems).toEqual([]);
  });

  test('tolerates input the schema rejected, without throwing', () => {
    const garbage = {
      id: 7,
      hours: [null, 'main', { name: 5, timeZone: ['UTC'], schedule: 'always', holidays: [{ date: 20270101 }] }],
      queues: { name: 'not a list' },
      routingProfiles: [{ queues: [{ queue: null, channels: 'VOICE' }], concurrency: 'lots' }],
      features: 'all',
      region: ['us-gov-west-1'],
      retention: { recordings: { days: '365', archiveAfterDays: 400 } },
    };
    expect(() => crossCheck(FILE, garbage)).not.toThrow();
    expect(crossCheck(FILE, null)).toEqual({ problems: [], warnings: [] });
    expect(crossCheck(FILE, ['a list'])).toEqual({ problems: [], warnings: [] });
  });
});

describe('isTimeZone', () => {
  test.each(['America/Chicago', 'America/Argentina/Buenos_Aires', 'Pacific/Honolulu', 'Etc/GMT+5', 'UTC', 'US/Eastern'])('accepts %s', (zone) => {
    expect(isTimeZone(zone)).toBe(true);
  });

  test.each(['America/Chicgo', 'america/chicago', 'AMERICA/CHICAGO', 'Central', 'MST', 'CST6CDT', 'Mars/Olympus_Mons', '', 'America/', '/Chicago'])(
    'rejects %j',
    (zone) => {
      expect(isTimeZone(zone)).toBe(false);
    },
  );
});

describe('parseDate', () => {
  test('returns the UTC midnight of a real date', () => {
    expect(parseDate('2027-01-01')).toEqual(new Date(Date.UTC(2027, 0, 1)));
    expect(parseDate('2027-12-31')?.toISOString()).toEqual('2027-12-31T00:00:00.000Z');
  });

  test('accepts 29 February only in a leap year', () => {
    expect(parseDate('2028-02-29')).toEqual(new Date(Date.UTC(2028, 1, 29)));
    expect(parseDate('2000-02-29')).toBeDefined();
    expect(parseDate('2027-02-29')).toBeUndefined();
    expect(parseDate('1900-02-29')).toBeUndefined();
  });

  test.each(['2027-02-30', '2027-04-31', '2027-13-01', '2027-00-10', '2027-01-00', '2027-1-1', '27-01-01', '2027/01/01', '2027-01-01T00:00:00Z', ' 2027-01-01', ''])(
    'rejects %j',
    (text) => {
      expect(parseDate(text)).toBeUndefined();
    },
  );
});

// Each of these once passed the config checks and failed only while the app was built.
describe('crossCheck: what the constructs would otherwise find first', () => {
  test('rejects a value listed twice in each list of plain values, naming the first listing', () => {
    const config = riverton();
    config.languages = ['en-US', 'en-US'];
    config.lexLocales = ['en_US', 'es_US', 'en_US'];
    config.bots = ['citizen-services', 'citizen-services', 'survey-answers'];
    config.flows = { exclude: ['chat-inbound', 'chat-inbound'], folders: ['extra', 'extra'] };
    config.monitoring.alarmEmails = ['ops@riverton.example', 'OPS@riverton.example'];
    expect(crossCheck(FILE, config).problems).toEqual([
      `${FILE}: languages[1]: "en-US" is a duplicate caller language (already listed as languages[0]; list each once)`,
      `${FILE}: lexLocales[2]: "en_US" is a duplicate Lex locale (already listed as lexLocales[0]; list each once)`,
      `${FILE}: bots[1]: "citizen-services" is a duplicate bot (already listed as bots[0]; list each once)`,
      `${FILE}: flows.exclude[1]: "chat-inbound" is a duplicate excluded flow (already listed as exclude[0]; list each once)`,
      `${FILE}: flows.folders[1]: "extra" is a duplicate flow folder (already listed as folders[0]; list each once)`,
      `${FILE}: monitoring.alarmEmails[1]: "OPS@riverton.example" is a duplicate alarm address (already listed as alarmEmails[0]; list each once)`,
    ]);
  });

  test('rejects slots that overlap on one day, and accepts slots that only touch', () => {
    const config = riverton();
    config.hours[0].schedule = [
      { days: ['MONDAY', 'TUESDAY'], start: '08:00', end: '12:00' },
      { days: ['TUESDAY'], start: '12:00', end: '00:00' },
      { days: ['WEDNESDAY', 'MONDAY'], start: '11:59', end: '13:00' },
    ];
    expect(crossCheck(FILE, config).problems).toEqual([`${FILE}: hours[0].schedule[2]: MONDAY 11:59-13:00 overlaps schedule[0] (slots on one day must not overlap)`]);
  });

  test('rejects more day slots and holidays than one hours of operation takes', () => {
    const config = riverton();
    config.hours[0].schedule = Array.from({ length: 15 }, (_, i) => ({ days: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'], start: `${String(i).padStart(2, '0')}:00`, end: `${String(i).padStart(2, '0')}:30` }));
    config.hours[0].holidays = Array.from({ length: 51 }, (_, i) => ({ name: `Closure ${i}`, date: new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10) }));
    expect(crossCheck(FILE, config).problems).toEqual([
      `${FILE}: hours[0].schedule: 105 day slots exceed the 100 Amazon Connect allows in one hours of operation`,
      `${FILE}: hours[0].holidays: 51 holidays exceed the 50 overrides Amazon Connect allows per hours of operation (not adjustable; split them over more hours)`,
    ]);
  });

  test('rejects a holiday name used twice and holidays whose dates overlap', () => {
    const config = riverton();
    config.hours[0].holidays = [
      { name: 'Winter Break', date: '2027-12-24', through: '2027-12-31' },
      { name: 'Winter Break', date: '2028-01-02' },
      { name: 'New Years Eve', date: '2027-12-31' },
    ];
    expect(crossCheck(FILE, config).problems).toEqual([
      `${FILE}: hours[0].holidays[1].name: "Winter Break" is used by another holiday in these hours (override names must be unique)`,
      `${FILE}: hours[0].holidays[2]: 2027-12-31..2027-12-31 overlaps holidays[0] (override dates must not overlap)`,
    ]);
  });

  test('rejects a number adopted by two entries', () => {
    const config = riverton();
    config.phoneNumbers = [
      { name: 'main', flow: 'main-inbound', adopt: '+19705550100' },
      { name: 'backup', flow: 'main-inbound', adopt: '+19705550100' },
    ];
    expect(crossCheck(FILE, config).problems).toEqual([`${FILE}: phoneNumbers[1].adopt: "+19705550100" is already adopted by phoneNumbers[0] (a number can be bound to one flow only)`]);
  });

  test('rejects entries that cannot fit in one stack, naming the largest list, and accepts 500', () => {
    const config = riverton();
    config.quickConnects = Array.from({ length: 496 }, (_, i) => ({ name: `Line ${i}`, phoneNumber: '+12175550100' }));
    expect(crossCheck(FILE, config).problems).toEqual([]);
    config.quickConnects.push({ name: 'One more', phoneNumber: '+12175550100' });
    expect(crossCheck(FILE, config).problems).toEqual([
      `${FILE}: quickConnects: 1 hours + 1 queues + 1 routingProfiles + 497 quickConnects + 1 phoneNumbers make at least 501 resources in the contact-center stack, over the 500 CloudFormation allows in one stack (use fewer entries)`,
    ]);
  });
});
