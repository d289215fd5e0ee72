// Workflows: one dense row per workflow (last run, schedule in words and as written, next fire in its zone, pause
// toggle, trigger), a banner when the folder has errors, kept current by events and a re-read every few seconds.
import { api, get, post } from '../api.js';
import { badge, errorBox, h, link, replace, toast } from '../dom.js';
import { commonFolder, inZone } from '../format.js';
import { keepCurrent, relTime } from '../live.js';
import { openTrigger } from '../trigger.js';

export function workflowsPage(main) {
  document.title = 'Workflows · Symbol Orchestrator';
  const count = h('span', { class: 'muted' });
  const banner = h('div');
  const body = h('tbody');
  const table = h('table', { class: 'grid workflows' },
    h('colgroup', null, ['name', 'status', 'schedule', 'next', 'jobs', 'paused', 'actions'].map((c) => h('col', { class: `c-${c}` }))),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Workflow'), h('th', { scope: 'col' }, 'Last run'), h('th', { scope: 'col' }, 'Schedule'),
      h('th', { scope: 'col' }, 'Next fire'), h('th', { scope: 'col', class: 'num' }, 'Jobs'),
      h('th', { scope: 'col' }, 'Paused'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
    body);
  const status = h('div');
  replace(main, h('div', { class: 'page-head' }, h('h1', null, 'Workflows'), count), banner, status, h('div', { class: 'table-wrap' }, table));

  const rows = new Map();
  async function load() {
    try {
      const [list, diagnostics] = await Promise.all([get('/api/workflows'), get('/api/diagnostics').catch(() => null)]);
      replace(status);
      showBanner(banner, diagnostics);
      count.textContent = `${list.workflows.length} workflow${list.workflows.length === 1 ? '' : 's'}`;
      const names = new Set(list.workflows.map((w) => w.name));
      const folder = commonFolder(list.workflows.map((w) => w.path));
      for (const [name, row] of rows) if (!names.has(name)) { row.tr.remove(); rows.delete(name); }
      list.workflows.forEach((workflow, index) => {
        let row = rows.get(workflow.name);
        if (!row) rows.set(workflow.name, row = workflowRow(workflow.name, load));
        row.update(workflow, folder);
        if (body.children[index] !== row.tr) body.insertBefore(row.tr, body.children[index] ?? null);
      });
      if (list.workflows.length === 0)
        replace(status, h('p', { class: 'empty' }, 'No workflows yet: save a .flow file in the workflows folder and it shows here.'));
    } catch (error) {
      replace(status, errorBox(error, load));
    }
  }
  load();
  // Not fires: a busy host makes thousands a second, and each that starts a run shows as that run's event.
  return keepCurrent(load, { on: ['changes', 'reload'] });
}

function showBanner(banner, diagnostics) {
  const errors = diagnostics?.files?.reduce((n, f) => n + f.errors.length, 0) ?? 0;
  if (errors === 0) { replace(banner); return; }
  const files = diagnostics.files.filter((f) => f.errors.length > 0).length;
  replace(banner, h('div', { class: 'callout error', role: 'status' },
    h('strong', null, `${errors} error${errors === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} of the workflows folder. `),
    'The host keeps running the last good version of each. ', link('/problems', 'See the problems')));
}

/** One row, updated in place on each re-read so focus and layout stay where they are. */
function workflowRow(name, reload) {
  const cells = {
    name: h('td'), status: h('td'), schedule: h('td'), next: h('td'), jobs: h('td', { class: 'num' }), paused: h('td'), actions: h('td', { class: 'actions' }),
  };
  const tr = h('tr', { dataset: { workflow: name } }, Object.values(cells));
  const toggle = h('button', { type: 'button', role: 'switch', class: 'switch', 'aria-label': `Paused: ${name}` }, h('span', { class: 'knob' }));
  const trigger = h('button', { type: 'button', class: 'button small', 'aria-label': `Trigger ${name}` }, 'Trigger…');
  replace(cells.paused, toggle);
  replace(cells.actions, trigger);
  let current = null;

  toggle.addEventListener('click', async () => {
    const pause = current.paused !== true;
    toggle.disabled = true;
    try {
      const report = await post(api('workflows', name, pause ? 'pause' : 'unpause'));
      current = { ...current, paused: report.paused, pausedSince: report.since };
      update(current, shownFolder);
      toast(report.paused ? `${name} is paused: its scheduled fires are skipped` : `${name} is unpaused: it fires from its next instant`);
    } catch (error) {
      toast(error.message, 'error');
    } finally {
      toggle.disabled = false;
    }
  });
  trigger.addEventListener('click', () => openTrigger(name, reload));

  let shownFolder = '';
  function update(w, folder = '') {
    current = w;
    shownFolder = folder;
    tr.classList.toggle('paused', w.paused);
    replace(cells.name, link(`/runs?workflow=${encodeURIComponent(w.name)}`, w.name, { class: 'strong', title: `Runs of ${w.name}` }),
      h('div', { class: 'sub mono', title: w.path }, w.path.slice(folder.length)));
    const last = w.lastRun;
    replace(cells.status, last
      ? h('div', null, link(`/runs/${encodeURIComponent(last.runId)}`, badge(last.status), { title: `${last.runId} (${last.trigger})` }),
        h('div', { class: 'sub' }, relTime(h('span'), last.finishedAt ?? last.scheduledAt), ` · ${last.trigger}`))
      : badge(null));
    replace(cells.schedule, w.schedules.length === 0
      ? h('span', { class: 'muted' }, 'triggered only')
      : w.schedules.map((written, i) => h('div', { class: 'schedule' },
        h('div', null, w.schedulesInWords?.[i] ?? written), h('div', { class: 'sub mono' }, written))));
    const next = w.next?.[0];
    replace(cells.next, next
      ? [h('div', { class: 'mono', title: next }, inZone(next, w.timezone)),
        h('div', { class: 'sub' }, relTime(h('span'), next), ` · ${w.timezone}`, w.paused ? ' · skipped while paused' : '')]
      : h('span', { class: 'muted' }, 'no fire ahead'));
    cells.jobs.textContent = String(w.jobs);
    toggle.setAttribute('aria-checked', String(w.paused));
    toggle.title = w.paused ? `Paused since ${inZone(w.pausedSince, undefined)}: click to unpause` : 'Running on schedule: click to pause';
  }
  return { tr, update };
}
