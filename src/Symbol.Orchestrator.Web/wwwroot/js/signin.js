// The sign-in form a 401 shows: the token goes to /api/login once, which sets an HTTP-only cookie; the page then
// carries on with the request that was refused.
import { h } from './dom.js';

let pending = null;

/** Resolves once the host accepted a token; several refused requests share one form. */
export function signIn() {
  pending ??= new Promise((resolve) => {
    const input = h('input', { type: 'password', id: 'token', name: 'token', required: true, autocomplete: 'current-password', spellcheck: 'false' });
    const message = h('p', { class: 'form-error', role: 'alert' });
    const form = h('form', { method: 'dialog', class: 'signin' },
      h('h2', { id: 'signin-title' }, 'Sign in'),
      h('p', { class: 'muted' }, 'This host needs its token (Http:Token in its settings).'),
      h('label', { for: 'token' }, 'Token'), input, message,
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Sign in')));
    const dialog = h('dialog', { class: 'modal', 'aria-labelledby': 'signin-title' }, form);
    dialog.addEventListener('cancel', (e) => e.preventDefault()); // nothing works without it
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      message.textContent = '';
      const response = await fetch('/api/login', {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ token: input.value }),
      }).catch(() => null);
      if (response?.ok) {
        dialog.close();
        dialog.remove();
        pending = null;
        resolve();
        return;
      }
      const data = await response?.json().catch(() => null);
      message.textContent = data?.error ?? (response ? 'That token is not this host\'s.' : 'The host does not answer.');
      input.select();
    });
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
  return pending;
}
