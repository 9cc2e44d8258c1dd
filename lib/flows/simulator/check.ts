import { describeRoutingCriteria } from './actions/routing-criteria';
import { suitsLanguage } from './language';
import type { CallResult } from './runner';
import { describeEnd } from './runner';
import type { Scenario } from './scenario';
import type { SimTask } from './types';

/**
 * Compares a call with its scenario's expectations. Each failure says what was expected and
 * what happened, with a line diff for prompts.
 */

/** Expected vs heard, line by line: `  = same`, `  - expected`, `  + heard`. */
export function diffLines(expected: readonly string[], actual: readonly string[], matches: (e: string, a: string) => boolean): string[] {
  const out: string[] = [];
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    const e = expected[i];
    const a = actual[i];
    if (e !== undefined && a !== undefined && matches(e, a)) out.push(`    = ${a}`);
    else {
      if (e !== undefined) out.push(`    - ${e}`);
      if (a !== undefined) out.push(`    + ${a}`);
    }
  }
  return out;
}

const survey = (item: Record<string, { S?: string; N?: string; NULL?: boolean }>, key: string) => item[key]?.N ?? item[key]?.S ?? (item[key]?.NULL ? '' : undefined);

/** The expectation failures of a call (none: it passed). */
export function checkExpectations(scenario: Scenario, result: CallResult, surveys: ReadonlyArray<Record<string, { S?: string; N?: string; NULL?: boolean }>> = []): string[] {
  const failures: string[] = [];
  const { state, end } = result;
  const expect = scenario.expect;
  if (end.kind === 'stopped' && expect.end?.kind !== 'stopped') failures.push(`the call stopped: ${end.reason}`);
  if (result.unusedInputs > 0) failures.push(`${result.unusedInputs} caller input(s) left unused: the call ended before the caller was asked`);

  // Whatever the scenario expects: once the caller has chosen Spanish, no prompt may be English
  // (the real functions' and the bot's messages included).
  let chosen: string | undefined;
  for (const e of state.events) {
    if (e.kind === 'prompt' && e.audience === 'caller' && chosen?.startsWith('es') && !suitsLanguage(e.language, chosen)) {
      failures.push(`a caller who chose ${chosen} heard English in ${e.flow}/${e.action}: "${e.text}"`);
    }
    if (e.kind === 'language') chosen = e.language;
  }
  if (expect.prompts) {
    const heard = state.events.flatMap((e) => (e.kind === 'prompt' && e.audience === 'caller' ? [e] : []));
    const expected = expect.prompts.map((p) => (typeof p === 'string' ? { text: p, language: undefined } : p));
    const ok = expected.length === heard.length && expected.every((p, i) => heard[i].text.includes(p.text) && (!p.language || p.language === heard[i].language));
    if (!ok) {
      failures.push(
        ['prompts heard differ from the expected ones (- expected, + heard):', ...diffLines(
          expected.map((p) => (p.language ? `(${p.language}) ${p.text}` : p.text)),
          heard.map((h) => `(${h.language}) ${h.text}`),
          (e, a) => {
            const lang = /^\((..-..|mixed)\) /.exec(e);
            return lang ? a.startsWith(`(${lang[1]}) `) && a.includes(e.slice(lang[0].length)) : a.includes(e);
          },
        )].join('\n'),
      );
    }
  }
  if (expect.agentHears) {
    const heard = state.events.flatMap((e) => (e.kind === 'prompt' && e.audience === 'agent' ? [e.text] : []));
    const ok = heard.length === expect.agentHears.length && expect.agentHears.every((t, i) => heard[i].includes(t));
    if (!ok) failures.push(['the agent heard other whispers (- expected, + heard):', ...diffLines(expect.agentHears, heard, (e, a) => a.includes(e))].join('\n'));
  }
  for (const [key, value] of Object.entries(expect.attributes ?? {})) {
    const actual = state.attributes[key];
    if (actual !== value) failures.push(`attribute ${key}: expected ${JSON.stringify(value)}, found ${actual === undefined ? 'not set' : JSON.stringify(actual)}`);
  }
  if (expect.end) {
    const e = expect.end;
    const problems: string[] = [];
    if (end.kind !== e.kind) problems.push(`kind ${e.kind}`);
    if (e.after !== undefined && !(end.kind === 'disconnected' && (end.lastMessage ?? '').includes(e.after))) problems.push(`after "${e.after}"`);
    if (e.queue !== undefined && !(end.kind === 'queued' && end.queue === e.queue)) problems.push(`queue ${e.queue}`);
    if (e.priority !== undefined && !(end.kind === 'queued' && end.priority === e.priority)) problems.push(`priority ${e.priority}`);
    if (e.flow !== undefined && !((end.kind === 'disconnected' || end.kind === 'hung-up' || end.kind === 'stopped') && end.flow === e.flow)) problems.push(`in flow ${e.flow}`);
    if (problems.length > 0) failures.push(`end: expected ${problems.join(', ')}; the call ended ${describeEnd(end, state)}`);
  }
  if (expect.queued) {
    const q = state.queued;
    if (!q || q.queue !== expect.queued.queue || (expect.queued.priority !== undefined && q.priority !== expect.queued.priority)) {
      failures.push(`queued: expected ${expect.queued.queue}${expect.queued.priority !== undefined ? ` (priority ${expect.queued.priority})` : ''}, found ${q ? `${q.queue} (priority ${q.priority})` : 'never queued'}`);
    }
  }
  if (expect.callback) {
    const c = state.callback;
    if (!c || c.queue !== expect.callback.queue || (expect.callback.number !== undefined && c.number !== expect.callback.number)) {
      failures.push(`callback: expected one in ${expect.callback.queue}${expect.callback.number ? ` for ${expect.callback.number}` : ''}, found ${c ? `${c.queue} for ${c.number}` : 'none'}`);
    }
  }
  if (expect.routingCriteria) {
    const expected = expect.routingCriteria === 'none' ? [] : expect.routingCriteria.map((step) => ({ requirements: [{ attribute: step.attribute, value: step.value, minimumLevel: step.minimumLevel }], expiresAfterSeconds: step.expiresAfterSeconds }));
    const actual = state.routingCriteria ?? [];
    if (describeRoutingCriteria(expected) !== describeRoutingCriteria(actual)) {
      failures.push(`routing criteria: expected ${expect.routingCriteria === 'none' ? 'none' : describeRoutingCriteria(expected)}, found ${state.routingCriteria ? describeRoutingCriteria(actual) : 'none'}`);
    }
  }
  if (expect.tasks) failures.push(...taskFailures(expect.tasks, state.tasks ?? []));
  if (expect.survey) {
    const item = surveys[surveys.length - 1];
    if (!item) failures.push('survey: expected answers to be stored, none were');
    else {
      for (const [question, value] of Object.entries(expect.survey)) {
        const stored = survey(item, question);
        if (stored !== value) failures.push(`survey ${question}: expected ${JSON.stringify(value)}, stored ${stored === undefined ? 'nothing' : JSON.stringify(stored)}`);
      }
    }
  }
  if (expect.lambdas) {
    const called = state.events.flatMap((e) => (e.kind === 'lambda' ? [`${e.fn} → ${e.result}`] : []));
    if (called.join('\n') !== expect.lambdas.join('\n')) failures.push(['functions called differ (- expected, + called):', ...diffLines(expect.lambdas, called, (e, a) => e === a)].join('\n'));
  }
  return failures;
}

/** Differences between the tasks a scenario expects and those the flows created. */
function taskFailures(expected: NonNullable<Scenario['expect']['tasks']>, created: readonly SimTask[]): string[] {
  const shown = (tasks: readonly SimTask[]) => (tasks.length === 0 ? 'none' : tasks.map((t) => `"${t.name}" in ${t.flow}`).join(', '));
  if (expected.length !== created.length) return [`tasks: expected ${expected.length}, created ${created.length} (${shown(created)})`];
  return expected.flatMap((want, i) => {
    const task = created[i];
    const problems: string[] = [];
    if (task.flow !== want.flow) problems.push(`flow ${JSON.stringify(task.flow)}, expected ${JSON.stringify(want.flow)}`);
    if (want.name !== undefined && task.name !== want.name) problems.push(`name ${JSON.stringify(task.name)}, expected ${JSON.stringify(want.name)}`);
    for (const [key, value] of Object.entries(want.attributes ?? {})) {
      const got = task.attributes[key];
      if (got !== value) problems.push(`attribute ${key} ${got === undefined ? 'missing' : typeof got === 'string' ? JSON.stringify(got) : 'known at run time'}, expected ${JSON.stringify(value)}`);
    }
    return problems.length > 0 ? [`tasks[${i}]: ${problems.join('; ')}`] : [];
  });
}
