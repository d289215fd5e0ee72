// One EventSource on /api/events for the whole page; pages subscribe to fire, run, job, reload and changes events. The
// stream asks only for the types some page listens to, and only for one run's events when a page says which (a busy host
// starts thousands of runs a minute: list pages take the once-a-second `changes` digest instead), and opens again with the
// new query when a page that needs another comes.
const types = ['fire', 'run', 'job', 'reload', 'changes'];
const listeners = new Map(types.map((t) => [t, new Set()]));
const stateListeners = new Set();
let source = null;
let sourceQuery = '';
let scopedRun = null;
let retryTimer = null;
let syncQueued = false;

/** Calls fn(data) for each event of type; returns the function that stops it. */
export function on(type, fn) {
  listeners.get(type).add(fn);
  sync();
  return () => {
    listeners.get(type).delete(fn);
    sync();
  };
}

// After the current page has added and removed its listeners: reopen the stream if the types it needs changed.
function sync() {
  if (syncQueued) return;
  syncQueued = true;
  queueMicrotask(() => {
    syncQueued = false;
    if (source && query() !== sourceQuery) {
      source.close();
      source = null;
    }
    connect();
  });
}

// With no listener at all the stream still tells the bar whether the host is there; it asks for reloads only.
function query() {
  const q = new URLSearchParams({ types: types.filter((t) => listeners.get(t).size > 0).join(',') || 'reload' });
  if (scopedRun) q.set('run', scopedRun);
  return q.toString();
}

/** Asks for the fire, run and job events of one run only (the run page); returns the function that lifts it. */
export function forRun(runId) {
  scopedRun = runId;
  sync();
  return () => {
    if (scopedRun === runId) scopedRun = null;
    sync();
  };
}

/** Calls fn(connected) now and whenever the stream connects or drops. */
export function onState(fn) {
  connect();
  stateListeners.add(fn);
  fn(source?.readyState === EventSource.OPEN);
  return () => stateListeners.delete(fn);
}

function connect() {
  if (source) return;
  sourceQuery = query();
  const stream = new EventSource(`/api/events?${sourceQuery}`);
  source = stream;
  stream.addEventListener('open', () => { if (source === stream) notify(true); });
  stream.addEventListener('error', () => {
    if (source !== stream) return;
    notify(false);
    // The browser retries by itself unless the answer was not an event stream (a 401, the host gone): then try later.
    if (stream.readyState === EventSource.CLOSED) {
      source = null;
      clearTimeout(retryTimer);
      retryTimer = setTimeout(connect, 5000);
    }
  });
  for (const type of types) {
    stream.addEventListener(type, (event) => {
      let data;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      for (const fn of listeners.get(type)) fn(data);
    });
  }
}

function notify(connected) {
  for (const fn of stateListeners) fn(connected);
}
