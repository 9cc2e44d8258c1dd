import fc from 'fast-check';
import * as z from 'zod';
import { MAX_DISPLAY_NAME, MAX_PAGE, MAX_TOPIC, parseStartChatRequest } from '../../lambdas/chat-start/request';
import { expectEqual } from './helpers';

/**
 * The schema the handler used before the hand-written check (zod, strict) and the way it turned
 * issues into field names: the reference the check must agree with, request for request.
 */
const reference = z.strictObject({
  displayName: z.string().trim().min(1).max(MAX_DISPLAY_NAME).regex(/^[^<>\p{Cc}]+$/u),
  language: z.string().regex(/^[a-z]{2}-[A-Z]{2}$/),
  topic: z.string().max(MAX_TOPIC).regex(/^[a-z][a-z0-9-]*$/).optional(),
  page: z.string().max(MAX_PAGE).regex(/^\/[A-Za-z0-9/._~%-]*$/).optional(),
});
function referenceFields(value: unknown): string[] | undefined {
  const parsed = reference.safeParse(value);
  if (parsed.success) return undefined;
  const fields = parsed.error.issues.flatMap((issue) => (issue.code === 'unrecognized_keys' ? issue.keys : [issue.path.length > 0 ? String(issue.path[0]) : 'body']));
  return [...new Set(fields)].sort();
}

const VALID = { displayName: 'Jane Doe', language: 'es-US', topic: 'claims', page: '/benefits/apply' };

const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer(),
  fc.constant([]),
  fc.constantFrom('', '   ', ' Jane ', 'Jane <b>', 'Jane\u0007', 'x'.repeat(MAX_DISPLAY_NAME), ` ${'x'.repeat(MAX_DISPLAY_NAME)} `, 'x'.repeat(MAX_DISPLAY_NAME + 1)),
  fc.constantFrom('en-US', 'es-us', 'es', 'claims', 'Claims', '1claims', 'x'.repeat(MAX_TOPIC + 1), '/a/b', '/a?b=1', 'https://x/', `/${'a'.repeat(MAX_PAGE)}`),
  fc.string({ maxLength: 6 }),
);
const KEYS = ['displayName', 'language', 'topic', 'page', 'extra', 'constructor'] as const;

describe('chat-start request check', () => {
  test('reads a valid request, the display name trimmed', () => {
    expect(parseStartChatRequest({ ...VALID, displayName: '  Jane Doe ' })).toEqual({ success: true, data: VALID });
    expect(parseStartChatRequest({ displayName: 'Jane', language: 'en-US' })).toEqual({ success: true, data: { displayName: 'Jane', language: 'en-US' } });
  });

  test('names the wrong fields, unknown keys by their own name, and body for what is not an object', () => {
    expect(parseStartChatRequest({ displayName: '<script>', language: 'english', phone: '+12175550100' })).toEqual({ success: false, fields: ['displayName', 'language', 'phone'] });
    for (const body of [null, 'chat', 42, []]) expect(parseStartChatRequest(body)).toEqual({ success: false, fields: ['body'] });
  });

  test('agrees with the zod schema on every mutated request: same verdict, same fields, same data', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...KEYS), anyValue), { minLength: 1, maxLength: 3 }), fc.boolean(), (mutations, whole) => {
        const value: unknown = whole && mutations[0][1] !== undefined ? mutations[0][1] : mutations.reduce<Record<string, unknown>>((body, [key, v]) => {
          const next = { ...body };
          if (v === undefined) delete next[key];
          else next[key] = v;
          return next;
        }, VALID);
        const ours = parseStartChatRequest(value);
        expectEqual({ value, fields: ours.success ? undefined : ours.fields }, { value, fields: referenceFields(value) });
        if (ours.success) expectEqual(ours.data, reference.parse(value));
      }),
      { seed: 1632, numRuns: 800 },
    );
  });
});
