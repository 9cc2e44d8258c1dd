/**
 * Draws a directed graph as a self-contained SVG with a simple layered layout (top to bottom):
 * layers by longest path from the roots (back edges ignored for layering and drawn curved on the
 * side), nodes ordered in a layer by the mean position of their predecessors. Used instead of
 * inlining the Mermaid library (about 3 MB) so the audit page stays small and renders with
 * scripts off; the Mermaid text is written beside it for reviewers who prefer it.
 */

/** A node to draw. */
export interface GraphNode {
  readonly id: string;
  readonly lines: readonly string[];
  readonly shape: 'start' | 'action' | 'branch' | 'end' | 'missing' | 'data' | 'store' | 'key';
  /** Anchor the node links to in the page, e.g. `#res-stack-Logical`. */
  readonly href?: string;
}

/** An edge to draw. */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  readonly error?: boolean;
  readonly dashed?: boolean;
}

const CHAR_W = 6.4;
const LINE_H = 14;
const GAP_X = 28;
const GAP_Y = 46;

/** Escapes text for SVG and HTML. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const FILL: Readonly<Record<GraphNode['shape'], [string, string]>> = {
  start: ['#e3f2fd', '#1565c0'],
  action: ['#ffffff', '#455a64'],
  branch: ['#fff8e1', '#f57f17'],
  end: ['#e8f5e9', '#2e7d32'],
  missing: ['#fdecea', '#b71c1c'],
  data: ['#ede7f6', '#4527a0'],
  store: ['#e0f2f1', '#00695c'],
  key: ['#fff3e0', '#e65100'],
};

/** Renders the graph; `title` becomes the SVG's accessible name. */
export function renderGraphSvg(title: string, nodes: readonly GraphNode[], edges: readonly GraphEdge[]): string {
  const ids = nodes.map((n) => n.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  const incoming = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const e of edges) {
    if (!index.has(e.from) || !index.has(e.to)) continue;
    out.get(e.from)!.push(e.to);
    incoming.set(e.to, incoming.get(e.to)! + 1);
  }
  // Back edges: found by depth-first search from the roots in node order.
  const back = new Set<string>();
  const state = new Map<string, 1 | 2>();
  const roots = [...ids.filter((id) => incoming.get(id) === 0), ...ids];
  for (const root of roots) {
    if (state.has(root)) continue;
    const stack: Array<[string, number]> = [[root, 0]];
    state.set(root, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const next = out.get(top[0])![top[1]++];
      if (next === undefined) {
        state.set(top[0], 2);
        stack.pop();
      } else if (state.get(next) === 1) back.add(`${top[0]}>${next}`);
      else if (!state.has(next)) {
        state.set(next, 1);
        stack.push([next, 0]);
      }
    }
  }
  // Longest-path layers over the forward edges (Kahn order).
  const layer = new Map<string, number>(ids.map((id) => [id, 0]));
  const indegree = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const [from, tos] of out) for (const to of tos) if (!back.has(`${from}>${to}`)) indegree.set(to, indegree.get(to)! + 1);
  const queue = ids.filter((id) => indegree.get(id) === 0);
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const to of out.get(id)!) {
      if (back.has(`${id}>${to}`)) continue;
      layer.set(to, Math.max(layer.get(to)!, layer.get(id)! + 1));
      indegree.set(to, indegree.get(to)! - 1);
      if (indegree.get(to) === 0) queue.push(to);
    }
  }
  const size = new Map(nodes.map((n) => [n.id, { w: Math.max(...n.lines.map((l) => l.length), 4) * CHAR_W + 20, h: n.lines.length * LINE_H + 12 }]));
  const layers: string[][] = [];
  for (const id of ids) (layers[layer.get(id)!] ??= []).push(id);
  const x = new Map<string, number>();
  const y = new Map<string, number>();
  let top = 16;
  let width = 0;
  const preds = (id: string) => edges.filter((e) => e.to === id && !back.has(`${e.from}>${e.to}`) && x.has(e.from)).map((e) => x.get(e.from)!);
  for (const ids_ of layers.filter(Boolean)) {
    const ordered = ids_
      .map((id, i) => ({ id, key: preds(id).length ? preds(id).reduce((a, b) => a + b, 0) / preds(id).length : i * 1000 }))
      .sort((a, b) => a.key - b.key)
      .map((o) => o.id);
    let left = 16;
    const rowH = Math.max(...ordered.map((id) => size.get(id)!.h));
    for (const id of ordered) {
      const s = size.get(id)!;
      x.set(id, left + s.w / 2);
      y.set(id, top + rowH / 2);
      left += s.w + GAP_X;
    }
    width = Math.max(width, left);
    top += rowH + GAP_Y;
  }
  const height = top;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="graph" role="img" aria-label="${escapeXml(title)}" width="${Math.ceil(width + 60)}" height="${Math.ceil(height)}" viewBox="0 0 ${Math.ceil(width + 60)} ${Math.ceil(height)}" font-family="sans-serif" font-size="11">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#546e7a"/></marker>' +
      '<marker id="arrow-err" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#b71c1c"/></marker></defs>',
    `<title>${escapeXml(title)}</title>`,
  );
  for (const e of edges) {
    if (!x.has(e.from) || !x.has(e.to)) continue;
    const a = size.get(e.from)!;
    const b = size.get(e.to)!;
    const x1 = x.get(e.from)!;
    const y1 = y.get(e.from)! + a.h / 2;
    const x2 = x.get(e.to)!;
    const y2 = y.get(e.to)! - b.h / 2;
    const color = e.error ? '#b71c1c' : '#546e7a';
    const dash = e.error || e.dashed ? ' stroke-dasharray="5 3"' : '';
    const marker = e.error ? 'url(#arrow-err)' : 'url(#arrow)';
    let d: string;
    let lx: number;
    let ly: number;
    if (back.has(`${e.from}>${e.to}`) || y2 <= y1) {
      const side = Math.max(x1 + a.w / 2, x2 + b.w / 2) + 24;
      d = `M${x1 + a.w / 2},${y.get(e.from)!} C${side},${y.get(e.from)!} ${side},${y.get(e.to)!} ${x2 + b.w / 2},${y.get(e.to)!}`;
      lx = side;
      ly = (y.get(e.from)! + y.get(e.to)!) / 2;
    } else {
      const my = (y1 + y2) / 2;
      d = `M${x1},${y1} C${x1},${my} ${x2},${my} ${x2},${y2}`;
      lx = (x1 + x2) / 2;
      ly = my;
    }
    parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="1.2"${dash} marker-end="${marker}"/>`);
    if (e.label) parts.push(`<text x="${lx.toFixed(1)}" y="${ly.toFixed(1)}" text-anchor="middle" fill="${color}" paint-order="stroke" stroke="#fff" stroke-width="3">${escapeXml(e.label)}</text>`);
  }
  for (const n of nodes) {
    const s = size.get(n.id)!;
    const cx = x.get(n.id)!;
    const cy = y.get(n.id)!;
    const [fill, stroke] = FILL[n.shape];
    const rx = n.shape === 'start' || n.shape === 'end' ? s.h / 2 : n.shape === 'data' ? 10 : 3;
    const box = `<rect x="${(cx - s.w / 2).toFixed(1)}" y="${(cy - s.h / 2).toFixed(1)}" width="${s.w.toFixed(1)}" height="${s.h}" rx="${rx.toFixed(1)}" fill="${fill}" stroke="${stroke}"${n.shape === 'branch' ? ' stroke-width="2"' : ''}/>`;
    const text = n.lines
      .map((line, i) => `<text x="${cx.toFixed(1)}" y="${(cy - ((n.lines.length - 1) * LINE_H) / 2 + i * LINE_H + 4).toFixed(1)}" text-anchor="middle"${i === 0 ? ' font-weight="bold"' : ''}>${escapeXml(line)}</text>`)
      .join('');
    parts.push(n.href ? `<a href="${escapeXml(n.href)}"><g class="node">${box}${text}</g></a>` : `<g class="node">${box}${text}</g>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
