import { BOT_ROLE_DEFAULTS, BOT_ROLES, KIT_FLOWS_BY_BOT_ROLE } from '../flows/bot-roles';
import { idPart } from '../stacks/ids';
import { checkAgentSide } from './agent-checks';
import { checkAgentView, checkFlowAttributes } from './agent-context-checks';
import { checkChat } from './chat-checks';
import { formatValue } from './errors';
import { checkPrompts } from './prompt-checks';
import { checkFollowUp } from './follow-up-checks';
import { DEFAULT_QUOTAS, FEATURE_NAMES, REGION_CAPABILITIES } from './regions';
import type { FeatureConfig } from './schema';
import { closest } from './zod-issues';
import { lexLocaleOf } from './lex-locale';

/** Problems (errors) and warnings found by the cross-reference checks. */
export interface CrossCheckResult {
  readonly problems: string[];
  readonly warnings: string[];
}

type Entry = Record<string, unknown>;

// The checks run on the merged YAML even when the schema rejected parts of it, so that
// every problem in a file is reported at once. Hence these tolerant readers.
function list(value: unknown): Entry[] {
  return Array.isArray(value) ? value.filter((v): v is Entry => typeof v === 'object' && v !== null && !Array.isArray(v)) : [];
}
function record(value: unknown): Entry {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Entry) : {};
}
function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
function indexed(value: unknown): Array<[number, Entry]> {
  return Array.isArray(value)
    ? value.flatMap((v, i): Array<[number, Entry]> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? [[i, v as Entry]] : []))
    : [];
}

/**
 * True if `zone` is an IANA time zone name this Node.js runtime knows, spelt with the
 * case IANA uses (Intl accepts "america/chicago"; Amazon Connect need not).
 */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(zone) && zone !== 'UTC') return false;
  const known = timeZoneAnswers.get(zone);
  if (known !== undefined) return known;
  let answer: boolean;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    // Intl resolves links ("US/Eastern" to "America/New_York"), so only a difference in case is refused.
    answer = resolved === zone || resolved.toLowerCase() !== zone.toLowerCase();
  } catch {
    answer = false;
  }
  // Building a DateTimeFormat costs about a millisecond; a run asks about the same few zones.
  if (timeZoneAnswers.size < 1000) timeZoneAnswers.set(zone, answer);
  return answer;
}
const timeZoneAnswers = new Map<string, boolean>();

/** The canonical IANA time zone name closest to `zone`, for a "did you mean" hint. */
function closestTimeZone(zone: string): string | undefined {
  const known = Intl.supportedValuesOf('timeZone');
  return known.find((k) => k.toLowerCase() === zone.toLowerCase()) ?? closest(zone, known);
}

/** Parses a YYYY-MM-DD calendar date; undefined if it is not a real date. */
export function parseDate(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : undefined;
}

function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

/** Names for a message: at most ten, then how many more. */
function listNames(names: readonly string[]): string {
  if (names.length === 0) return 'none';
  return names.length <= 10 ? names.join(', ') : `${names.slice(0, 10).join(', ')} and ${names.length - 10} more`;
}

/** Day slots per hours of operation (AWS::Connect::HoursOfOperation `Config`, maxItems). */
const MAX_HOURS_SLOTS = 100;
/** Overrides per hours of operation (an Amazon Connect quota that cannot be raised). */
const MAX_HOURS_OVERRIDES = 50;

/** Resources in one CloudFormation stack. */
const MAX_STACK_RESOURCES = 500;


/**
 * Cross-reference checks that a schema cannot express: names unique, references resolve,
 * time zones and dates real, features and locales available in the region, default quotas.
 *
 * @param file the file name used in messages
 * @param raw the merged YAML (validated by the schema or not)
 * @param today the date holidays are compared with; @default - now
 */
export function crossCheck(file: string, raw: unknown, today: Date = new Date()): CrossCheckResult {
  const problems: string[] = [];
  const warnings: string[] = [];
  const config = record(raw);
  const at = (path: string, message: string) => problems.push(`${file}: ${path}: ${message}`);

  /**
   * Reports each value of a list of plain values that an earlier item already holds: a list
   * with a value twice would build one resource twice (or, for locales, a bot twice as large).
   */
  const duplicates = (path: string, values: unknown, what: string, same: (value: string) => string = (v) => v) => {
    if (!Array.isArray(values)) return;
    const seen = new Map<string, number>();
    values.forEach((value, i) => {
      if (typeof value !== 'string') return;
      const first = seen.get(same(value));
      if (first !== undefined) at(`${path}[${i}]`, `${formatValue(value)} is a duplicate ${what} (already listed as ${path.replace(/^.*\./, '')}[${first}]; list each once)`);
      else seen.set(same(value), i);
    });
  };

  const expectedId = file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/, '');
  const id = str(config.id);
  if (id !== undefined && id !== expectedId) {
    at('id', `${formatValue(id)} does not match the file name (expected: ${expectedId})`);
  }

  const uniqueNames = (key: string, what: string): string[] => {
    const seen = new Set<string>();
    const byIdPart = new Map<string, string>();
    for (const [i, entry] of indexed(config[key])) {
      const name = str(entry.name);
      if (name === undefined) continue;
      const similar = byIdPart.get(idPart(name));
      if (seen.has(name)) at(`${key}[${i}].name`, `${formatValue(name)} is a duplicate ${what} name (names must be unique)`);
      else if (similar !== undefined) {
        // Construct ids keep only letters, digits, "_" and "-": these two would be one resource.
        at(`${key}[${i}].name`, `${formatValue(name)} differs from ${formatValue(similar)} only in spaces or punctuation (names must differ in letters or digits)`);
      }
      seen.add(name);
      byIdPart.set(idPart(name), name);
    }
    return [...seen];
  };

  const hoursNames = uniqueNames('hours', 'hours');
  const queueNames = uniqueNames('queues', 'queue');
  uniqueNames('routingProfiles', 'routing profile');
  uniqueNames('quickConnects', 'quick connect');
  uniqueNames('agentStatuses', 'agent status');

  const reference = (path: string, value: unknown, known: string[], what: string) => {
    const name = str(value);
    if (name === undefined || known.includes(name)) return;
    const hint = closest(name, known);
    at(path, `${formatValue(name)} is not a defined ${what} name${hint ? `, did you mean "${hint}"?` : ''} (defined: ${listNames(known)})`);
  };

  for (const [h, hours] of indexed(config.hours)) {
    const zone = str(hours.timeZone);
    if (zone !== undefined && !isTimeZone(zone)) {
      const hint = closestTimeZone(zone);
      at(
        `hours[${h}].timeZone`,
        `${formatValue(zone)} is not an IANA time zone name${hint ? `, did you mean "${hint}"?` : ''} (e.g. America/New_York, America/Chicago, America/Denver, America/Los_Angeles, Pacific/Honolulu)`,
      );
    }
    const slotsByDay = new Map<string, Array<{ start: number; end: number; at: string }>>();
    let slotCount = 0;
    for (const [s, slot] of indexed(hours.schedule)) {
      const start = str(slot.start);
      const end = str(slot.end);
      const times = start !== undefined && end !== undefined && /^\d\d:\d\d$/.test(start) && /^\d\d:\d\d$/.test(end);
      if (times && end !== '00:00' && minutes(end) <= minutes(start)) {
        at(`hours[${h}].schedule[${s}].end`, `"${end}" is not after start "${start}" (use "00:00" for midnight)`);
      }
      const days = Array.isArray(slot.days) ? slot.days.filter((d): d is string => typeof d === 'string') : [];
      duplicates(`hours[${h}].schedule[${s}].days`, days, 'day');
      slotCount += days.length;
      if (!times) continue;
      // Amazon Connect refuses two slots that overlap on one day (the hours construct checks it too).
      const from = minutes(start);
      const till = end === '00:00' ? 24 * 60 : minutes(end);
      for (const day of new Set(days)) {
        const others = slotsByDay.get(day) ?? [];
        const clash = others.find((o) => from < o.end && o.start < till);
        if (clash) at(`hours[${h}].schedule[${s}]`, `${day} ${start}-${end} overlaps ${clash.at} (slots on one day must not overlap)`);
        others.push({ start: from, end: till, at: `schedule[${s}]` });
        slotsByDay.set(day, others);
      }
    }
    if (slotCount > MAX_HOURS_SLOTS) at(`hours[${h}].schedule`, `${slotCount} day slots exceed the ${MAX_HOURS_SLOTS} Amazon Connect allows in one hours of operation`);
    const holidays = indexed(hours.holidays);
    if (holidays.length > MAX_HOURS_OVERRIDES) {
      at(`hours[${h}].holidays`, `${holidays.length} holidays exceed the ${MAX_HOURS_OVERRIDES} overrides Amazon Connect allows per hours of operation (not adjustable; split them over more hours)`);
    }
    const holidayNames = new Set<string>();
    for (const [d, holiday] of holidays) {
      const holidayName = str(holiday.name);
      if (holidayName === undefined) continue;
      if (holidayNames.has(holidayName)) at(`hours[${h}].holidays[${d}].name`, `${formatValue(holidayName)} is used by another holiday in these hours (override names must be unique)`);
      holidayNames.add(holidayName);
    }
    // Holiday dates are one year's calendar: once all have passed, the hours close on none.
    const startOfToday = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
    const lastDays = holidays.map(([, holiday]) => parseDate(str(holiday.through) ?? str(holiday.date) ?? ''));
    if (lastDays.length > 0 && lastDays.every((d) => d !== undefined && d.getTime() < startOfToday)) {
      const latest = lastDays.reduce((a, b) => (b!.getTime() > a!.getTime() ? b : a))!.toISOString().slice(0, 10);
      warnings.push(
        `${file}: hours[${h}].holidays: every holiday date is in the past (latest ${latest}, today ${new Date(startOfToday).toISOString().slice(0, 10)}), so these hours close on no holiday (add the coming year's dates: holiday calendars need a yearly update)`,
      );
    }
    const ranges: Array<{ from: Date; till: Date; at: string }> = [];
    const seenDates = new Set<string>();
    for (const [d, holiday] of indexed(hours.holidays)) {
      const path = `hours[${h}].holidays[${d}]`;
      const dateText = str(holiday.date);
      const date = dateText === undefined ? undefined : parseDate(dateText);
      if (dateText !== undefined && !date) at(`${path}.date`, `${formatValue(dateText)} is not a real calendar date (format: YYYY-MM-DD)`);
      const dateTwice = dateText !== undefined && date !== undefined && seenDates.has(dateText);
      if (dateTwice) at(`${path}.date`, `${formatValue(dateText)} is listed twice in these hours (one override per date)`);
      if (dateText !== undefined && date) seenDates.add(dateText);
      const throughText = str(holiday.through);
      const through = throughText === undefined ? date : parseDate(throughText);
      if (throughText !== undefined) {
        if (!through) at(`${path}.through`, `${formatValue(throughText)} is not a real calendar date (format: YYYY-MM-DD)`);
        else if (date && through < date) at(`${path}.through`, `"${throughText}" is before date "${dateText}" (must be the same day or later)`);
      }
      if (date && through && through >= date && !dateTwice) {
        const clash = ranges.find((r) => date <= r.till && r.from <= through);
        if (clash) at(path, `${dateText}..${throughText ?? dateText} overlaps ${clash.at} (override dates must not overlap)`);
        ranges.push({ from: date, till: through, at: `holidays[${d}]` });
      }
      const open = str(holiday.open);
      const close = str(holiday.close);
      if ((open === undefined) !== (close === undefined)) {
        at(`${path}.${open === undefined ? 'open' : 'close'}`, 'is required when the other is given (give both open and close, or neither for a full-day closure)');
      } else if (open && close && /^\d\d:\d\d$/.test(open) && /^\d\d:\d\d$/.test(close) && minutes(close) <= minutes(open)) {
        at(`${path}.close`, `"${close}" is not after open "${open}"`);
      }
    }
  }

  for (const [q, queue] of indexed(config.queues)) reference(`queues[${q}].hours`, queue.hours, hoursNames, 'hours');
  const routing = record(config.routing);
  for (const route of ['default', 'spanish', 'escalation', 'callback']) reference(`routing.${route}`, routing[route], queueNames, 'queue');
  uniqueNames('phoneNumbers', 'phone number');

  for (const [r, profile] of indexed(config.routingProfiles)) {
    reference(`routingProfiles[${r}].defaultOutboundQueue`, profile.defaultOutboundQueue, queueNames, 'queue');
    const concurrency = record(profile.concurrency);
    const seen = new Set<string>();
    for (const [e, entry] of indexed(profile.queues)) {
      reference(`routingProfiles[${r}].queues[${e}].queue`, entry.queue, queueNames, 'queue');
      for (const channel of Array.isArray(entry.channels) ? entry.channels : ['VOICE']) {
        const key = `${String(entry.queue)}/${String(channel)}`;
        if (seen.has(key)) at(`routingProfiles[${r}].queues[${e}]`, `queue ${formatValue(entry.queue)} is listed twice for channel ${String(channel)}`);
        seen.add(key);
        const channelKey = String(channel).toLowerCase();
        const defaults: Entry = { voice: 1, chat: 0, task: 0 };
        const perAgent = concurrency[channelKey] ?? defaults[channelKey];
        if (perAgent === 0) {
          at(`routingProfiles[${r}].queues[${e}].channels`, `channel ${String(channel)} has concurrency 0 in this profile (set concurrency.${channelKey} to 1 or more, or remove the channel)`);
        }
      }
    }
  }

  const region = str(config.region);
  // hasOwn: a region such as "constructor" must not find Object.prototype's members.
  const capabilities = region && Object.hasOwn(REGION_CAPABILITIES, region) ? REGION_CAPABILITIES[region as keyof typeof REGION_CAPABILITIES] : undefined;
  if (capabilities) {
    const features = record(config.features);
    const available = (Object.keys(capabilities.features) as Array<keyof FeatureConfig>).filter((f) => capabilities.features[f]);
    for (const feature of Object.keys(FEATURE_NAMES) as Array<keyof FeatureConfig>) {
      if (features[feature] === true && !capabilities.features[feature]) {
        at(`features.${feature}`, `${FEATURE_NAMES[feature]} is not available in ${region} (available there: ${available.join(', ')})`);
      }
    }
    const locales = Array.isArray(config.lexLocales) ? config.lexLocales : [];
    locales.forEach((locale, i) => {
      if (typeof locale === 'string' && !capabilities.lexLocales.includes(locale as never)) {
        at(`lexLocales[${i}]`, `Lex V2 locale ${formatValue(locale)} is not available in ${region} (available there: ${capabilities.lexLocales.join(', ')})`);
      }
    });
  }

  duplicates('languages', config.languages, 'caller language');
  duplicates('lexLocales', config.lexLocales, 'Lex locale');
  duplicates('bots', config.bots, 'bot');
  const flows = record(config.flows);
  // Without a `bots` list the schema's default lists the kit bots.
  const listedBots = Array.isArray(config.bots) ? config.bots.filter((b): b is string => typeof b === 'string') : Object.values(BOT_ROLE_DEFAULTS);
  const roleBots = record(flows.bots);
  for (const role of Object.keys(roleBots)) {
    const bot = str(roleBots[role]);
    if (bot !== undefined && !listedBots.includes(bot)) at(`flows.bots.${role}`, `${formatValue(bot)} is not a listed bot (listed: ${listNames(listedBots)})`);
  }
  // A role left to its default bot that is not listed: the kit flows using it could not resolve it.
  const excluded = Array.isArray(flows.exclude) ? flows.exclude : [];
  for (const role of BOT_ROLES) {
    const users = KIT_FLOWS_BY_BOT_ROLE[role].filter((flow) => !excluded.includes(flow));
    if (roleBots[role] === undefined && !listedBots.includes(BOT_ROLE_DEFAULTS[role]) && users.length > 0) {
      at(
        `flows.bots.${role}`,
        `is required: the kit flows ${users.join(', ')} converse with the ${role} bot, and its default ${formatValue(BOT_ROLE_DEFAULTS[role])} is not in bots (name a listed bot: ${listNames([...new Set(listedBots)])}, or exclude those flows)`,
      );
    }
  }
  duplicates('flows.exclude', flows.exclude, 'excluded flow');
  duplicates('flows.folders', flows.folders, 'flow folder');
  // Two spellings of one address (case aside) reach one mailbox: one subscription is enough.
  duplicates('monitoring.alarmEmails', record(config.monitoring).alarmEmails, 'alarm address', (email) => email.toLowerCase());
  const adopted = new Map<string, number>();
  for (const [p, number] of indexed(config.phoneNumbers)) {
    const adopt = str(number.adopt);
    if (adopt === undefined) continue;
    const first = adopted.get(adopt);
    if (first !== undefined) at(`phoneNumbers[${p}].adopt`, `${formatValue(adopt)} is already adopted by phoneNumbers[${first}] (a number can be bound to one flow only)`);
    else adopted.set(adopt, p);
  }

  // Each of these entries is at least one resource of the contact-center stack: past the
  // CloudFormation limit the app is not worth building (the built app counts exactly).
  const perEntry = ['hours', 'queues', 'routingProfiles', 'quickConnects', 'agentStatuses', 'phoneNumbers'] as const;
  const entries = perEntry.map((key) => [key, Array.isArray(config[key]) ? (config[key] as unknown[]).length : 0] as const);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  if (total > MAX_STACK_RESOURCES) {
    const [largest] = [...entries].sort((a, b) => b[1] - a[1]);
    const sum = entries.filter(([, count]) => count > 0).map(([key, count]) => `${count} ${key}`).join(' + ');
    at(largest[0], `${sum} make at least ${total} resources in the contact-center stack, over the ${MAX_STACK_RESOURCES} CloudFormation allows in one stack (use fewer entries)`);
  }

  // Not region-dependent, so checked even when the region itself is wrong.
  const languages = Array.isArray(config.languages) ? config.languages : ['en-US'];
  const localeList = Array.isArray(config.lexLocales) ? config.lexLocales : ['en_US'];
  languages.forEach((language, i) => {
    if (typeof language === 'string' && !localeList.includes(lexLocaleOf(language))) {
      at(`languages[${i}]`, `caller language ${formatValue(language)} has no self-service bot locale (add ${lexLocaleOf(language)} to lexLocales)`);
    }
  });

  const texts = record(record(config.flows).texts);
  for (const name of Object.keys(texts)) {
    const text = record(texts[name]);
    (Array.isArray(config.languages) ? config.languages : []).forEach((language, i) => {
      if (typeof language === 'string' && !(language in text)) {
        at(`flows.texts.${name}`, `has no text for caller language ${formatValue(language)} listed in languages[${i}] (add a "${language}" entry)`);
      }
    });
  }
  const officeInfo = config.officeInfo;
  if (officeInfo !== undefined && officeInfo !== null && typeof officeInfo === 'object') {
    const languages = Array.isArray(config.languages) ? config.languages : ['en-US'];
    languages.forEach((language, i) => {
      if (typeof language === 'string' && !(language in (officeInfo as Entry))) {
        at(`officeInfo`, `has no text for caller language ${formatValue(language)} listed in languages[${i}] (add a "${language}" entry)`);
      }
    });
  }

  const retention = record(config.retention);
  for (const key of ['recordings', 'reports', 'contactRecords']) {
    const entry = record(retention[key]);
    // Values out of the schema's range already have their own message: a comparison with them says nothing.
    const inRange = (days: unknown): days is number => typeof days === 'number' && Number.isInteger(days) && days >= 1;
    if (inRange(entry.archiveAfterDays) && inRange(entry.days) && entry.expireAfterRetention !== false && entry.archiveAfterDays >= entry.days) {
      at(`retention.${key}.archiveAfterDays`, `${entry.archiveAfterDays} is not before the end of retention (${entry.days} days), so objects would never be archived (use fewer than ${entry.days} days, or set expireAfterRetention: false)`);
    }
  }

  checkChat(at, config, queueNames);
  checkAgentSide(at, config, queueNames);
  checkPrompts(at, (path, message) => warnings.push(`${file}: ${path}: ${message}`), config);
  checkFlowAttributes(at, config);
  checkAgentView(at, config);
  checkFollowUp(at, config, queueNames);

  const quota = (key: string, limit: number, what: string) => {
    const count = list(config[key]).length;
    if (count > limit) {
      warnings.push(`${file}: ${key}: ${count} ${what} exceed the default Amazon Connect quota of ${limit} per instance (ask AWS Support to raise it before deploying)`);
    }
  };
  quota('queues', DEFAULT_QUOTAS.queues, 'queues');
  quota('routingProfiles', DEFAULT_QUOTAS.routingProfiles, 'routing profiles');
  quota('hours', DEFAULT_QUOTAS.hoursOfOperation, 'hours of operation');
  quota('quickConnects', DEFAULT_QUOTAS.quickConnects, 'quick connects');
  quota('agentStatuses', DEFAULT_QUOTAS.agentStatuses, 'agent statuses');

  return { problems, warnings };
}
