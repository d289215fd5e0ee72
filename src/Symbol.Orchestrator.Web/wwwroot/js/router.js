// Moving between pages without a reload: the address changes, the history keeps it, app.js renders the page.

/** Goes to url in the page, adding a history entry. */
export function navigate(url) {
  history.pushState(null, '', url);
  window.dispatchEvent(new CustomEvent('navigate'));
}
