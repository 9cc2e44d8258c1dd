import { closest } from '../../config/zod-issues';
import { BUILT_IN_SLOT_TYPES } from '../schema';
import type { BotLintRule, RuleFinding } from './types';

/** Every slot's type is a built-in slot type or a custom slot type the bot defines. */
export const undefinedSlotType: BotLintRule = {
  id: 'undefined-slot-type',
  severity: 'error',
  description: "every slot's type is built in or defined in slotTypes",
  check(definition) {
    const findings: RuleFinding[] = [];
    const custom = definition.slotTypes.map((t) => t.name);
    const known = [...custom, ...BUILT_IN_SLOT_TYPES];
    definition.intents.forEach((intent, i) => {
      intent.slots.forEach((slot, s) => {
        if (known.includes(slot.type)) return;
        const hint = closest(slot.type, known);
        findings.push({
          path: `intents[${i}].slots[${s}].type`,
          intent: intent.name,
          message:
            `intent ${intent.name}: slot ${slot.name} has type "${slot.type}", which is neither built in nor in slotTypes` +
            `${hint ? `, did you mean "${hint}"?` : ''} (defined: ${custom.join(', ') || 'none'}; built in: ${BUILT_IN_SLOT_TYPES.join(', ')})`,
        });
      });
    });
    return findings;
  },
};
