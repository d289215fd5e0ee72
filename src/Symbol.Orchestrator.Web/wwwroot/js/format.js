// Times and durations as people read them. Instants arrive as ISO 8601 with their offset.

/** 832ms, 3.2s, 4m 05s, 2h 03m, 3d 4h: the largest units that matter. */
export function duration(ms) {
  if (ms == null || Number.isNaN(ms)) return '–';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)}s`;
  const total = Math.floor(seconds);
  const d = Math.floor(total / 86400), hr = Math.floor((total % 86400) / 3600), m = Math.floor((total % 3600) / 60), sec = total % 60;
  if (d > 0) return `${d}d ${hr}h`;
  if (hr > 0) return `${hr}h ${pad(m)}m`;
  return `${m}m ${pad(sec)}s`;
}

/** "in 3 min", "12 s ago", "in 2 h", "5 d ago". */
export function relative(iso, now = Date.now()) {
  if (!iso) return '';
  const diff = Date.parse(iso) - now;
  const abs = Math.abs(diff) / 1000;
  let text;
  if (abs < 1) return 'now';
  if (abs < 60) text = `${Math.round(abs)} s`;
  else if (abs < 3600) text = `${Math.round(abs / 60)} min`;
  else if (abs < 86400 * 2) text = `${Math.round(abs / 3600)} h`;
  else text = `${Math.round(abs / 86400)} d`;
  return diff > 0 ? `in ${text}` : `${text} ago`;
}

const formats = new Map();

function formatter(zone, options) {
  const key = `${zone}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) formats.set(key, format = new Intl.DateTimeFormat('en-GB', { timeZone: zone || undefined, hourCycle: 'h23', ...options }));
  return format;
}

/** The zone's short name at that instant: EST, CET; en-US knows the American names, en-GB the European ones. */
function zoneName(date, zone) {
  const name = (locale) => new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' })
    .formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const us = name('en-US');
  return us.startsWith('GMT') ? name('en-GB') : us;
}

/** The instant as a wall-clock time in zone: "Sat 28 Nov 02:00 EST" (the year when it is not this one). */
export function inZone(iso, zone, withSeconds = false) {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    const otherYear = date.getFullYear() !== new Date().getFullYear();
    const text = formatter(zone, {
      weekday: 'short', day: 'numeric', month: 'short', year: otherYear ? 'numeric' : undefined,
      hour: '2-digit', minute: '2-digit', second: withSeconds ? '2-digit' : undefined,
    }).format(date).replaceAll(',', '');
    return `${text} ${zoneName(date, zone)}`;
  } catch {
    return iso; // a zone this browser does not know: the instant as the API wrote it
  }
}

/** The instant in the browser's own zone, short, for lists of runs: "28 Nov 14:03:12". */
export function local(iso) {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const otherYear = date.getFullYear() !== new Date().getFullYear();
  return formatter(undefined, { day: 'numeric', month: 'short', year: otherYear ? 'numeric' : undefined, hour: '2-digit', minute: '2-digit', second: '2-digit' })
    .format(date).replaceAll(',', '');
}

/** Milliseconds from start to end (or to now while it runs). */
export function elapsed(startIso, endIso, now = Date.now()) {
  if (!startIso) return null;
  return (endIso ? Date.parse(endIso) : now) - Date.parse(startIso);
}

/** A JSON value as indented text (for outputs). */
export function prettyJson(value) {
  return JSON.stringify(value, null, 2);
}

function pad(n) {
  return String(n).padStart(2, '0');
}

/** The folder every path is in ("/srv/flows/" for "/srv/flows/a.flow" and "/srv/flows/b/c.flow"), so lists can show the rest. */
export function commonFolder(paths) {
  if (paths.length === 0) return '';
  let prefix = paths[0].slice(0, paths[0].lastIndexOf('/') + 1);
  for (const path of paths)
    while (prefix && !path.startsWith(prefix)) prefix = prefix.slice(0, prefix.lastIndexOf('/', prefix.length - 2) + 1);
  return prefix;
}
