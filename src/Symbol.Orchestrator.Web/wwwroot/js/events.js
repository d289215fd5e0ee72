// One EventSource on /api/events for the whole page; pages subscribe to fire, run, job and reload events.
const types = ['fire', 'run', 'job', 'reload'];
const listeners = new Map(types.map((t) => [t, new Set()]));
const stateListeners = new Set();
let source = null;
let retryTimer = null;

/** Calls fn(data) for each event of type; returns the function that stops it. */
export function on(type, fn) {
  connect();
  listeners.get(type).add(fn);
  return () => listeners.get(type).delete(fn);
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
  source = new EventSource('/api/events');
  source.addEventListener('open', () => notify(true));
  source.addEventListener('error', () => {
    notify(false);
    // The browser retries by itself unless the answer was not an event stream (a 401, the host gone): then try later.
    if (source.readyState === EventSource.CLOSED) {
      source = null;
      clearTimeout(retryTimer);
      retryTimer = setTimeout(connect, 5000);
    }
  });
  for (const type of types) {
    source.addEventListener(type, (event) => {
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
