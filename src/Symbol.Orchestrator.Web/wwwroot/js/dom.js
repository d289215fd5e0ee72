// Builds elements with createElement and textContent only: nothing that comes from the API is ever parsed as markup,
// so a job named "<img onerror=…>" or an output holding "<script>" shows as the text it is.

const SVG = 'http://www.w3.org/2000/svg';

/** h('a', { href, class, onclick }, child, …): strings become text nodes; null, false and undefined are left out. */
export function h(tag, props, ...children) {
  return fill(document.createElement(tag), props, children);
}

/** The same for SVG elements. */
export function s(tag, props, ...children) {
  return fill(document.createElementNS(SVG, tag), props, children);
}

function fill(el, props, children) {
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (key === 'class') el.setAttribute('class', value);
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Replaces every child of el with children. */
export function replace(el, ...children) {
  el.replaceChildren();
  return fill(el, null, children);
}

/** A status badge: a coloured dot and the word, coloured by the status class. */
export function badge(status) {
  const known = status ?? 'none';
  return h('span', { class: `badge s-${known}` }, status ?? 'never run');
}

/** A message that a page could not load, with the API's one-line error. */
export function errorBox(error, retry) {
  return h('div', { class: 'callout error', role: 'alert' },
    h('strong', null, 'Could not load: '), error?.message ?? String(error),
    retry ? h('button', { type: 'button', class: 'link-button', onclick: retry }, 'Try again') : null);
}

/** Shows a short message in the corner for a few seconds; link is an optional { href, text }. */
export function toast(message, kind = 'info', link = null) {
  const box = document.getElementById('toasts');
  const item = h('div', { class: `toast ${kind}` }, message,
    link ? h('a', { href: link.href, 'data-link': true }, link.text) : null);
  box.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 5000);
}

/** Page links: same-origin anchors marked data-link are routed in the page (see router.js). */
export function link(href, text, props = {}) {
  return h('a', { href, 'data-link': true, ...props }, text);
}
