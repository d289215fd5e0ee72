// The shell: routes (the address bar names the page; back and forward work), the nav, the live dot, the theme.
import { h, replace } from './dom.js';
import * as events from './events.js';
import { get } from './api.js';
import { setupToggle } from './theme.js';
import { startClock } from './live.js';
import { navigate } from './router.js';
import { workflowsPage } from './pages/workflows.js';
import { runsPage } from './pages/runs.js';
import { runPage } from './pages/run.js';
import { schedulePage } from './pages/schedule.js';
import { problemsPage } from './pages/problems.js';

const routes = [
  { pattern: /^\/(?:workflows\/?)?$/, nav: 'workflows', page: workflowsPage },
  { pattern: /^\/runs\/?$/, nav: 'runs', page: runsPage },
  { pattern: /^\/runs\/([^/]+)$/, nav: 'runs', page: runPage },
  { pattern: /^\/schedule\/?$/, nav: 'schedule', page: schedulePage },
  { pattern: /^\/problems\/?$/, nav: 'problems', page: problemsPage },
];

const main = document.getElementById('main');
let dispose = null;

/** Shows the page the address names. */
function render() {
  dispose?.();
  dispose = null;
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
  replace(main);
  dispose = route.page(main, new URLSearchParams(location.search), ...args) ?? null;
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
