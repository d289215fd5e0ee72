// One run: its DAG, each job with its attempts, timings, logs, output and error, the handlers, and retry and cancel
// (each enabled only when it applies); live while the run is active.
import { api, get, post } from '../api.js';
import { badge, errorBox, h, link, replace, toast } from '../dom.js';
import { duration, elapsed, local } from '../format.js';
import { keepCurrent, runningFor } from '../live.js';
import * as events from '../events.js';
import { drawDag } from '../dag.js';
import { confirmAction } from '../confirm.js';

const active = (status) => status === 'pending' || status === 'running';

export function runPage(main, _query, runId) {
  document.title = `${runId} · Symbol Orchestrator`;
  const open = new Set();
  let last = '';
  let report = null;

  async function load() {
    try {
      const fresh = await get(api('runs', runId));
      const text = JSON.stringify(fresh);
      if (text === last) return;
      last = text;
      report = fresh;
      show();
    } catch (error) {
      if (!report) replace(main, h('h1', { class: 'mono' }, runId), errorBox(error, load));
      else toast(error.message, 'error');
    }
  }

  function show() {
    const r = report;
    document.title = `${r.runId} ${r.status} · Symbol Orchestrator`;
    const sections = new Map();
    const select = (name) => {
      const section = sections.get(name);
      if (!section) return;
      section.open = true;
      open.add(name);
      section.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      section.querySelector('summary').focus({ preventScroll: true });
    };
    const jobs = r.jobs.map((j) => jobSection(j, r, open, sections, load));
    const handlers = (r.handlers ?? []).map((j) => jobSection(j, r, open, sections, load));
    const failed = r.jobs.concat(r.handlers ?? []).filter((j) => j.error);
    replace(main,
      h('div', { class: 'crumbs' }, link('/runs', 'Runs'), ' / ', link(`/runs?workflow=${encodeURIComponent(r.workflow)}`, r.workflow)),
      h('div', { class: 'page-head run-head' },
        h('h1', { class: 'mono run-id' }, r.runId), badge(r.status),
        h('div', { class: 'head-actions' }, retryButton(r, load), cancelButton(r, load))),
      h('dl', { class: 'facts' },
        fact('Workflow', link(`/runs?workflow=${encodeURIComponent(r.workflow)}`, r.workflow)),
        fact('Scheduled', h('span', { title: r.scheduledAt }, local(r.scheduledAt))),
        fact('Started', h('span', { title: r.startedAt ?? '' }, local(r.startedAt))),
        fact('Finished', h('span', { title: r.finishedAt ?? '' }, r.finishedAt ? local(r.finishedAt) : active(r.status) ? 'still running' : '–')),
        fact('Duration', runningFor(h('span', { class: 'mono' }), r.startedAt, r.finishedAt)),
        r.cancelRequestedAt ? fact('Cancel asked', local(r.cancelRequestedAt)) : null),
      r.workflowPaused ? h('div', { class: 'callout warn' }, `${r.workflow} is paused: its scheduled fires are skipped.`) : null,
      failed.length ? h('div', { class: 'callout error' }, h('strong', null, 'Errors'),
        h('ul', { class: 'errors' }, failed.map((j) => h('li', null, h('span', { class: 'mono strong' }, j.name), ': ', h('span', { class: 'mono' }, j.error))))) : null,
      h('section', { class: 'card' }, h('h2', null, 'Graph'),
        h('div', { class: 'dag-wrap' }, drawDag(r.jobs, r.edges ?? [], select))),
      h('section', { class: 'card' }, h('h2', null, `Jobs (${r.jobs.length})`), h('div', { class: 'jobs' }, jobs)),
      handlers.length ? h('section', { class: 'card' }, h('h2', null, 'Handlers'), h('div', { class: 'jobs' }, handlers)) : null);
  }

  replace(main, h('h1', { class: 'mono run-id' }, runId), h('p', { class: 'loading' }, 'Loading…'));
  load();
  // The stream carries this run's events only; each re-reads the run (at most every second).
  const unscope = events.forRun(runId);
  const stop = keepCurrent(load, { every: 3000, least: 1000, on: ['job', 'run'], when: (e) => e.runId === runId });
  return () => { stop(); unscope(); };
}

function fact(term, value) {
  return h('div', null, h('dt', null, term), h('dd', null, value));
}

function retryButton(r, reload) {
  const can = r.status === 'failed' || r.status === 'cancelled';
  return h('button', {
    type: 'button', class: 'button', disabled: !can,
    title: can ? 'Run the failed, cancelled and skipped jobs again, reusing the outputs of those that succeeded'
      : active(r.status) ? 'A run can be retried once it has ended' : 'Every job succeeded; retry one job from its section below',
    onclick: (e) => retry(e.currentTarget, r.runId, null, reload),
  }, 'Retry');
}

function cancelButton(r, reload) {
  const can = active(r.status) && !r.cancelRequestedAt;
  return h('button', {
    type: 'button', class: 'button danger', disabled: !can,
    title: can ? 'Stop the running jobs and skip the rest' : r.cancelRequestedAt ? 'Cancel already asked' : 'Only a pending or running run can be cancelled',
    onclick: async (e) => {
      const button = e.currentTarget;
      if (!await confirmAction(`Cancel ${r.runId}?`, 'Running jobs are stopped and jobs not started are skipped; the run ends cancelled. It can be retried.', 'Cancel the run')) return;
      button.disabled = true;
      try {
        await post(api('runs', r.runId, 'cancel'));
        toast(`Cancel asked for ${r.runId}`);
        reload();
      } catch (error) {
        toast(error.message, 'error');
        button.disabled = false;
      }
    },
  }, 'Cancel');
}

async function retry(button, runId, job, reload) {
  button.disabled = true;
  try {
    await post(api('runs', runId, 'retry'), job ? { job } : {});
    toast(job ? `Retrying ${job} and what depends on it` : `Retrying ${runId}`, 'success');
    reload();
  } catch (error) {
    toast(error.message, 'error');
    button.disabled = false;
  }
}

function jobSection(job, r, open, sections, reload) {
  const ran = job.durationMs ?? (job.status === 'running' ? null : undefined);
  const runningAttempt = job.attemptHistory?.find((a) => a.outcome === 'running');
  const section = h('details', { class: `job s-${job.status}`, dataset: { job: job.name } },
    h('summary', null,
      h('span', { class: 'job-name mono' }, job.name), badge(job.status),
      h('span', { class: 'sub' }, `${job.attempts} attempt${job.attempts === 1 ? '' : 's'}${job.attemptHistory?.length > job.attempts ? ` (${job.attemptHistory.length} made)` : ''}`),
      runningAttempt ? runningFor(h('span', { class: 'mono sub' }), runningAttempt.startedAt, null) : h('span', { class: 'mono sub' }, ran != null ? duration(ran) : '–'),
      h('span', { class: 'sub' }, job.host ?? '')),
    h('div', { class: 'job-body' },
      job.error ? block('Error', h('pre', { class: 'error-text' }, job.error)) : null,
      job.attemptHistory?.length ? block('Attempts', attemptsTable(job.attemptHistory)) : h('p', { class: 'muted' }, 'Not run.'),
      job.logs?.length ? block(`Logs (${job.logs.length})`, h('pre', { class: 'logs' }, job.logs.join('\n'))) : null,
      job.output != null ? block('Output', h('pre', { class: 'output' }, JSON.stringify(job.output, null, 2))) : null,
      active(r.status) ? null : h('div', { class: 'job-actions' }, h('button', {
        type: 'button', class: 'button small', onclick: (e) => retry(e.currentTarget, r.runId, job.name, reload),
        title: `Run ${job.name} again, and the jobs downstream of it`,
      }, 'Retry this job'))));
  if (open.has(job.name) || (open.size === 0 && (job.error || job.status === 'running'))) section.open = true;
  section.addEventListener('toggle', () => (section.open ? open.add(job.name) : open.delete(job.name)));
  sections.set(job.name, section);
  return section;
}

function block(title, content) {
  return h('div', { class: 'block' }, h('h3', null, title), content);
}

function attemptsTable(attempts) {
  return h('table', { class: 'grid attempts' },
    h('thead', null, h('tr', null, ['#', 'Outcome', 'Started', 'Took', 'Host', 'Error'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, attempts.map((a) => h('tr', null,
      h('td', { class: 'num' }, String(a.number)), h('td', null, badge(a.outcome)),
      h('td', { title: a.startedAt }, local(a.startedAt)),
      h('td', { class: 'mono' }, a.outcome === 'running' ? runningFor(h('span'), a.startedAt, null)
        : a.durationMs != null ? duration(a.durationMs) : a.finishedAt ? duration(elapsed(a.startedAt, a.finishedAt)) : 'ended with the host'),
      h('td', null, a.host ?? ''), h('td', { class: 'mono' }, a.error ?? '')))));
}
