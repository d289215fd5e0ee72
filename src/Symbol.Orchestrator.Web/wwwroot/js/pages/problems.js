// The workflows folder's validation errors and warnings, one a line as path:line:column: message, as validate prints
// them; re-read when the host reloads the folder.
import { get } from '../api.js';
import { errorBox, h, replace } from '../dom.js';
import { keepCurrent } from '../live.js';

export function problemsPage(main) {
  document.title = 'Problems · Symbol Orchestrator';
  const content = h('div', null, h('p', { class: 'loading' }, 'Loading…'));
  replace(main, h('div', { class: 'page-head' }, h('h1', null, 'Problems')), content);

  async function load() {
    try {
      const diagnostics = await get('/api/diagnostics');
      const lines = (file, kind) => file[kind].map((d) => d.text ?? `${d.path ?? file.path}:${d.line}:${d.column}: ${kind === 'warnings' ? 'warning: ' : ''}${d.message}`);
      const errors = diagnostics.files.flatMap((f) => lines(f, 'errors'));
      const warnings = diagnostics.files.flatMap((f) => lines(f, 'warnings'));
      const files = diagnostics.files.length;
      replace(content,
        errors.length === 0
          ? h('div', { class: 'callout ok' }, `No errors: ${files} file${files === 1 ? '' : 's'} in the workflows folder, all valid.`)
          : h('section', { class: 'card' }, h('h2', null, `Errors (${errors.length})`),
            h('p', { class: 'muted' }, 'The host keeps running the last good version of a file with errors; a file that never compiled does not run.'),
            h('pre', { class: 'diagnostics errors' }, errors.join('\n'))),
        warnings.length === 0 ? null
          : h('section', { class: 'card' }, h('h2', null, `Warnings (${warnings.length})`), h('pre', { class: 'diagnostics warnings' }, warnings.join('\n'))));
    } catch (error) {
      replace(content, errorBox(error, load));
    }
  }
  load();
  return keepCurrent(load, { every: 10000, on: ['reload'] });
}
