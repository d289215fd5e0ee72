// The trigger form: key=value rows for params (a value is read as JSON if it parses, else as text, as the CLI's
// --param does), and a retry with "force" when the workflow is at its concurrency.
import { api, post } from './api.js';
import { h, toast } from './dom.js';

export function openTrigger(workflow, onTriggered) {
  const rows = h('div', { class: 'param-rows' });
  const message = h('p', { class: 'form-error', role: 'alert' });
  const force = h('input', { type: 'checkbox', id: 'trigger-force' });
  const forceRow = h('label', { class: 'check', for: 'trigger-force' }, force, ' Run even at the workflow\'s concurrency limit');
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Trigger');
  const addRow = (key = '', value = '') => {
    const k = h('input', { type: 'text', placeholder: 'key', 'aria-label': 'Param name', value: key, spellcheck: 'false' });
    const v = h('input', { type: 'text', placeholder: 'value (text or JSON)', 'aria-label': 'Param value', value, spellcheck: 'false' });
    const row = h('div', { class: 'param-row' }, k, h('span', { class: 'muted' }, '='), v,
      h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Remove this param', onclick: () => row.remove() }, '×'));
    rows.append(row);
    return k;
  };
  const form = h('form', { method: 'dialog', class: 'trigger-form' },
    h('h2', { id: 'trigger-title' }, 'Trigger ', h('span', { class: 'mono' }, workflow)),
    h('p', { class: 'muted' }, 'Params override the workflow\'s own for this run.'),
    rows,
    h('button', { type: 'button', class: 'link-button', onclick: () => addRow().focus() }, '+ Add a param'),
    forceRow, message,
    h('div', { class: 'form-actions' },
      h('button', { type: 'button', class: 'button', onclick: () => dialog.close() }, 'Cancel'), submit));
  const dialog = h('dialog', { class: 'modal', 'aria-labelledby': 'trigger-title' }, form);
  dialog.addEventListener('close', () => dialog.remove());

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const params = {};
    for (const row of rows.querySelectorAll('.param-row')) {
      const [k, v] = row.querySelectorAll('input');
      const key = k.value.trim();
      if (!key && !v.value) continue;
      if (!key) { message.textContent = 'A param needs a name.'; k.focus(); return; }
      params[key] = parseValue(v.value);
    }
    submit.disabled = true;
    message.textContent = '';
    try {
      const answer = await post(api('workflows', workflow, 'trigger'), { params, force: force.checked });
      dialog.close();
      toast(`Triggered ${workflow}. `, 'success', { href: `/runs/${encodeURIComponent(answer.runId)}`, text: 'Open the run' });
      onTriggered?.();
    } catch (error) {
      message.textContent = error.message;
      if (error.status === 409) force.focus();
    } finally {
      submit.disabled = false;
    }
  });

  document.body.append(dialog);
  dialog.showModal();
  addRow().focus();
}

function parseValue(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
