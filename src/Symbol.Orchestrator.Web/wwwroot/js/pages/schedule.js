// The next 24 hours of fires across all workflows: a row per workflow, a tick per fire (hover: the instant in the
// workflow's zone), fires a DST change moved marked, and the DST notes further ahead listed below. One request
// (GET /api/schedule) brings every workflow's fires, whatever their number.
import { get } from '../api.js';
import { errorBox, h, link, replace } from '../dom.js';
import { inZone, relative } from '../format.js';
import { keepCurrent } from '../live.js';

const hours = 24;
const maxFires = 1000; // the API's bound: a workflow firing more often shows as a band to the end
const denseAbove = 96;

export function schedulePage(main) {
  document.title = 'Schedule · Symbol Orchestrator';
  const content = h('div', null, h('p', { class: 'loading' }, 'Loading…'));
  replace(main, h('div', { class: 'page-head' }, h('h1', null, 'Schedule'),
    h('span', { class: 'muted' }, `The next ${hours} hours of fires, in your time on the axis; hover a tick for the workflow's own zone.`)), content);

  async function load() {
    try {
      const schedule = await get(`/api/schedule?hours=${hours}`);
      replace(content, timeline(schedule.workflows, Date.now()), dstNotes(schedule.workflows));
    } catch (error) {
      replace(content, errorBox(error, load));
    }
  }
  load();
  return keepCurrent(load, { every: 60000, on: ['reload'] });
}

function timeline(workflows, now) {
  const end = now + hours * 3600_000;
  const at = (t) => `${((t - now) / (end - now)) * 100}%`;
  const axis = h('div', { class: 'tl-axis', 'aria-hidden': 'true' });
  const firstHour = Math.ceil(now / 3600_000) * 3600_000;
  axis.append(h('span', { class: 'tl-hour now' }, 'now'));
  // Every third hour labelled, but none so near an end that its label would stick out of the track or hide "now".
  for (let t = firstHour; t < end - 3600_000 / 2; t += 3600_000) {
    const label = new Date(t).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const labelled = new Date(t).getHours() % 3 === 0 && t - now > 3600_000;
    const tick = h('span', { class: `tl-hour${new Date(t).getHours() === 0 ? ' midnight' : ''}` }, labelled ? label : '');
    tick.style.left = at(t);
    axis.append(tick);
  }
  const rows = workflows.map((w) => {
    const dst = new Map((w.dst ?? []).map((d) => [Date.parse(d.at), d.note]));
    const fires = w.fires.filter((iso) => Date.parse(iso) < end);
    const track = h('div', { class: 'tl-track' });
    for (let t = firstHour; t < end; t += 3600_000) {
      const line = h('span', { class: 'tl-grid' });
      line.style.left = at(t);
      track.append(line);
    }
    const truncated = w.more && fires.length === w.fires.length;
    // More fires than ticks can show apart (one every 15 min or more often): a band over their span, DST ones still ticked.
    const dense = fires.length > denseAbove;
    if (dense) {
      const band = h('span', {
        class: 'tl-band',
        title: `${truncated ? `more than ${maxFires}` : fires.length} fires in the next ${hours} h (${(w.schedulesInWords ?? w.schedules).join('; ')}), from ${inZone(fires[0], w.timezone, true)}`,
      });
      band.style.left = at(Date.parse(fires[0]));
      band.style.width = `calc(${at(truncated ? end : Date.parse(fires[fires.length - 1]))} - ${at(Date.parse(fires[0]))})`;
      track.append(band);
    }
    for (const iso of fires) {
      const t = Date.parse(iso);
      const note = dst.get(t);
      if (dense && !note) continue;
      const tick = h('span', {
        class: `tl-fire${note ? ' dst' : ''}`,
        title: `${inZone(iso, w.timezone, true)} (${w.timezone}), ${relative(iso, now)}${note ? `\nDST: ${note}` : ''}`,
      });
      tick.style.left = at(t);
      track.append(tick);
    }
    const summary = fires.length === 0 ? 'no fire' : `${truncated ? `${maxFires}+` : fires.length} fire${fires.length === 1 ? '' : 's'}`;
    return h('div', { class: `tl-row${w.paused ? ' paused' : ''}`, dataset: { workflow: w.name } },
      h('div', { class: 'tl-name' }, link(`/runs?workflow=${encodeURIComponent(w.name)}`, w.name, { class: 'strong' }),
        h('div', { class: 'sub' }, `${summary} · ${w.timezone}${w.paused ? ' · paused' : ''}`)),
      track);
  });
  const nowLine = h('div', { class: 'tl-legend' },
    h('span', null, h('span', { class: 'tl-fire sample' }), ' a fire'),
    h('span', null, h('span', { class: 'tl-fire dst sample' }), ' moved or merged by a DST change'),
    h('span', null, h('span', { class: 'tl-band sample' }), ' fires too close to draw apart (hover for how many)'));
  if (workflows.length === 0) return h('p', { class: 'empty' }, 'No workflows to schedule.');
  return h('div', { class: 'card timeline' }, h('div', { class: 'tl-row tl-head' }, h('div', { class: 'tl-name' }), axis), rows, nowLine);
}

function dstNotes(workflows) {
  const notes = workflows.flatMap((w) => (w.dst ?? []).map((d) => ({ workflow: w.name, zone: w.timezone, ...d })))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return h('section', { class: 'card' }, h('h2', null, 'Daylight-saving changes ahead'),
    notes.length === 0
      ? h('p', { class: 'muted' }, `No fire among each workflow's next ${maxFires} is moved by a DST change.`)
      : h('table', { class: 'grid dst-notes' },
        h('colgroup', null, ['workflow', 'fire', 'when', 'note'].map((c) => h('col', { class: `c-${c}` }))),
        h('thead', null, h('tr', null, ['Workflow', 'Fire (its zone)', 'When', 'Note'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, notes.map((n) => h('tr', null,
          h('td', null, n.workflow), h('td', { class: 'mono', title: n.at }, inZone(n.at, n.zone)),
          h('td', null, relative(n.at)), h('td', null, n.note))))));
}
