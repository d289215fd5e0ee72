// Runs: newest first, filtered by workflow and status (the address keeps the filters), "load more" by cursor, and
// live from the host's once-a-second `changes` digest: a run the host starts appears at the top and statuses change
// without a reload. The live list keeps the newest page; once older pages are loaded, new runs are counted, not added.
import { get } from '../api.js';
import { badge, errorBox, h, link, replace } from '../dom.js';
import { local } from '../format.js';
import { keepCurrent, relTime, runningFor } from '../live.js';
import * as events from '../events.js';
import { navigate } from '../router.js';

const statuses = ['pending', 'running', 'succeeded', 'failed', 'cancelled'];
const pageSize = 50;

export function runsPage(main, query) {
  document.title = 'Runs · Symbol Orchestrator';
  const workflow = query.get('workflow') ?? '';
  const status = query.get('status') ?? '';
  const workflowSelect = h('select', { id: 'filter-workflow', name: 'workflow' }, h('option', { value: '' }, 'All workflows'));
  if (workflow) workflowSelect.append(h('option', { value: workflow, selected: true }, workflow));
  const statusSelect = h('select', { id: 'filter-status', name: 'status' }, h('option', { value: '' }, 'Any status'),
    statuses.map((s) => h('option', { value: s, selected: s === status }, s)));
  const applyFilters = () => {
    const q = new URLSearchParams();
    if (workflowSelect.value) q.set('workflow', workflowSelect.value);
    if (statusSelect.value) q.set('status', statusSelect.value);
    navigate(`/runs${q.size ? `?${q}` : ''}`);
  };
  workflowSelect.addEventListener('change', applyFilters);
  statusSelect.addEventListener('change', applyFilters);

  const body = h('tbody');
  const more = h('button', { type: 'button', class: 'button', hidden: true }, 'Load more');
  const newer = h('button', { type: 'button', class: 'button newer', hidden: true });
  const state = h('div');
  replace(main,
    h('div', { class: 'page-head' }, h('h1', null, 'Runs'),
      h('div', { class: 'filters' },
        h('label', { for: 'filter-workflow' }, 'Workflow'), workflowSelect,
        h('label', { for: 'filter-status' }, 'Status'), statusSelect)),
    state,
    newer,
    h('div', { class: 'table-wrap' }, h('table', { class: 'grid runs' },
      h('colgroup', null, ['status', 'run', 'workflow', 'trigger', 'scheduled', 'duration', 'owner'].map((c) => h('col', { class: `c-${c}` }))),
      h('thead', null, h('tr', null, ['Status', 'Run', 'Workflow', 'Trigger', 'Scheduled', 'Duration', 'Owner']
        .map((t) => h('th', { scope: 'col' }, t)))),
      body)),
    h('div', { class: 'more' }, more));

  const rows = new Map();
  let cursor = null;
  let pagedBack = false;
  let reread = false;
  let newerCount = 0;
  const filterQuery = (before) => {
    const q = new URLSearchParams({ limit: String(pageSize) });
    if (workflow) q.set('workflow', workflow);
    if (status) q.set('status', status);
    if (before) q.set('before', before);
    return `/api/runs?${q}`;
  };
  const matches = (run) => (!workflow || run.workflow === workflow) && (!status || run.status === status);

  /** A run not shown yet goes above the older ones, so a newer one is always on top. */
  function upsert(run, atEnd = false) {
    const row = rows.get(run.runId);
    if (row) { row.update(run); return; }
    if (!matches(run)) return;
    const created = runRow(run);
    rows.set(run.runId, created);
    if (atEnd) body.append(created.tr);
    else body.insertBefore(created.tr, firstOlderThan(run));
    replace(state);
  }
  function firstOlderThan(run) {
    const at = Date.parse(run.scheduledAt);
    for (const tr of body.children) if (Date.parse(tr.dataset.scheduledAt) < at) return tr;
    return null;
  }

  async function loadFirst() {
    try {
      const page = await get(filterQuery(null));
      for (const run of [...page.runs].reverse()) upsert(run);
      // Until "load more" has been used, the list and its cursor follow the newest page (rows it brings again are not repeated).
      if (!pagedBack) { trim(); cursor = page.next; more.hidden = !cursor; reread = false; }
      if (rows.size === 0) replace(state, h('p', { class: 'empty' }, workflow || status ? 'No runs match these filters.' : 'No runs yet: trigger a workflow or wait for its next fire.'));
      else replace(state);
    } catch (error) {
      replace(state, errorBox(error, loadFirst));
    }
  }
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      const page = await get(filterQuery(cursor));
      for (const run of page.runs) upsert(run, true);
      pagedBack = true;
      cursor = page.next;
      more.hidden = !cursor;
    } catch (error) {
      replace(state, errorBox(error));
    } finally {
      more.disabled = false;
    }
  });

  /** A digest of the host's run changes: known rows change; new runs go on top while the list is live, else are counted. */
  function applyChanges(changes) {
    reread = changes.omitted > 0 && !pagedBack;
    for (const event of changes.runs) {
      const row = rows.get(event.runId);
      if (row) row.update(event);
      else if (!matches(event)) continue;
      else if (pagedBack) newerCount++;
      else upsert(event);
    }
    if (!pagedBack) trim();
    newer.hidden = newerCount === 0;
    newer.textContent = `${newerCount} newer run${newerCount === 1 ? '' : 's'}: show the newest`;
  }
  /** Keeps the live list to the newest page; the cursor then needs the list read again. */
  function trim() {
    while (rows.size > pageSize && body.lastElementChild) {
      rows.delete(body.lastElementChild.dataset.runId);
      body.lastElementChild.remove();
      reread = true;
    }
  }
  newer.addEventListener('click', () => navigate(location.pathname + location.search));

  // The runs first; the workflow names for the filter after.
  loadFirst();
  get('/api/workflows').then((list) => {
    for (const w of list.workflows) if (w.name !== workflow) workflowSelect.append(h('option', { value: w.name }, w.name));
    sortOptions(workflowSelect);
  }).catch(() => {});

  const offChanges = events.on('changes', applyChanges);
  const stop = keepCurrent(loadFirst, { every: 5000, on: ['changes'], when: () => reread });
  return () => { offChanges(); stop(); };
}

function runRow(initial) {
  const cells = ['status', 'run', 'workflow', 'trigger', 'scheduled', 'duration', 'owner'].map((c) => h('td', { class: `c-${c}` }));
  const tr = h('tr', { dataset: { runId: initial.runId, scheduledAt: initial.scheduledAt } }, cells);
  const row = { tr, run: initial, update };
  function update(run) {
    row.run = { ...row.run, ...run };
    const r = row.run;
    tr.dataset.status = r.status;
    replace(cells[0], badge(r.status));
    replace(cells[1], link(`/runs/${encodeURIComponent(r.runId)}`, r.runId, { class: 'mono', title: r.runId }), r.stale ? h('div', { class: 'sub warn' }, `stale: ${r.staleReason ?? ''}`) : null);
    replace(cells[2], link(`/runs?workflow=${encodeURIComponent(r.workflow)}`, r.workflow));
    cells[3].textContent = r.trigger ?? '';
    replace(cells[4], h('span', { title: r.scheduledAt }, local(r.scheduledAt)), ' ', relTime(h('span', { class: 'muted rel' }), r.scheduledAt));
    replace(cells[5], runningFor(h('span', { class: 'mono' }), r.startedAt, r.finishedAt));
    cells[6].textContent = r.owner ?? '';
  }
  update(initial);
  return row;
}

function sortOptions(select) {
  const value = select.value;
  const [all, ...rest] = select.options;
  rest.sort((a, b) => a.value.localeCompare(b.value));
  select.replaceChildren(all, ...rest);
  select.value = value;
}
