import type { HoursConfig } from '../../config/schema';

/**
 * Hours of operation evaluated at an instant, in the hours' own time zone, with holiday
 * overrides: a holiday closes the whole day (or each day of `date`…`through`) unless it gives
 * reduced `open`/`close` hours, which then replace the regular schedule for that day.
 */

/** The local calendar view of an instant in a time zone. */
export interface LocalTime {
  /** YYYY-MM-DD. */
  readonly date: string;
  /** MONDAY … SUNDAY. */
  readonly day: string;
  /** Minutes since local midnight. */
  readonly minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The local date, weekday and time of `instant` in `timeZone` (an IANA name). */
export function localTime(instant: Date, timeZone: string): LocalTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(instant)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    day: parts.weekday.toUpperCase(),
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Why the hours are open or closed at an instant (shown in transcripts). */
export interface HoursVerdict {
  readonly open: boolean;
  readonly reason: string;
}

/** Whether `hours` are open at `instant`. */
export function evaluateHours(hours: HoursConfig, instant: Date): HoursVerdict {
  const local = localTime(instant, hours.timeZone);
  const at = `${local.day} ${local.date} ${String(Math.floor(local.minutes / 60)).padStart(2, '0')}:${String(local.minutes % 60).padStart(2, '0')} ${hours.timeZone}`;
  const holiday = hours.holidays.find((h) => local.date >= h.date && local.date <= (h.through ?? h.date));
  if (holiday) {
    if (holiday.open === undefined || holiday.close === undefined) return { open: false, reason: `${hours.name}: closed for ${holiday.name} (${at})` };
    const open = local.minutes >= minutesOf(holiday.open) && local.minutes < minutesOf(holiday.close);
    return { open, reason: `${hours.name}: ${holiday.name} reduced hours ${holiday.open}-${holiday.close}, ${open ? 'open' : 'closed'} (${at})` };
  }
  for (const entry of hours.schedule) {
    if (!(entry.days as readonly string[]).includes(local.day)) continue;
    const start = minutesOf(entry.start);
    const end = entry.end === '00:00' ? 24 * 60 : minutesOf(entry.end);
    if (local.minutes >= start && local.minutes < end) return { open: true, reason: `${hours.name}: open ${entry.start}-${entry.end} (${at})` };
  }
  return { open: false, reason: `${hours.name}: outside regular hours (${at})` };
}
