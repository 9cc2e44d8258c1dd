import { crossCheck } from '../../lib/config/cross-checks';
import { loadJurisdictions } from '../../lib/config/loader';
import { REGION_CAPABILITIES } from '../../lib/config/regions';
import { jurisdictionSchema } from '../../lib/config/schema';
import { EXAMPLES_CONFIG_DIR, exampleFile } from '../helpers/example-paths';

const FILE = exampleFile('pinecrest-benefits');
type Mutable = Record<string, any>;

/** A fresh, mutable copy of the validated Pinecrest example (chat enabled). */
function pinecrest(): Mutable {
  const [config] = loadJurisdictions({ configDir: EXAMPLES_CONFIG_DIR, only: ['pinecrest-benefits'] }).configs;
  return structuredClone(config) as Mutable;
}

describe('chat cross-checks', () => {
  test('accept the Pinecrest example with chat enabled', () => {
    expect(pinecrest().chat.enabled).toBe(true);
    expect(crossCheck(FILE, pinecrest()).problems).toEqual([]);
  });

  test('require an origin, unique origins and topics, known topic queues and Spanish labels', () => {
    const config = pinecrest();
    config.chat.allowedOrigins = [];
    config.chat.topics = [
      { id: 'claims', queue: 'Claim', label: { 'en-US': 'Claims' } },
      { id: 'claims', label: { 'en-US': 'Claims', 'es-US': 'Reclamos' } },
    ];
    expect(crossCheck(FILE, config).problems).toEqual([
      `${FILE}: chat.allowedOrigins: must list at least one HTTPS origin when chat.enabled is true (e.g. "https://benefits.example.gov")`,
      `${FILE}: chat.topics[0].queue: "Claim" is not a defined queue name (defined: General, Claims, Spanish, Escalations)`,
      `${FILE}: chat.topics[0].label: has no "es-US" text, and es-US is in languages (add a Spanish label)`,
      `${FILE}: chat.topics[1].id: "claims" is listed twice (topic ids must be unique)`,
    ]);
  });

  test('require the chat channel and the chat-inbound flow', () => {
    const config = pinecrest();
    config.features.chat = false;
    config.flows.exclude = ['chat-inbound'];
    expect(crossCheck(FILE, config).problems).toEqual([
      `${FILE}: chat.enabled: needs the chat channel (set features.chat: true, or chat.enabled: false)`,
      `${FILE}: chat.enabled: needs the chat-inbound flow, which flows.exclude leaves out (remove it from flows.exclude, or set chat.enabled: false)`,
    ]);
  });

  test('fail a region that lacks a service the chat API is built from', () => {
    const config = pinecrest();
    const saved = REGION_CAPABILITIES['us-gov-west-1'].webChat;
    (REGION_CAPABILITIES['us-gov-west-1'] as { webChat: unknown }).webChat = { ...saved, wafRateBasedRules: false };
    try {
      expect(crossCheck(FILE, config).problems).toEqual([
        `${FILE}: chat.enabled: the web chat needs AWS WAF rate-based rules, which us-gov-west-1 does not offer (set chat.enabled: false)`,
      ]);
    } finally {
      (REGION_CAPABILITIES['us-gov-west-1'] as { webChat: unknown }).webChat = saved;
    }
  });

  test('say nothing about chat settings while chat is disabled', () => {
    const config = pinecrest();
    config.chat = { enabled: false, allowedOrigins: [], topics: [{ id: 'x', queue: 'Nope', label: { 'en-US': 'X' } }] };
    expect(crossCheck(FILE, config).problems).toEqual([]);
  });

  test('offer every web chat service in us-gov-west-1', () => {
    expect(Object.values(REGION_CAPABILITIES['us-gov-west-1'].webChat).every(Boolean)).toBe(true);
  });
});

describe('chat schema', () => {
  const chat = jurisdictionSchema.shape.chat;

  test('is off by default, with the throttling and WAF defaults', () => {
    expect(chat.parse(undefined)).toEqual({ enabled: false, allowedOrigins: [], topics: [], strings: {}, rateLimit: 10, burstLimit: 20, wafRequestsPer5Minutes: 100 });
  });

  test.each(['http://benefits.example.gov', 'https://benefits.example.gov/', 'https://benefits.example.gov/chat', 'https://Benefits.example.gov', 'https://*.example.gov', 'https://localhost'])(
    'refuses the origin %s',
    (origin) => {
      expect(chat.safeParse({ allowedOrigins: [origin] }).success).toBe(false);
    },
  );

  test.each(['https://benefits.example.gov', 'https://www.pinecrest.example.gov:8443'])('accepts the origin %s', (origin) => {
    expect(chat.safeParse({ allowedOrigins: [origin] }).success).toBe(true);
  });
});
