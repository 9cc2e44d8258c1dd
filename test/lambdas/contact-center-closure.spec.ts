import fc from 'fast-check';
import * as z from 'zod';
import { isOffsetDateTime, MAX_MESSAGE_CHARS, parseClosure } from '../../lambdas/contact-center-status/closure';
import { CLOSURE_REASONS } from '../../lambdas/contact-center-status/messages';
import { expectEqual, mutateAt } from './helpers';

/**
 * The schema the handler used before the hand-written check (zod, strict): the reference the
 * check must agree with, value for value.
 */
const reference = z.strictObject({
  closed: z.boolean(),
  reason: z.enum(CLOSURE_REASONS),
  until: z.iso.datetime({ offset: true }).optional(),
  message: z.strictObject({
    'en-US': z.string().max(MAX_MESSAGE_CHARS),
    'es-US': z.string().max(MAX_MESSAGE_CHARS),
  }),
});

const VALID = {
  closed: true,
  reason: 'WEATHER',
  until: '2027-01-15T08:00:00-08:00',
  message: { 'en-US': 'Closed for the ice storm.', 'es-US': 'Cerrado por la tormenta de hielo.' },
};

/** Date-times on both sides of every rule: offsets, fractions, seconds, calendar days, leap years. */
const DATE_TIMES = [
  '2027-01-15T08:00:00Z',
  '2027-01-15T08:00:00.123456Z',
  '2027-01-15T08:00:00+05:30',
  '2027-01-15T23:59:59-12:00',
  '2027-01-15T08:00Z',
  '2027-01-15T08:00:00',
  '2027-01-15T08:00:00+0530',
  '2027-01-15T08:00:00+24:00',
  '2027-01-15T24:00:00Z',
  '2027-01-15 08:00:00Z',
  '2027-01-15t08:00:00z',
  '2027-02-29T08:00:00Z',
  '2028-02-29T08:00:00Z',
  '2100-02-29T08:00:00Z',
  '2000-02-29T08:00:00Z',
  '2027-04-31T08:00:00Z',
  '2027-12-31T08:00:00Z',
  '2027-13-01T08:00:00Z',
  '2027-00-10T08:00:00Z',
  '2027-01-00T08:00:00Z',
  '2027-01-32T08:00:00Z',
  '27-01-15T08:00:00Z',
  'Monday morning',
  '',
];

/** A value of any kind, to put where a field is expected. */
const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.string({ maxLength: 4 }),
  fc.constantFrom(...CLOSURE_REASONS, 'SNOW', 'weather', 'true'),
  fc.constantFrom(...DATE_TIMES),
  fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('x'.repeat(MAX_MESSAGE_CHARS), 'x'.repeat(MAX_MESSAGE_CHARS + 1)),
  fc.constant([]),
  fc.dictionary(fc.constantFrom('en-US', 'es-US', 'fr-CA', 'closed'), fc.oneof(fc.string({ maxLength: 3 }), fc.integer()), { maxKeys: 3 }),
);

const PATHS: ReadonlyArray<readonly string[]> = [[], ['closed'], ['reason'], ['until'], ['message'], ['message', 'en-US'], ['message', 'es-US'], ['message', 'fr-CA'], ['clsoed']];

describe('contact-center-status closure parameter check', () => {
  test('reads a valid closure, with and without until', () => {
    expect(parseClosure(VALID)).toEqual({ success: true, data: VALID });
    const { until: _until, ...noUntil } = VALID;
    expect(parseClosure(noUntil)).toEqual({ success: true, data: noUntil });
  });

  test('names each problem by field and never echoes the value', () => {
    const parsed = parseClosure({ clsoed: true, closed: 'yes', reason: 'SNOW', until: '2027-01-15T08:00:00', message: { 'en-US': 'x'.repeat(1001), 'fr-CA': 'Fermé' } });
    expect(parsed).toEqual({
      success: false,
      issues: [
        '(root): unrecognized keys "clsoed" (allowed: closed, reason, until, message)',
        'closed: expected true or false',
        'reason: expected one of EMERGENCY, WEATHER, HOLIDAY, OTHER',
        'until: expected an ISO 8601 date-time with Z or a UTC offset, e.g. 2027-01-15T08:00:00-08:00',
        'message: unrecognized keys "fr-CA" (allowed: en-US, es-US)',
        'message.en-US: too long (at most 1000 characters)',
        'message.es-US: expected a string',
      ],
    });
    expect(parseClosure('closed')).toEqual({ success: false, issues: ['(root): expected an object'] });
  });

  test('accepts exactly the date-times zod accepts with offset: true', () => {
    for (const value of DATE_TIMES) expect({ value, ok: isOffsetDateTime(value) }).toEqual({ value, ok: z.iso.datetime({ offset: true }).safeParse(value).success });
  });

  test('agrees with the zod schema on every mutated value: same verdict, same data', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...PATHS), anyValue), { minLength: 1, maxLength: 3 }), (mutations) => {
        const value = mutations.reduce<unknown>((v, [path, replacement]) => mutateAt(v, path, replacement), VALID);
        const ours = parseClosure(value);
        const theirs = reference.safeParse(value);
        expectEqual({ value, success: ours.success }, { value, success: theirs.success });
        if (ours.success && theirs.success) expectEqual(ours.data, theirs.data);
      }),
      { seed: 1627, numRuns: 1000 },
    );
  });
});
