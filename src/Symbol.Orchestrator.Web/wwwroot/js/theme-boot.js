// The theme the user chose last (localStorage), set before the first paint; without one, CSS follows the system.
(function () {
  try {
    var theme = localStorage.getItem('orchestrator-theme');
    if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
  } catch (e) { /* storage disabled: follow the system */ }
})();
