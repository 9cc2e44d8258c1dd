import type { JurisdictionConfig } from '../../config/schema';
import type { CallSetup } from './engine';
import type { SimWorld } from './types';
import { entryFlows } from './world';

/**
 * The calls the explorer starts: each entry flow (world.ts) on its channel. A flow bound to a
 * phone number takes voice calls; an entry flow no number is bound to is the chat widget's
 * (the kit's `chat-inbound`), started with no language and with each of the jurisdiction's
 * languages, as the widget may send one. Queue-transfer flows start with the caller's language
 * chosen, as an agent transfers a caller who has been through an inbound flow.
 */
export function explorationEntries(config: JurisdictionConfig, world: SimWorld): CallSetup[] {
  const bound = new Set(config.phoneNumbers.map((n) => n.flow));
  const out: CallSetup[] = [];
  for (const flow of entryFlows(world)) {
    const type = world.flows.get(flow)!.type;
    if (type === 'QUEUE_TRANSFER') {
      for (const language of config.languages) out.push({ flow, channel: 'VOICE', attributes: { language }, languageCode: language });
    } else if (bound.has(flow) || !config.features.chat) out.push({ flow, channel: 'VOICE' });
    else {
      out.push({ flow, channel: 'CHAT' });
      for (const language of config.languages) out.push({ flow, channel: 'CHAT', attributes: { language } });
    }
  }
  return out;
}
