import type { Finding } from '../../types';
import { finding, flowRule, LintRule } from '../rule';

const id = 'lex-v1-bot';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `LexBot: {Name, Region, Alias}` is the Lex V1 form of ConnectParticipantWithLexBot. Lex V1 has
 * reached end of support and does not exist in GovCloud (DESIGN.md §4): the flow must name a
 * Lex V2 bot alias (`LexV2Bot: {AliasArn: ${bot:<name>}}`).
 */
export const lexV1Bot: LintRule = flowRule({
  id,
  description: 'Flows must use Lex V2 bots (LexV2Bot.AliasArn), not the Lex V1 LexBot {Name, Region, Alias}.',
  checkFlow(flow) {
    const out: Finding[] = [];
    for (const action of flow.content.Actions) {
      const v1 = action.Parameters.LexBot;
      if (v1 === undefined) continue;
      const name = isObject(v1) && typeof v1.Name === 'string' ? v1.Name : undefined;
      out.push(
        finding(
          flow,
          id,
          'error',
          `uses the Lex V1 bot ${name ? JSON.stringify(name) : '(LexBot)'}: Lex V1 has reached end of support and is not available in GovCloud; rebuild it in Lex V2 (export it and run gcck import-bot) and write "LexV2Bot": {"AliasArn": "\${bot:${name ?? '<name>'}}"}`,
          action.Identifier,
        ),
      );
    }
    return out;
  },
});
