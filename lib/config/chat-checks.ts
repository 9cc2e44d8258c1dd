import { formatValue } from './errors';
import { REGION_CAPABILITIES, WEB_CHAT_SERVICE_NAMES } from './regions';

type Entry = Record<string, unknown>;
const record = (value: unknown): Entry => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Entry) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The flow web chats start in (contact-flows/chat-inbound.json). */
export const CHAT_FLOW = 'chat-inbound';

/**
 * Checks of the `chat` section the schema cannot express: the region offers every service the
 * web chat API is built from, the chat channel and its flow are deployed, at least one origin is
 * allowed, origins and topics are unique, topic queues exist, and Spanish labels are given when
 * Spanish is offered. Runs on the merged YAML whether the schema accepted it or not.
 *
 * @param at records one problem at a key path
 * @param config the merged YAML of one jurisdiction
 * @param queueNames the names of its queues
 */
export function checkChat(at: (path: string, message: string) => void, config: Entry, queueNames: readonly string[]): void {
  const chat = record(config.chat);
  if (chat.enabled !== true) return;

  const region = typeof config.region === 'string' && Object.hasOwn(REGION_CAPABILITIES, config.region) ? (config.region as keyof typeof REGION_CAPABILITIES) : undefined;
  if (region) {
    const offered = REGION_CAPABILITIES[region].webChat;
    for (const service of Object.keys(WEB_CHAT_SERVICE_NAMES) as Array<keyof typeof WEB_CHAT_SERVICE_NAMES>) {
      if (!offered[service]) at('chat.enabled', `the web chat needs ${WEB_CHAT_SERVICE_NAMES[service]}, which ${region} does not offer (set chat.enabled: false)`);
    }
  }
  if (record(config.features).chat === false) at('chat.enabled', 'needs the chat channel (set features.chat: true, or chat.enabled: false)');
  if (list(record(config.flows).exclude).includes(CHAT_FLOW)) {
    at('chat.enabled', `needs the ${CHAT_FLOW} flow, which flows.exclude leaves out (remove it from flows.exclude, or set chat.enabled: false)`);
  }

  const origins = list(chat.allowedOrigins);
  if (origins.length === 0) at('chat.allowedOrigins', 'must list at least one HTTPS origin when chat.enabled is true (e.g. "https://benefits.example.gov")');
  const seenOrigins = new Set<unknown>();
  origins.forEach((origin, i) => {
    if (seenOrigins.has(origin)) at(`chat.allowedOrigins[${i}]`, `${formatValue(origin)} is listed twice (origins must be unique)`);
    seenOrigins.add(origin);
  });

  const spanish = list(config.languages).includes('es-US');
  const seenTopics = new Set<unknown>();
  list(chat.topics).forEach((raw, i) => {
    const topic = record(raw);
    if (seenTopics.has(topic.id)) at(`chat.topics[${i}].id`, `${formatValue(topic.id)} is listed twice (topic ids must be unique)`);
    seenTopics.add(topic.id);
    if (typeof topic.queue === 'string' && !queueNames.includes(topic.queue)) {
      at(`chat.topics[${i}].queue`, `${formatValue(topic.queue)} is not a defined queue name (defined: ${queueNames.join(', ') || 'none'})`);
    }
    if (spanish && !('es-US' in record(topic.label))) at(`chat.topics[${i}].label`, 'has no "es-US" text, and es-US is in languages (add a Spanish label)');
  });
}
