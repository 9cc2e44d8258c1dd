import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import { parseDate } from '../config/cross-checks';
import { DAYS, HolidayConfig, HoursConfig } from '../config/schema';
import { IConnectInstance } from './connect-instance';

/** A day of the week, as Amazon Connect spells it. */
export type Day = (typeof DAYS)[number];

/**
 * How an hours-of-operation override changes the regular hours on the days it covers
 * (the `OverrideType` values the AWS::Connect::HoursOfOperation schema accepts).
 */
export enum HoursOverrideType {
  /** The override's own hours replace the regular hours (e.g. reduced hours on Christmas Eve). */
  STANDARD = 'STANDARD',
  /** Open during the override's hours, in addition to the regular hours. */
  OPEN = 'OPEN',
  /** Closed during the override's hours. */
  CLOSED = 'CLOSED',
}

/** Properties of {@link HoursOfOperation}. */
export interface HoursOfOperationProps {
  /** The Amazon Connect instance the hours belong to. */
  readonly instance: IConnectInstance;
  /**
   * The hours from the jurisdiction config: name, time zone, weekly schedule and holidays.
   * Times and dates must be concrete values (not tokens): the template is computed from them.
   */
  readonly hours: HoursConfig;
}

/** At most this many slots in `Config` (AWS::Connect::HoursOfOperation schema, `maxItems`). */
const MAX_SLOTS = 100;
/** At most this many overrides per hours of operation; the Amazon Connect quota is not adjustable. */
const MAX_OVERRIDES = 50;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const MINUTES_PER_DAY = 24 * 60;
/** `Date.getUTCDay()` order. */
const WEEKDAYS_FROM_SUNDAY: readonly Day[] = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];
const MS_PER_DAY = 86_400_000;

interface TimeSlice {
  readonly hours: number;
  readonly minutes: number;
}

/** "HH:MM" to the `{ Hours, Minutes }` time slice Amazon Connect takes. */
function timeSlice(time: string): TimeSlice {
  const [hours, minutes] = time.split(':').map(Number);
  return { hours, minutes };
}

/** Minutes since midnight; an end time of "00:00" is midnight at the end of the day (1440). */
function minutesOf(time: string, isEnd = false): number {
  const { hours, minutes } = timeSlice(time);
  const value = hours * 60 + minutes;
  return isEnd && value === 0 ? MINUTES_PER_DAY : value;
}

/**
 * The weekdays a date range covers, in date order, each once (a range of a week or more
 * covers all seven).
 */
export function weekdaysBetween(from: Date, till: Date): Day[] {
  const days: Day[] = [];
  const span = Math.min(Math.round((till.getTime() - from.getTime()) / MS_PER_DAY) + 1, 7);
  for (let i = 0; i < span; i++) days.push(WEEKDAYS_FROM_SUNDAY[(from.getUTCDay() + i) % 7]);
  return days;
}

/**
 * Amazon Connect hours of operation, built from one `hours` entry of the jurisdiction
 * config: the weekly schedule plus one override per holiday.
 *
 * - Each schedule entry becomes one `Config` slot per day it lists. Amazon Connect time
 *   slices run 00:00–23:59 and midnight is written as 12:00 AM, i.e. `{ Hours: 0, Minutes: 0 }`
 *   as the end time ("10:00AM to 12:00AM" is 14 hours; 12:00AM to 12:00AM is the whole day).
 *   The config's `end: "00:00"` (midnight at the end of the day) is passed through as exactly that.
 *   See https://docs.aws.amazon.com/connect/latest/adminguide/set-hours-operation.html#set-hours-operation-midnight
 * - A holiday without `open`/`close` is a {@link HoursOverrideType.CLOSED} override from `date`
 *   through `through` (default: the same day), with a 00:00–23:59 entry for every weekday the
 *   range covers.
 * - A holiday with `open`/`close` is a {@link HoursOverrideType.STANDARD} override: those hours
 *   replace the regular hours on every weekday the range covers.
 *
 * Amazon Connect allows at most 50 overrides per hours of operation (not adjustable), and
 * override date ranges must not overlap; both are checked at synth time.
 */
export class HoursOfOperation extends Construct {
  /** ARN of the hours of operation, for queues and the `${hours:<name>}` flow reference. */
  public readonly hoursArn: string;
  /** The name from the config (also the name shown in Amazon Connect). */
  public readonly hoursName: string;
  /** The underlying CloudFormation resource. */
  public readonly resource: connect.CfnHoursOfOperation;

  constructor(scope: Construct, id: string, props: HoursOfOperationProps) {
    super(scope, id);
    const { hours } = props;
    const problems = validate(hours);
    if (problems.length > 0) {
      throw new Error(`${this.node.path}: hours ${JSON.stringify(hours.name)} has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    }

    this.hoursName = hours.name;
    this.resource = new connect.CfnHoursOfOperation(this, 'Resource', {
      instanceArn: props.instance.instanceArn,
      name: hours.name,
      description: hours.description,
      timeZone: hours.timeZone,
      config: scheduleSlots(hours),
      // Always a list, so that removing the last holiday from the config removes its override too.
      hoursOfOperationOverrides: hours.holidays.map(holidayOverride),
    });
    this.hoursArn = this.resource.attrHoursOfOperationArn;
  }
}

/** One slot per day per schedule entry, in week order (Monday first), then by start time. */
function scheduleSlots(hours: HoursConfig): connect.CfnHoursOfOperation.HoursOfOperationConfigProperty[] {
  const slots = hours.schedule.flatMap((entry) => entry.days.map((day) => ({ day, start: entry.start, end: entry.end })));
  slots.sort((a, b) => DAYS.indexOf(a.day) - DAYS.indexOf(b.day) || minutesOf(a.start) - minutesOf(b.start));
  return slots.map((slot) => ({ day: slot.day, startTime: timeSlice(slot.start), endTime: timeSlice(slot.end) }));
}

function holidayOverride(holiday: HolidayConfig): connect.CfnHoursOfOperation.HoursOfOperationOverrideProperty {
  const till = holiday.through ?? holiday.date;
  const days = weekdaysBetween(parseDate(holiday.date)!, parseDate(till)!);
  const partial = holiday.open !== undefined && holiday.close !== undefined;
  const start = partial ? timeSlice(holiday.open!) : { hours: 0, minutes: 0 };
  const end = partial ? timeSlice(holiday.close!) : { hours: 23, minutes: 59 };
  return {
    overrideName: holiday.name,
    overrideType: partial ? HoursOverrideType.STANDARD : HoursOverrideType.CLOSED,
    effectiveFrom: holiday.date,
    effectiveTill: till,
    overrideConfig: days.map((day) => ({ day, startTime: start, endTime: end })),
  };
}

/** Every problem with the hours, one line each, as `<key path>: <problem>`. */
function validate(hours: HoursConfig): string[] {
  const problems: string[] = [];
  const slotsByDay = new Map<Day, Array<{ start: number; end: number; at: string }>>();
  let slotCount = 0;
  hours.schedule.forEach((entry, s) => {
    const at = `schedule[${s}]`;
    const badTime = [['start', entry.start], ['end', entry.end]].filter(([, t]) => !TIME.test(t));
    for (const [key, value] of badTime) problems.push(`${at}.${key}: ${JSON.stringify(value)} is not a 24-hour time HH:MM`);
    if (badTime.length > 0) return;
    const start = minutesOf(entry.start);
    const end = minutesOf(entry.end, true);
    if (end <= start) problems.push(`${at}.end: "${entry.end}" is not after start "${entry.start}" (use "00:00" for midnight)`);
    for (const day of entry.days) {
      slotCount++;
      const others = slotsByDay.get(day) ?? [];
      const clash = others.find((o) => start < o.end && o.start < end);
      if (clash) problems.push(`${at}: ${day} ${entry.start}-${entry.end} overlaps ${clash.at} (slots on one day must not overlap)`);
      others.push({ start, end, at });
      slotsByDay.set(day, others);
    }
  });
  if (slotCount > MAX_SLOTS) problems.push(`schedule: ${slotCount} day slots exceed the ${MAX_SLOTS} Amazon Connect allows`);

  if (hours.holidays.length > MAX_OVERRIDES) {
    problems.push(`holidays: ${hours.holidays.length} holidays exceed the ${MAX_OVERRIDES} overrides Amazon Connect allows per hours of operation (not adjustable)`);
  }
  const names = new Set<string>();
  const ranges: Array<{ from: Date; till: Date; at: string }> = [];
  hours.holidays.forEach((holiday, h) => {
    const at = `holidays[${h}]`;
    if (names.has(holiday.name)) problems.push(`${at}.name: ${JSON.stringify(holiday.name)} is used by another holiday in these hours (override names must be unique)`);
    names.add(holiday.name);
    const from = parseDate(holiday.date);
    if (!from) problems.push(`${at}.date: ${JSON.stringify(holiday.date)} is not a real calendar date (format: YYYY-MM-DD)`);
    const till = holiday.through === undefined ? from : parseDate(holiday.through);
    if (holiday.through !== undefined && !till) problems.push(`${at}.through: ${JSON.stringify(holiday.through)} is not a real calendar date (format: YYYY-MM-DD)`);
    if (from && till) {
      if (till < from) problems.push(`${at}.through: "${holiday.through}" is before date "${holiday.date}" (must be the same day or later)`);
      const clash = ranges.find((r) => from <= r.till && r.from <= till);
      if (clash) problems.push(`${at}: ${holiday.date}..${holiday.through ?? holiday.date} overlaps ${clash.at} (override dates must not overlap)`);
      ranges.push({ from, till, at });
    }
    if ((holiday.open === undefined) !== (holiday.close === undefined)) {
      problems.push(`${at}.${holiday.open === undefined ? 'open' : 'close'}: is required when the other is given (give both open and close, or neither for a full-day closure)`);
    } else if (holiday.open !== undefined && holiday.close !== undefined) {
      const bad = [['open', holiday.open], ['close', holiday.close]].filter(([, t]) => !TIME.test(t));
      for (const [key, value] of bad) problems.push(`${at}.${key}: ${JSON.stringify(value)} is not a 24-hour time HH:MM`);
      if (bad.length === 0 && minutesOf(holiday.close, true) <= minutesOf(holiday.open)) {
        problems.push(`${at}.close: "${holiday.close}" is not after open "${holiday.open}"`);
      }
    }
  });
  return problems;
}
