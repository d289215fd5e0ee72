// A yes/no question in a modal dialog (not window.confirm, which blocks the page and cannot be styled).
import { h } from './dom.js';

/** Resolves true when the user chose `yes`. */
export function confirmAction(title, text, yes) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'modal', 'aria-labelledby': 'confirm-title' },
      h('form', { method: 'dialog' },
        h('h2', { id: 'confirm-title' }, title), h('p', null, text),
        h('div', { class: 'form-actions' },
          h('button', { type: 'submit', class: 'button', value: 'no', autofocus: true }, 'Keep it'),
          h('button', { type: 'submit', class: 'button danger-solid', value: 'yes' }, yes))));
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'yes');
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
