// One EventSource on /api/events for the whole page; pages subscribe to fire, run, job and reload events. The stream asks
// only for the types some page listens to (a busy host fires thousands of times a second, and the runs page needs none of
// those fires), and opens again with the new set when a page that needs others comes.
const types = ['fire', 'run', 'job', 'reload'];
const listeners = new Map(types.map((t) => [t, new Set()]));
const stateListeners = new Set();
let source = null;
let sourceTypes = '';
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
    if (source && wanted() !== sourceTypes) {
      source.close();
      source = null;
    }
    connect();
  });
}

function wanted() {
  return types.filter((t) => listeners.get(t).size > 0).join(',');
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
  sourceTypes = wanted();
  // With no listener at all the stream still tells the bar whether the host is there; it asks for reloads only.
  const stream = new EventSource(`/api/events?types=${sourceTypes || 'reload'}`);
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
