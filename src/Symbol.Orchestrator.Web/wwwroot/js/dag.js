// A run's DAG as SVG, left to right: each job in the layer of its longest path from a root, ordered in its layer by
// where its upstream jobs sit (declaration order breaks ties), edges as curves, each box coloured by the job's state.
import { s } from './dom.js';
import { duration } from './format.js';

const box = { width: 168, height: 44 };
const gap = { x: 56, y: 14 };
const pad = 8;

/** jobs: [{ name, status, durationMs }] in declaration order; edges: [[from, to]]; onSelect(name) on a click. */
export function drawDag(jobs, edges, onSelect) {
  const index = new Map(jobs.map((j, i) => [j.name, i]));
  const upstream = new Map(jobs.map((j) => [j.name, []]));
  for (const [from, to] of edges) if (index.has(from) && index.has(to)) upstream.get(to).push(from);

  const layerOf = new Map();
  const layer = (name, seen = new Set()) => {
    if (layerOf.has(name)) return layerOf.get(name);
    if (seen.has(name)) return 0; // a cycle cannot compile; draw rather than hang if one ever arrives
    seen.add(name);
    const value = Math.max(-1, ...upstream.get(name).map((u) => layer(u, seen))) + 1;
    layerOf.set(name, value);
    return value;
  };
  const layers = [];
  for (const job of jobs) (layers[layer(job.name)] ??= []).push(job);

  const row = new Map();
  for (const members of layers) {
    const centre = (job) => {
      const ups = upstream.get(job.name).filter((u) => row.has(u));
      return ups.length ? ups.reduce((sum, u) => sum + row.get(u), 0) / ups.length : index.get(job.name);
    };
    members.sort((a, b) => centre(a) - centre(b) || index.get(a.name) - index.get(b.name));
    members.forEach((job, i) => row.set(job.name, i));
  }

  const tallest = Math.max(1, ...layers.map((l) => l.length));
  const position = new Map();
  layers.forEach((members, x) => {
    const offset = ((tallest - members.length) * (box.height + gap.y)) / 2;
    members.forEach((job, y) => position.set(job.name, {
      x: pad + x * (box.width + gap.x), y: pad + offset + y * (box.height + gap.y),
    }));
  });
  const width = pad * 2 + layers.length * box.width + Math.max(0, layers.length - 1) * gap.x;
  const height = pad * 2 + tallest * box.height + (tallest - 1) * gap.y;

  const svg = s('svg', {
    class: 'dag', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
    'aria-label': `Dependency graph: ${jobs.length} job${jobs.length === 1 ? '' : 's'}`,
  });
  svg.append(s('defs', null, s('marker', {
    id: 'dag-arrow', viewBox: '0 0 8 8', refX: 7, refY: 4, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse',
  }, s('path', { d: 'M0 0L8 4L0 8z', class: 'dag-arrow' }))));

  const lines = s('g', { class: 'edges' });
  for (const [from, to] of edges) {
    const a = position.get(from), b = position.get(to);
    if (!a || !b) continue;
    const x1 = a.x + box.width, y1 = a.y + box.height / 2, x2 = b.x - 2, y2 = b.y + box.height / 2;
    const bend = Math.max(24, (x2 - x1) / 2);
    lines.append(s('path', {
      d: `M${x1} ${y1} C${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`, class: 'edge', 'marker-end': 'url(#dag-arrow)',
    }, s('title', null, `${from} → ${to}`)));
  }
  svg.append(lines);

  for (const job of jobs) {
    const { x, y } = position.get(job.name);
    const node = s('g', {
      class: `node s-${job.status}`, transform: `translate(${x} ${y})`, tabindex: 0, role: 'button',
      'data-job': job.name, 'aria-label': `${job.name}: ${job.status}`,
    },
    s('title', null, `${job.name}: ${job.status}${ran(job) ? `, ran ${duration(job.durationMs)}` : ''}`),
    s('rect', { width: box.width, height: box.height, rx: 7 }),
    s('rect', { class: 'stripe', width: 5, height: box.height, rx: 2 }),
    s('text', { x: 14, y: 18, class: 'name' }, clip(job.name, 20)),
    s('text', { x: 14, y: 34, class: 'state' }, `${job.status}${ran(job) ? ` · ${duration(job.durationMs)}` : ''}`));
    node.addEventListener('click', () => onSelect?.(job.name));
    node.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelect?.(job.name); } });
    svg.append(node);
  }
  return svg;
}

// A running job's time so far would be its earlier attempts' only; the job list shows the attempt ticking instead.
function ran(job) {
  return job.durationMs != null && job.status !== 'running';
}

function clip(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
