// Keeping a page current: re-read it on the events that concern it (gathered, and not more often than every 2 s) and
// every few seconds besides, since the event stream carries only this host's changes; and tick the relative times ("in 3 min") once a second.
import * as events from './events.js';
import { duration, elapsed, relative } from './format.js';

/**
 * Calls load() after matching events (at most once every `least` ms: a busy host changes something every second) and
 * every `every` ms, while the tab is visible; returns the stop function.
 */
export function keepCurrent(load, { every = 5000, least = 2000, on = [], when = () => true } = {}) {
  let soon = null;
  let last = 0;
  const run = () => {
    clearTimeout(soon);
    soon = null;
    if (document.hidden) return;
    last = Date.now();
    load();
  };
  const reload = () => {
    if (soon === null) soon = setTimeout(run, Math.max(200, last + least - Date.now()));
  };
  const offs = on.map((type) => events.on(type, (data) => { if (when(data, type)) reload(); }));
  const timer = setInterval(run, every);
  return () => {
    offs.forEach((off) => off());
    clearInterval(timer);
    clearTimeout(soon);
  };
}

/** An element whose text is the relative time of iso, kept current by the clock. */
export function relTime(el, iso) {
  if (iso) el.dataset.rel = iso;
  else delete el.dataset.rel;
  el.textContent = relative(iso);
  return el;
}

/** An element showing how long something has run; ticking while end is null. */
export function runningFor(el, startIso, endIso) {
  if (startIso && !endIso) el.dataset.since = startIso;
  else delete el.dataset.since;
  el.textContent = startIso ? duration(elapsed(startIso, endIso)) : '–';
  return el;
}

export function startClock() {
  setInterval(() => {
    const now = Date.now();
    for (const el of document.querySelectorAll('[data-rel]')) el.textContent = relative(el.dataset.rel, now);
    for (const el of document.querySelectorAll('[data-since]')) el.textContent = duration(elapsed(el.dataset.since, null, now));
  }, 1000);
}
