// OneWindow (一窗通办): clerks' task lists are ordered by due date, earliest first, unless the
// clerk picks another order. Tasklist takes its order from the page address and, when the address
// has none, falls back to "created, newest first"; this script (loaded through customScripts
// before Tasklist starts) supplies the due-date order wherever the address has none.
const SORTING = 'sorting=' + encodeURIComponent(JSON.stringify([{sortBy: 'dueDate', sortOrder: 'asc'}]));

function ensureDueDateOrder() {
  const hash = window.location.hash || '';
  const onTaskList = hash === '' || hash === '#' || hash === '#/' || hash.startsWith('#/?');
  if (!onTaskList || hash.includes('sorting=')) {
    return;
  }
  const next = hash.startsWith('#/?') ? hash + '&' + SORTING : '#/?' + SORTING;
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search + next);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

ensureDueDateOrder();
window.addEventListener('hashchange', ensureDueDateOrder);

export default [];
