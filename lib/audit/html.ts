import { RESPONSIBILITY_LABEL } from './controls';
import type { DataKind } from './dataflow';
import { keyOf } from './model';
import type { AuditPack } from './pack';
import { escapeXml as esc, GraphEdge, GraphNode, renderGraphSvg } from './svg';
import type { Evidence, ResourceRef, StackTemplate } from './types';

/**
 * The audit pack as one self-contained page (`index.html`): no external script, style, font or
 * image, so it opens from disk with no network. The control matrix filters by family and
 * responsibility with a small inline script; diagrams are pre-rendered SVG. Every evidence line
 * links to its resource in the resource index at the bottom.
 */

const anchor = (ref: ResourceRef) => `res-${keyOf(ref).replace(/[^A-Za-z0-9-]/g, '-')}`;
const link = (ref: ResourceRef, text?: string) => `<a href="#${anchor(ref)}">${esc(text ?? `${ref.stack} / ${ref.logicalId}`)}</a>`;
const shortJson = (value: unknown, max = 240) => {
  const text = value === undefined ? '(absent)' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

function evidenceList(items: readonly Evidence[], limit = 200): string {
  if (items.length === 0) return '<p class="muted">No evidence in the templates.</p>';
  const shown = items.slice(0, limit);
  return `<ul class="evidence">${shown
    .map((e) => `<li>${esc(e.note)} — ${link(e)} <code>${esc(e.path)}</code> = <code>${esc(shortJson(e.value))}</code></li>`)
    .join('')}${items.length > limit ? `<li>… ${items.length - limit} more in evidence.json</li>` : ''}</ul>`;
}

function table(headers: readonly string[], rows: readonly string[][], attrs = ''): string {
  return `<table ${attrs}><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function dataFlowGraph(kinds: readonly DataKind[], pack: AuditPack): string {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const added = new Set<string>();
  const add = (n: GraphNode) => {
    if (!added.has(n.id)) nodes.push(n);
    added.add(n.id);
  };
  for (const kind of kinds) {
    add({ id: `kind-${kind.id}`, lines: [kind.title], shape: 'data', href: `#data-${kind.id}` });
    for (const d of kind.destinations) {
      const storeId = `store-${anchor(d)}`;
      add({ id: storeId, lines: [d.name.split('/')[0], d.retention ? d.retention.slice(0, 40) : ''].filter(Boolean), shape: 'store', href: `#${anchor(d)}` });
      // Label the edge with the prefix (S3) the data lands under; table destinations need none.
      edges.push({ from: `kind-${kind.id}`, to: storeId, label: /^[^ ]+\/$/.test(d.where.split(' ')[0]) ? d.where.split(' ')[0] : undefined });
      const enc = pack.encryption.stores.find((s) => keyOf(s) === keyOf(d));
      if (enc?.key) {
        const key = pack.encryption.keys.find((k) => keyOf(k) === keyOf(enc.key!));
        add({ id: `key-${anchor(enc.key)}`, lines: [key?.name ?? enc.key.logicalId, 'customer-managed key'], shape: 'key', href: `#key-${anchor(enc.key)}` });
        edges.push({ from: storeId, to: `key-${anchor(enc.key)}`, label: 'encrypted with', dashed: true });
      }
    }
  }
  return renderGraphSvg('Where caller data goes', nodes, edges);
}

/** Longest resource JSON shown in the index (flow content can be long; evidence.json has everything). */
const MAX_RESOURCE_JSON = 20_000;

/**
 * Renders the page.
 * @param stacks the templates, to show each indexed resource as written; @default - ids and types only
 */
export function renderAuditHtml(pack: AuditPack, stacks: readonly StackTemplate[] = []): string {
  const j = pack.jurisdiction;
  const families = [...new Set(pack.matrix.map((c) => c.family))];
  const resources = new Map<string, ResourceRef & { type?: string }>();
  const note = (ref: ResourceRef & { type?: string }) => resources.set(keyOf(ref), { ...resources.get(keyOf(ref)), ...ref });
  for (const c of pack.matrix) c.evidence.forEach(note);
  pack.encryption.stores.forEach(note);
  pack.encryption.keys.forEach((k) => note({ ...k, type: 'AWS::KMS::Key' }));
  pack.retention.forEach(note);
  pack.access.roles.forEach((r) => note({ ...r, type: 'AWS::IAM::Role' }));
  pack.access.resourcePolicies.forEach(note);
  pack.access.securityProfiles.forEach((p) => note({ ...p, type: 'AWS::Connect::SecurityProfile' }));
  pack.exposure.forEach(note);
  pack.flows.forEach((f) => note({ ...f, type: 'AWS::Connect::ContactFlow' }));
  pack.dataFlow.forEach((d) => d.destinations.forEach(note));
  pack.acknowledgements.forEach(note);
  pack.access.roles.forEach((r) => r.statements.forEach((s) => note(s.source)));

  const matrixRows = pack.matrix.map(
    (c) => `<tr id="ctl-${c.id}" data-family="${esc(c.family)}" data-resp="${c.responsibility}">
<td><b>${esc(c.label)}</b></td><td>${esc(c.title)}</td><td><span class="resp ${c.responsibility}">${esc(RESPONSIBILITY_LABEL[c.responsibility])}</span></td>
<td>${esc(c.implementation)}${c.agencyPart ? `<br><i>Agency: ${esc(c.agencyPart)}</i>` : ''}${c.gaps.length ? `<ul class="gaps">${c.gaps.map((g) => `<li>${esc(g)}</li>`).join('')}</ul>` : ''}
${c.evidence.length || c.nagChecks.length || c.acknowledgements.length ? `<details><summary>${c.evidence.length} evidence · ${c.nagChecks.length} nag rules · ${c.acknowledgements.length} acknowledgements</summary>
${c.evidence.length ? evidenceList(c.evidence) : ''}
${c.nagChecks.length ? `<p><b>cdk-nag NIST 800-53 R5 rules</b> (all passed or acknowledged: synthesis fails otherwise)</p><ul>${c.nagChecks.map((n) => `<li><code>${esc(n.rule)}</code> (${esc(n.names)}): ${esc(n.checks)} — ${n.passed ? `passed on ${n.passed.length}${n.acknowledged!.length ? `, acknowledged on ${n.acknowledged!.length}` : ''} of ${n.resources} resources checked` : `${n.resources} resources of its type`}</li>`).join('')}</ul>` : ''}
${c.acknowledgements.length ? `<p><b>Acknowledgements</b></p><ul>${c.acknowledgements.map((a) => `<li><code>${esc(a.id)}</code> on ${link(a)}: ${esc(a.reason)}</li>`).join('')}</ul>` : ''}
</details>` : ''}</td></tr>`,
  );

  const enc = pack.encryption;
  const sections: string[] = [];
  sections.push(`<section id="summary"><h2>Summary</h2>
<p>${esc(pack.baseline.title)} (${esc(pack.baseline.version)}), ${pack.baseline.controls} controls and enhancements. Account ${esc(j.account)}, ${esc(j.region)}.</p>
${table(['Responsibility', 'Controls'], (Object.keys(pack.counts) as Array<keyof typeof pack.counts>).map((k) => [esc(RESPONSIBILITY_LABEL[k]), String(pack.counts[k])]), 'id="counts"')}
${table(['Stack', 'Resources'], pack.stacks.map((s) => [esc(s.name), String(s.resources)]))}
<p>Controls with a gap: ${pack.matrix.filter((c) => c.gaps.length > 0).map((c) => `<a href="#ctl-${c.id}">${esc(c.label)}</a>`).join(', ') || 'none'}.</p></section>`);
  sections.push(`<section id="matrix"><h2>Control matrix</h2>
<p><label>Family <select id="filter-family"><option value="">all</option>${families.map((f) => `<option>${esc(f)}</option>`).join('')}</select></label>
<label>Responsibility <select id="filter-resp"><option value="">all</option>${Object.entries(RESPONSIBILITY_LABEL).map(([k, v]) => `<option value="${k}">${esc(v)}</option>`).join('')}</select></label>
<span id="matrix-count"></span></p>
<table id="control-matrix"><thead><tr><th>Control</th><th>Title</th><th>Responsibility</th><th>Implementation and evidence</th></tr></thead><tbody>${matrixRows.join('\n')}</tbody></table></section>`);
  sections.push(`<section id="encryption"><h2>Encryption</h2>
${table(
  ['Store', 'Holds', 'At rest', 'Key', 'TLS only', 'Evidence'],
  enc.stores.map((s) => [
    link(s, s.name),
    esc(s.holds) + (s.callerData ? ' <span class="tag">caller data</span>' : ''),
    esc(s.atRest),
    s.key ? `<a href="#key-${anchor(s.key)}">${esc(enc.keys.find((k) => keyOf(k) === keyOf(s.key!))?.name ?? s.key.logicalId)}</a>` : '—',
    s.tlsOnly === undefined ? 'service is TLS only' : s.tlsOnly.length ? 'yes' : '<b class="bad">no</b>',
    evidenceList([...s.evidence, ...(s.tlsOnly ?? [])]),
  ]),
)}
<h3>Keys and who may use them</h3>
${enc.keys
  .map(
    (k) => `<div id="key-${anchor(k)}" class="card"><h4>${esc(k.name)}</h4><p>${esc(k.description)} · rotation ${k.rotation ? `on (${k.rotationDays ?? 365} days)` : '<b class="bad">off</b>'} · encrypts ${k.stores.map((s) => link(s, s.logicalId)).join(', ') || 'no store listed'}</p>
${table(['Via', 'Principals', 'Actions', 'Conditions'], k.uses.map((u) => [`${esc(u.via)} ${link(u.source, '↗')}`, esc(u.principals.join(', ')), esc(u.actions.join(', ')), esc(u.conditions.join('; ') || 'none')]))}</div>`,
  )
  .join('')}</section>`);
  sections.push(`<section id="retention"><h2>Retention</h2>${table(
    ['Store', 'Holds', 'Retention', 'On stack delete', 'Records schedule', 'Status'],
    pack.retention.map((r) => [link(r, r.name), esc(r.holds), esc(r.retention), esc(r.onDelete), esc(r.scheduled ?? '—'), r.status === 'mismatch' ? `<b class="bad">mismatch</b><ul>${r.problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : esc(r.status)]),
  )}</section>`);
  sections.push(`<section id="access"><h2>Identity and access</h2>
<h3>Wildcards and their justification</h3>${table(
    ['Holder', 'Wildcard', 'Statement', 'Acknowledgement'],
    pack.access.wildcards.map((w) => [esc(w.holder), `<code>${esc(w.wildcard.value)}</code> (${w.wildcard.on})`, `${link(w.statement.source)} <code>${esc(w.statement.source.path)}</code>`, w.wildcard.acknowledgement ? esc(w.wildcard.acknowledgement.reason) : w.wildcard.explanation ? `<i>key policy:</i> ${esc(w.wildcard.explanation)}` : '<b class="bad">none</b>']),
  )}
<h3>Amazon Connect security profiles</h3>${table(
    ['Profile', 'Contact content', 'May'],
    pack.access.securityProfiles.map((p) => [link(p, p.profile), esc(p.contactContent), esc(p.plain.join('; '))]),
    'id="security-profiles"',
  )}
<h3>Roles</h3>${table(
    ['Role', 'Assumed by', 'Allows'],
    pack.access.roles.map((r) => [
      link(r, r.name),
      esc(r.trustedBy.join('; ')),
      `${r.managedPolicies.length ? `<p>managed: ${esc(r.managedPolicies.join(', '))}</p>` : ''}<ul>${r.statements.map((s) => `<li>${s.effect} <code>${esc(s.actions.join(', '))}</code> on <code>${esc(s.resources.join(', '))}</code>${s.conditions.length ? ` if ${esc(s.conditions.join(' and '))}` : ''}</li>`).join('')}</ul>`,
    ]),
  )}
<h3>Resource policies</h3>${table(
    ['Policy', 'Protects', 'Statements'],
    pack.access.resourcePolicies.map((p) => [link(p, p.name), esc(p.protects.join(', ')), `<ul>${p.statements.map((s) => `<li>${s.effect} ${esc(s.principals.join(', ') || '(none)')}: <code>${esc(s.actions.join(', '))}</code>${s.conditions.length ? ` if ${esc(s.conditions.join(' and '))}` : ''}</li>`).join('')}</ul>`]),
  )}</section>`);
  const network = pack.exposure.filter((e) => e.kind === 'network endpoint');
  sections.push(`<section id="exposure"><h2>Exposure</h2><p>Network endpoints reachable from outside the account: <b>${network.length === 0 ? 'none' : network.length}</b>.</p>${table(
    ['Resource', 'Kind', 'What'],
    pack.exposure.map((e) => [link(e, e.name), esc(e.kind), esc(e.what)]),
  )}</section>`);
  sections.push(`<section id="dataflow"><h2>Caller-data flow</h2><div class="diagram">${dataFlowGraph(pack.dataFlow, pack)}</div>
${pack.dataFlow
  .map(
    (d) => `<div class="card" id="data-${d.id}"><h3>${esc(d.title)}</h3><p>Collected by: ${esc(d.collectedBy.join('; ') || 'nothing in this jurisdiction')}</p>
${table(['Store', 'Where', 'Key', 'Retention', 'Who can reach it (actions)'], d.destinations.map((x) => [link(x, x.name), esc(x.where), esc(x.key ?? '—'), esc(x.retention ?? '—'), esc(x.readers.join('; ') || 'no role of the templates')]))}
<p>Redaction: ${esc(d.redaction.join('; '))}</p>${evidenceList(d.evidence)}</div>`,
  )
  .join('')}</section>`);
  sections.push(`<section id="flows"><h2>Contact flows</h2>${pack.flows
    .map((f) => `<div class="card" id="flow-${anchor(f)}"><h3>${esc(f.name)} <small>${esc(f.flowType)} · ${link(f)}</small></h3><p>${esc(f.description)}</p><div class="diagram">${renderGraphSvg(`Flow ${f.name}`, f.nodes, f.edges)}</div></div>`)
    .join('')}</section>`);
  sections.push(`<section id="acknowledgements"><h2>Acknowledged findings</h2>${table(
    ['Rule', 'Resource', 'Reason'],
    pack.acknowledgements.map((a) => [`<code>${esc(a.id)}</code>`, link(a), esc(a.reason)]),
  )}</section>`);
  sections.push(`<section id="resources"><h2>Resource index</h2><ul>${[...resources.values()]
    .sort((a, b) => keyOf(a).localeCompare(keyOf(b)))
    .map((r) => {
      const resource = stacks.find((st) => st.name === r.stack)?.template.Resources?.[r.logicalId];
      const json = resource ? JSON.stringify(resource, null, 1) : '';
      const shown = json.length > MAX_RESOURCE_JSON ? `${json.slice(0, MAX_RESOURCE_JSON)}\n… (${json.length - MAX_RESOURCE_JSON} more characters in the template)` : json;
      return `<li id="${anchor(r)}"><code>${esc(r.stack)} / ${esc(r.logicalId)}</code> ${esc(resource?.Type ?? r.type ?? '')}${resource ? `<details><summary>template</summary><pre>${esc(shown)}</pre></details>` : ''}</li>`;
    })
    .join('')}</ul></section>`);

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>Audit pack: ${esc(j.displayName)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:0 2rem 4rem;color:#1c2833}
nav{position:sticky;top:0;background:#fff;padding:.5rem 0;border-bottom:1px solid #ccd}
nav a{margin-right:1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #d5dbe1;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#f2f4f7}
code{font-size:12px;word-break:break-all}
.resp{white-space:nowrap;padding:1px 6px;border-radius:8px}
.resp.kit{background:#e8f5e9}.resp.shared{background:#e3f2fd}.resp.aws{background:#fff8e1}.resp.agency{background:#f3e5f5}
.bad{color:#b71c1c}.muted{color:#78909c}.tag{background:#ede7f6;border-radius:6px;padding:0 4px;font-size:11px}
.gaps{color:#b71c1c}.card{border:1px solid #d5dbe1;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
.diagram{overflow:auto;border:1px solid #eceff1;margin:.5rem 0}
ul.evidence{margin:.25rem 0;padding-left:1.2rem}
pre{font-size:11px;max-height:24rem;overflow:auto;background:#f7f9fb;padding:.5rem}
li:target{background:#fff8e1}
</style></head>
<body>
<h1>Audit pack: ${esc(j.displayName)} <small>(${esc(j.id)})</small></h1>
<nav><a href="#summary">Summary</a><a href="#matrix">Controls</a><a href="#encryption">Encryption</a><a href="#retention">Retention</a><a href="#access">Access</a><a href="#exposure">Exposure</a><a href="#dataflow">Caller data</a><a href="#flows">Flows</a><a href="#acknowledgements">Acknowledgements</a></nav>
${sections.join('\n')}
<script>
(function () {
  var family = document.getElementById('filter-family');
  var resp = document.getElementById('filter-resp');
  var count = document.getElementById('matrix-count');
  var rows = document.querySelectorAll('#control-matrix tbody tr');
  function apply() {
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var ok = (!family.value || row.getAttribute('data-family') === family.value) && (!resp.value || row.getAttribute('data-resp') === resp.value);
      row.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = shown + ' of ' + rows.length + ' controls';
  }
  family.addEventListener('change', apply);
  resp.addEventListener('change', apply);
  apply();
})();
</script>
</body></html>
`;
}
