import { closest } from '../../../config/zod-issues';
import { KIND_NOUNS, listNames, ReferenceKind } from '../../references';
import type { Finding } from '../../types';
import { finding, LintRule } from '../rule';

const id = 'unknown-reference';

/**
 * Every `${kind:name}` must be well formed, of a known kind, and (when the context lists the
 * names of that kind) name something that exists; `${flow:…}` must name a flow and
 * `${module:…}` a module. The message lists the known names. References only in Metadata are
 * ignored when Metadata is stripped (as the app does) and warnings when it is kept.
 */
export const unknownReference: LintRule = {
  id,
  description: 'References must be ${kind:name} with a known kind and, when names are known, a known name.',
  check(ctx) {
    const out: Finding[] = [];
    for (const flow of ctx.flows) {
      for (const ref of ctx.references(flow)) {
        // Metadata is the designer's display data: stripped before deployment, it never reaches a template.
        if (ref.inMetadata && ctx.context.metadata === 'strip') continue;
        const report = (message: string) => out.push(finding(flow, id, ref.inMetadata ? 'warning' : 'error', `${ref.inMetadata ? 'Metadata: ' : ''}${message}`, ref.actionId));
        if (ref.problem) {
          report(ref.problem);
          continue;
        }
        const kind = ref.kind as ReferenceKind;
        if (kind === 'flow' || kind === 'module') {
          const target = ctx.byName.get(ref.name);
          if (target && (target.type === 'MODULE') !== (kind === 'module')) {
            report(`${ref.text}: ${ref.name} is a ${target.type === 'MODULE' ? 'flow module: write ${module:' : 'flow, not a module: write ${flow:'}${ref.name}}`);
            continue;
          }
        }
        const names = ctx.context.names?.[kind];
        if (!names || names.includes(ref.name)) continue;
        const hint = closest(ref.name, names);
        report(`${ref.text} names no ${KIND_NOUNS[kind]}${hint ? `, did you mean "${hint}"?` : ''} (known: ${listNames(names)})`);
      }
    }
    return out;
  },
};
