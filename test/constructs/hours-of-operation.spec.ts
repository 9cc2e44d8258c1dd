import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HoursConfig } from '../../lib/config/schema';
import { IConnectInstance } from '../../lib/constructs/connect-instance';
import { HoursOfOperation, weekdaysBetween } from '../../lib/constructs/hours-of-operation';

const HOURS_TYPE = 'AWS::Connect::HoursOfOperation';

function givenStack(): { stack: Stack; instance: IConnectInstance } {
  const stack = new Stack(new App(), 'Test', { env: { account: '111111111111', region: 'us-gov-west-1' } });
  const instance = {
    instanceArn: stack.formatArn({ service: 'connect', resource: 'instance', resourceName: '11111111-2222-3333-4444-555555555555' }),
    instanceId: '11111111-2222-3333-4444-555555555555',
  };
  return { stack, instance };
}

function hoursWith(overrides: Partial<HoursConfig> = {}): HoursConfig {
  return {
    name: 'main',
    timeZone: 'America/Chicago',
    schedule: [{ days: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'], start: '08:00', end: '17:00' }],
    holidays: [],
    ...overrides,
  };
}

function synth(hours: HoursConfig): Template {
  const { stack, instance } = givenStack();
  new HoursOfOperation(stack, 'Hours-main', { instance, hours });
  return Template.fromStack(stack);
}

const slot = (day: string, start: [number, number], end: [number, number]) => ({
  Day: day,
  StartTime: { Hours: start[0], Minutes: start[1] },
  EndTime: { Hours: end[0], Minutes: end[1] },
});
const ALL_DAY_START = { Hours: 0, Minutes: 0 };
const ALL_DAY_END = { Hours: 23, Minutes: 59 };

describe('HoursOfOperation', () => {
  test('creates one slot per day for each schedule entry, in week order', () => {
    // GIVEN weekday hours and a shorter Saturday
    const hours = hoursWith({
      schedule: [
        { days: ['SATURDAY'], start: '09:00', end: '13:30' },
        { days: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'], start: '07:00', end: '20:00' },
      ],
    });

    // WHEN
    const template = synth(hours);

    // THEN six slots, Monday first
    template.resourceCountIs(HOURS_TYPE, 1);
    template.hasResourceProperties(HOURS_TYPE, {
      Config: [
        slot('MONDAY', [7, 0], [20, 0]),
        slot('TUESDAY', [7, 0], [20, 0]),
        slot('WEDNESDAY', [7, 0], [20, 0]),
        slot('THURSDAY', [7, 0], [20, 0]),
        slot('FRIDAY', [7, 0], [20, 0]),
        slot('SATURDAY', [9, 0], [13, 30]),
      ],
    });
  });

  test('gives two slots to a day with a lunch break', () => {
    // GIVEN a Monday split around lunch, listed afternoon first
    const hours = hoursWith({
      schedule: [
        { days: ['MONDAY'], start: '13:00', end: '17:00' },
        { days: ['MONDAY'], start: '08:00', end: '12:00' },
      ],
    });

    // WHEN
    const template = synth(hours);

    // THEN both slots, morning first
    template.hasResourceProperties(HOURS_TYPE, { Config: [slot('MONDAY', [8, 0], [12, 0]), slot('MONDAY', [13, 0], [17, 0])] });
  });

  test('uses the name, description, instance and IANA time zone from the config', () => {
    // GIVEN
    const hours = hoursWith({ description: 'Weekday service hours', timeZone: 'America/Denver' });

    // WHEN
    const template = synth(hours);

    // THEN
    template.hasResourceProperties(HOURS_TYPE, {
      Name: 'main',
      Description: 'Weekday service hours',
      TimeZone: 'America/Denver',
      InstanceArn: { 'Fn::Join': ['', Match.arrayWith([{ Ref: 'AWS::Partition' }])] },
    });
  });

  test('writes an end of "00:00" as midnight, 0:00 (Amazon Connect\'s 12:00 AM)', () => {
    // GIVEN hours open until midnight, and a day open around the clock
    const hours = hoursWith({
      schedule: [
        { days: ['FRIDAY'], start: '10:00', end: '00:00' },
        { days: ['SATURDAY'], start: '00:00', end: '00:00' },
      ],
    });

    // WHEN
    const template = synth(hours);

    // THEN
    template.hasResourceProperties(HOURS_TYPE, {
      Config: [slot('FRIDAY', [10, 0], [0, 0]), slot('SATURDAY', [0, 0], [0, 0])],
    });
  });

  test('closes the whole day for a holiday without open and close', () => {
    // GIVEN New Year's Day 2027, a Friday
    const hours = hoursWith({ holidays: [{ name: 'New Years Day', date: '2027-01-01' }] });

    // WHEN
    const template = synth(hours);

    // THEN
    template.hasResourceProperties(HOURS_TYPE, {
      HoursOfOperationOverrides: [
        {
          OverrideName: 'New Years Day',
          OverrideType: 'CLOSED',
          EffectiveFrom: '2027-01-01',
          EffectiveTill: '2027-01-01',
          OverrideConfig: [{ Day: 'FRIDAY', StartTime: ALL_DAY_START, EndTime: ALL_DAY_END }],
        },
      ],
    });
  });

  test('covers every weekday of a multi-day closure', () => {
    // GIVEN Thanksgiving Thursday and Friday, and a closure from Friday 31 December to Monday 3 January
    const hours = hoursWith({
      holidays: [
        { name: 'Thanksgiving', date: '2027-11-25', through: '2027-11-26' },
        { name: 'Year End', date: '2027-12-31', through: '2028-01-03' },
      ],
    });

    // WHEN
    const template = synth(hours);

    // THEN
    template.hasResourceProperties(HOURS_TYPE, {
      HoursOfOperationOverrides: [
        {
          OverrideName: 'Thanksgiving',
          OverrideType: 'CLOSED',
          EffectiveFrom: '2027-11-25',
          EffectiveTill: '2027-11-26',
          OverrideConfig: ['THURSDAY', 'FRIDAY'].map((Day) => ({ Day, StartTime: ALL_DAY_START, EndTime: ALL_DAY_END })),
        },
        {
          OverrideName: 'Year End',
          OverrideType: 'CLOSED',
          EffectiveFrom: '2027-12-31',
          EffectiveTill: '2028-01-03',
          OverrideConfig: ['FRIDAY', 'SATURDAY', 'SUNDAY', 'MONDAY'].map((Day) => ({ Day, StartTime: ALL_DAY_START, EndTime: ALL_DAY_END })),
        },
      ],
    });
  });

  test('replaces the hours of a partial day with its open and close times', () => {
    // GIVEN Christmas Eve 2027 (a Friday), open 08:00 to 12:00
    const hours = hoursWith({ holidays: [{ name: 'Christmas Eve', date: '2027-12-24', open: '08:00', close: '12:00' }] });

    // WHEN
    const template = synth(hours);

    // THEN
    template.hasResourceProperties(HOURS_TYPE, {
      HoursOfOperationOverrides: [
        {
          OverrideName: 'Christmas Eve',
          OverrideType: 'STANDARD',
          EffectiveFrom: '2027-12-24',
          EffectiveTill: '2027-12-24',
          OverrideConfig: [slot('FRIDAY', [8, 0], [12, 0])],
        },
      ],
    });
  });

  test('writes an empty override list when there are no holidays, so removed holidays are removed', () => {
    // GIVEN / WHEN
    const template = synth(hoursWith());

    // THEN
    template.hasResourceProperties(HOURS_TYPE, { HoursOfOperationOverrides: [] });
  });

  test('exposes the hours ARN as the resource attribute', () => {
    // GIVEN
    const { stack, instance } = givenStack();

    // WHEN
    const hours = new HoursOfOperation(stack, 'Hours-main', { instance, hours: hoursWith() });

    // THEN
    expect(stack.resolve(hours.hoursArn)).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(hours.resource), 'HoursOfOperationArn'] });
    expect(hours.hoursName).toBe('main');
  });

  test('fails with every problem listed when holidays overlap, end before they start or repeat a name', () => {
    // GIVEN
    const { stack, instance } = givenStack();
    const hours = hoursWith({
      schedule: [{ days: ['MONDAY'], start: '17:00', end: '08:00' }],
      holidays: [
        { name: 'Thanksgiving', date: '2027-11-25', through: '2027-11-26' },
        { name: 'Thanksgiving', date: '2027-11-26' },
        { name: 'Backwards', date: '2027-12-10', through: '2027-12-09' },
        { name: 'Half day', date: '2027-12-24', open: '12:00', close: '08:00' },
      ],
    });

    // WHEN / THEN
    expect(() => new HoursOfOperation(stack, 'Hours-main', { instance, hours })).toThrow(
      [
        'Test/Hours-main: hours "main" has 5 problem(s):',
        '  schedule[0].end: "08:00" is not after start "17:00" (use "00:00" for midnight)',
        '  holidays[1].name: "Thanksgiving" is used by another holiday in these hours (override names must be unique)',
        '  holidays[1]: 2027-11-26..2027-11-26 overlaps holidays[0] (override dates must not overlap)',
        '  holidays[2].through: "2027-12-09" is before date "2027-12-10" (must be the same day or later)',
        '  holidays[3].close: "08:00" is not after open "12:00"',
      ].join('\n'),
    );
  });

  test('fails when a holiday date is not a real calendar date', () => {
    // GIVEN
    const { stack, instance } = givenStack();
    const hours = hoursWith({ holidays: [{ name: 'Leap', date: '2027-02-29' }] });

    // WHEN / THEN
    expect(() => new HoursOfOperation(stack, 'Hours-main', { instance, hours })).toThrow(
      'Test/Hours-main: hours "main" has 1 problem(s):\n  holidays[0].date: "2027-02-29" is not a real calendar date (format: YYYY-MM-DD)',
    );
  });

  test('fails with more than the 50 overrides Amazon Connect allows', () => {
    // GIVEN 51 one-day closures
    const { stack, instance } = givenStack();
    const holidays = Array.from({ length: 51 }, (_, i) => ({
      name: `Closure ${i}`,
      date: new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10),
    }));

    // WHEN / THEN
    expect(() => new HoursOfOperation(stack, 'Hours-main', { instance, hours: hoursWith({ holidays }) })).toThrow(
      'holidays: 51 holidays exceed the 50 overrides Amazon Connect allows per hours of operation (not adjustable)',
    );
  });
});

describe('weekdaysBetween', () => {
  test('lists each weekday once for a range of a week or more', () => {
    // GIVEN / WHEN a ten-day range starting on a Wednesday
    const days = weekdaysBetween(new Date(Date.UTC(2027, 0, 6)), new Date(Date.UTC(2027, 0, 15)));

    // THEN
    expect(days).toEqual(['WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY', 'MONDAY', 'TUESDAY']);
  });
});
