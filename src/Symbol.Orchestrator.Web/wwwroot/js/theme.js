// Light or dark: the system's choice until the user picks one with the toggle, which is remembered.
const key = 'orchestrator-theme';
const dark = window.matchMedia('(prefers-color-scheme: dark)');

export function current() {
  return document.documentElement.dataset.theme ?? (dark.matches ? 'dark' : 'light');
}

export function setupToggle(button) {
  const label = () => {
    const next = current() === 'dark' ? 'light' : 'dark';
    button.title = `Switch to the ${next} theme`;
    button.setAttribute('aria-label', `Switch to the ${next} theme`);
  };
  button.addEventListener('click', () => {
    const next = current() === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    try {
      localStorage.setItem(key, next);
    } catch { /* storage disabled: the choice lasts this page */ }
    label();
  });
  dark.addEventListener('change', label);
  label();
}
