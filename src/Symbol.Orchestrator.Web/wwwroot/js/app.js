// The shell: routes (the address bar names the page; back and forward work), the nav, the live dot, the theme. A page's
// module is fetched when the page is first shown: the first page on screen waits for its own code only.
import { h, replace } from './dom.js';
import * as events from './events.js';
import { get } from './api.js';
import { setupToggle } from './theme.js';
import { startClock } from './live.js';
import { navigate } from './router.js';

const routes = [
  { pattern: /^\/(?:workflows\/?)?$/, nav: 'workflows', page: async () => (await import('./pages/workflows.js')).workflowsPage },
  { pattern: /^\/runs\/?$/, nav: 'runs', page: async () => (await import('./pages/runs.js')).runsPage },
  { pattern: /^\/runs\/([^/]+)$/, nav: 'runs', page: async () => (await import('./pages/run.js')).runPage },
  { pattern: /^\/schedule\/?$/, nav: 'schedule', page: async () => (await import('./pages/schedule.js')).schedulePage },
  { pattern: /^\/problems\/?$/, nav: 'problems', page: async () => (await import('./pages/problems.js')).problemsPage },
];

const main = document.getElementById('main');
let dispose = null;
let shown = 0;

/** Shows the page the address names. */
async function render() {
  dispose?.();
  dispose = null;
  const showing = ++shown;
  const path = location.pathname;
  const route = routes.find((r) => r.pattern.test(path));
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === route?.nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (!route) {
    document.title = 'Not found · Symbol Orchestrator';
    replace(main, h('h1', null, 'No such page'),
      h('p', null, 'Nothing lives at ', h('code', null, path), '. ', h('a', { href: '/', 'data-link': true }, 'See the workflows.')));
    return;
  }
  const args = path.match(route.pattern).slice(1).map(decodeURIComponent);
  let page;
  try {
    page = await route.page();
  } catch {
    if (showing === shown) replace(main, h('h1', null, 'The page did not load'), h('p', null, 'The host did not answer; reload to try again.'));
    return;
  }
  // Another page was asked for while this one's code came: that one shows instead.
  if (showing !== shown) return;
  replace(main);
  dispose = page(main, new URLSearchParams(location.search), ...args) ?? null;
}

function navigated() {
  render();
  window.scrollTo(0, 0);
  main.focus({ preventScroll: true });
}

document.addEventListener('click', (event) => {
  const a = event.target.closest?.('a[data-link]');
  if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin) return;
  event.preventDefault();
  if (url.pathname + url.search !== location.pathname + location.search) navigate(url.pathname + url.search + url.hash);
  else main.focus({ preventScroll: true });
});
window.addEventListener('popstate', render);
window.addEventListener('navigate', navigated);

// The live dot: green while the event stream is open.
const live = document.getElementById('live');
events.onState((connected) => {
  live.classList.toggle('on', connected);
  live.textContent = connected ? 'live' : 'reconnecting';
  live.title = connected ? 'Live: the page updates as the host fires and runs' : 'The event stream is down; the page re-reads every few seconds';
});

// The count of folder errors beside "Problems", kept current on reloads.
const problemCount = document.getElementById('problem-count');
async function refreshProblemCount() {
  try {
    const diagnostics = await get('/api/diagnostics');
    const errors = diagnostics.files.reduce((n, f) => n + f.errors.length, 0);
    problemCount.hidden = errors === 0;
    problemCount.textContent = String(errors);
    problemCount.title = `${errors} error${errors === 1 ? '' : 's'} in the workflows folder`;
  } catch { /* the page shows its own error */ }
}
events.on('reload', refreshProblemCount);

setupToggle(document.getElementById('theme-toggle'));
startClock();
render();
refreshProblemCount();
