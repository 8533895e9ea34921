/**
 * The failed-transactions screen: sign-in, customer, filters, the grid with
 * selection and paging, resend with progress and results, and the
 * connection status banner. Plain modules, no framework, no build step.
 */
import { ApiError, createApi } from './api.js';
import { renderConnectionStatus } from './connectionStatus.js';
import { confirmOutage, confirmResend } from './dialogs.js';
import { byId, element, showText } from './dom.js';
import { apiFilter, readFiltersFromForm, readPreset, setApplicationOptions, writeFiltersToForm, writeFiltersToUrl } from './filters.js';
import { FailedMessagesGrid } from './grid.js';
import { roleLabel } from './labels.js';
import { runResend } from './resendFlow.js';
import { hideProgress, hideResults, showProgress, showResults } from './resultsPanel.js';
import { Selection } from './selection.js';
import { clearToken, readToken, signInAsDemoUser, takeTokenFromFragment } from './session.js';
import { showSignInPanel } from './signInPanel.js';
import { renderToolbar } from './toolbar.js';

const preset = readPreset(new URLSearchParams(window.location.search), new Date());

const state = {
  /** @type {any} */
  me: null,
  /** @type {string | null} */
  customerId: preset.customerId,
  filters: preset.filters,
  pageSize: 100,
  /** Cursor of each page visited; page n starts at cursors[n]. */
  /** @type {Array<string | null>} */
  cursors: [null],
  pageIndex: 0,
  page: { items: [], nextCursor: null, total: 0 },
  selection: new Selection(),
  /** Rows seen on any page, so the results panel can show their time and request. */
  knownRows: new Map(),
  busy: false,
  loadSequence: 0,
  statusSequence: 0,
};

const api = createApi({ getToken: readToken, onUnauthenticated: (error) => signOut(`Your sign-in is no longer valid. ${error.message}`) });

const grid = new FailedMessagesGrid({
  body: byId('grid-rows'),
  pageCheckbox: byId('select-page'),
  onRowToggle: toggleRow,
  onPageToggle: togglePage,
});

/** True for an error already handled by signing out (401). */
function isSignedOut(error) {
  return error instanceof ApiError && error.status === 401;
}

function setPageStatus(text, isError = false) {
  const status = byId('page-status');
  status.textContent = text;
  status.classList.toggle('alert', isError);
  status.classList.toggle('alert-error', isError);
}

// Sign-in and sign-out

async function showSignIn(problem) {
  byId('screen').hidden = true;
  byId('account').hidden = true;
  setPageStatus('');
  await showSignInPanel(problem);
}

function signOut(problem) {
  clearToken();
  state.me = null;
  state.loadSequence += 1;
  state.statusSequence += 1;
  state.selection.clear();
  void showSignIn(problem);
}

async function signInAs(userId) {
  try {
    await signInAsDemoUser(userId);
  } catch (error) {
    showText(byId('sign-in-problem'), true, error instanceof Error ? error.message : String(error));
    return;
  }
  await enterScreen();
}

// Entering the screen and choosing the customer

async function enterScreen() {
  setPageStatus('Loading…');
  let customers;
  try {
    state.me = await api.me();
    customers = (await api.customers()).customers;
  } catch (error) {
    if (!isSignedOut(error)) {
      setPageStatus(`The screen could not load: ${error.message}`, true);
    }
    return;
  }
  const me = state.me;
  byId('account-name').textContent = `${me.name} (${roleLabel(me.role)})`;
  byId('account').hidden = false;
  byId('sign-in').hidden = true;
  byId('screen').hidden = false;

  const select = byId('customer');
  const isSupport = me.role === 'vendorSupport';
  byId('customer').hidden = !isSupport;
  document.querySelector('label[for="customer"]').hidden = !isSupport;
  if (isSupport) {
    select.replaceChildren(
      element('option', { text: 'Choose a customer', attributes: { value: '' } }),
      ...customers.map((customer) => element('option', { text: customer.name, attributes: { value: customer.id } })),
    );
    const known = customers.some((customer) => customer.id === state.customerId);
    if (!known) {
      state.customerId = customers.length === 1 ? customers[0].id : null;
    }
    select.value = state.customerId ?? '';
    byId('customer-name').textContent = '';
  } else {
    if (preset.customerId && preset.customerId !== me.customerId) {
      preset.ignored.push('customerId (another customer)');
    }
    state.customerId = me.customerId;
    const own = customers.find((customer) => customer.id === me.customerId);
    byId('customer-name').textContent = `Customer: ${own ? own.name : me.customerId}`;
  }
  writeFiltersToForm(state.filters);
  if (preset.ignored.length > 0) {
    showText(byId('filter-problem'), true, `The link's ${preset.ignored.join(', ')} could not be used, so the screen shows its defaults instead.`);
    preset.ignored.length = 0;
  }
  await loadCustomer();
}

async function loadCustomer() {
  state.selection.clear();
  resetPaging();
  hideResults();
  const hasCustomer = Boolean(state.customerId);
  for (const id of ['filters', 'grid-scroll']) {
    byId(id).closest('section').hidden = !hasCustomer;
  }
  byId('status-heading').closest('section').hidden = !hasCustomer;
  if (!hasCustomer) {
    setPageStatus('Choose a customer to see their failed transactions.');
    return;
  }
  writeFiltersToUrl(state.customerId, state.filters);
  await Promise.all([loadStatus(), loadPage()]);
}

// Connection status

async function loadStatus() {
  const sequence = ++state.statusSequence;
  const customerId = state.customerId;
  const now = new Date();
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 29);
  try {
    const [connections, logs] = await Promise.all([
      api.connections(customerId),
      api.syncLogs(customerId, { from: from.toISOString(), to: now.toISOString() }),
    ]);
    if (sequence !== state.statusSequence) {
      return;
    }
    renderConnectionStatus(byId('connections'), connections.connections, logs.items, now);
    showText(byId('status-message'), connections.connections.length === 0, 'This customer has no Epicor connections.');
    setApplicationOptions(connections.connections);
    state.filters.applicationId = byId('application').value;
  } catch (error) {
    if (sequence === state.statusSequence && !isSignedOut(error)) {
      byId('connections').replaceChildren();
      showText(byId('status-message'), true, `The connection status could not be loaded: ${error.message}`);
    }
  }
}

// The grid and paging

function resetPaging() {
  state.cursors = [null];
  state.pageIndex = 0;
}

/** Loads the current page; `keepPlace` restores the scroll positions afterwards. */
async function loadPage({ keepPlace = null } = {}) {
  const sequence = ++state.loadSequence;
  setPageStatus('Loading failed transactions…');
  byId('grid').setAttribute('aria-busy', 'true');
  let page;
  try {
    page = await api.failedMessages(state.customerId, {
      ...apiFilter(state.filters),
      pageSize: state.pageSize,
      cursor: state.cursors[state.pageIndex] ?? undefined,
    });
  } catch (error) {
    if (sequence === state.loadSequence && !isSignedOut(error)) {
      byId('grid').removeAttribute('aria-busy');
      setPageStatus('');
      state.page = { items: [], nextCursor: null, total: 0 };
      grid.render([], () => false);
      showText(byId('grid-empty'), true, `The failed transactions could not be loaded: ${error.message}`);
      byId('grid-empty').classList.add('alert-error');
      updateToolbar();
    }
    return;
  }
  if (sequence !== state.loadSequence) {
    return;
  }

  if (page.items.length === 0 && state.pageIndex > 0) {
    // The last page emptied (its rows were resent): show the one before.
    state.pageIndex -= 1;
    state.cursors.length = state.pageIndex + 1;
    await loadPage({ keepPlace });
    return;
  }

  state.page = page;
  state.cursors[state.pageIndex + 1] = page.nextCursor;
  state.cursors.length = state.pageIndex + 2;
  for (const item of page.items) {
    state.knownRows.set(item.id, item);
  }
  grid.render(page.items, (id) => state.selection.has(id));
  byId('grid').removeAttribute('aria-busy');
  byId('grid-empty').classList.remove('alert-error');
  showText(byId('grid-empty'), page.items.length === 0, 'No failed transactions match these filters.');
  setPageStatus('');
  updateToolbar();
  if (keepPlace) {
    byId('grid-scroll').scrollTop = keepPlace.gridTop;
    window.scrollTo({ top: keepPlace.windowY, behavior: 'instant' });
  }
}

function updateToolbar() {
  renderToolbar({ page: state.page, selection: state.selection, pageIndex: state.pageIndex, pageSize: state.pageSize, busy: state.busy });
}

function refreshChecks() {
  grid.updateChecks(state.page.items, (id) => state.selection.has(id));
  updateToolbar();
}

function toggleRow(id, checked) {
  const selection = state.selection;
  if (selection.allMatching) {
    selection.replaceWith(state.page.items);
  }
  const item = state.page.items.find((candidate) => candidate.id === id);
  if (checked && item) {
    selection.add(item);
  } else {
    selection.delete(id);
  }
  refreshChecks();
}

function togglePage(checked) {
  const selection = state.selection;
  if (selection.allMatching) {
    selection.clear();
  } else {
    for (const item of state.page.items) {
      if (checked) {
        selection.add(item);
      } else {
        selection.delete(item.id);
      }
    }
  }
  refreshChecks();
}

function goToPage(index) {
  state.pageIndex = index;
  byId('grid-scroll').scrollTop = 0;
  void loadPage();
}

// Resend

function setBusy(busy) {
  state.busy = busy;
  for (const control of byId('filters').elements) {
    control.disabled = busy;
  }
  byId('customer').disabled = busy;
  byId('page-size').disabled = busy;
  updateToolbar();
}

async function resend() {
  const selection = state.selection;
  const allMatching = selection.allMatching;
  const choice = await confirmResend({ count: selection.size, allMatching });
  if (!choice.confirmed) {
    return;
  }
  const plan = allMatching
    ? { kind: 'filter', filter: apiFilter(state.filters), total: selection.size }
    : { kind: 'ids', rows: selection.rowsOldestFirst() };
  const keepPlace = { gridTop: byId('grid-scroll').scrollTop, windowY: window.scrollY };
  hideResults();
  setBusy(true);
  let run;
  try {
    run = await runResend({
      api,
      customerId: state.customerId,
      plan,
      continueOnFailure: choice.continueOnFailure,
      onProgress: (progress) => showProgress(progress, allMatching),
      confirmOutage,
    });
  } finally {
    hideProgress();
    setBusy(false);
  }
  if (!readToken()) {
    return;
  }

  showResults({ ...run, rowOf: (id) => state.knownRows.get(id) });
  if (allMatching) {
    selection.clear();
  } else {
    // Rows that were not sent stay selected, ready for another try.
    for (const result of run.results) {
      if (result.outcome !== 'skipped') {
        selection.delete(result.id);
      }
    }
  }
  await Promise.all([loadPage({ keepPlace }), loadStatus()]);
  byId('results-heading').focus({ preventScroll: true });
}

// Wiring

function applyFilters(event) {
  event?.preventDefault();
  const read = readFiltersFromForm(state.filters);
  const gridSection = byId('grid-scroll').closest('section');
  if ('problem' in read) {
    showText(byId('filter-problem'), true, read.problem);
    // The rows below belong to the previous filters, so they are hidden rather than left open to a resend.
    state.selection.clear();
    gridSection.hidden = true;
    return;
  }
  showText(byId('filter-problem'), false, '');
  gridSection.hidden = false;
  state.filters = read.filters;
  writeFiltersToForm(state.filters);
  state.selection.clear();
  resetPaging();
  writeFiltersToUrl(state.customerId, state.filters);
  void loadPage();
}

function bindEvents() {
  byId('demo-users').addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button[data-user-id]') : null;
    if (button) {
      void signInAs(button.dataset.userId);
    }
  });
  byId('sign-out').addEventListener('click', () => signOut(null));

  byId('customer').addEventListener('change', () => {
    state.customerId = byId('customer').value || null;
    void loadCustomer();
  });

  byId('filters').addEventListener('submit', applyFilters);
  for (const id of ['application', 'environment', 'include-resent']) {
    byId(id).addEventListener('change', () => applyFilters());
  }
  byId('whole-days').addEventListener('click', () => {
    state.filters = { ...state.filters, exact: null };
    writeFiltersToForm(state.filters);
    resetPaging();
    writeFiltersToUrl(state.customerId, state.filters);
    void loadPage();
  });

  byId('select-all-matching').addEventListener('click', () => {
    state.selection.selectMatching(state.page.total);
    refreshChecks();
    byId('resend').focus();
  });
  byId('clear-selection').addEventListener('click', () => {
    state.selection.clear();
    refreshChecks();
  });

  byId('resend').addEventListener('click', () => void resend());
  byId('results-close').addEventListener('click', () => {
    hideResults();
    byId('grid-heading').scrollIntoView({ block: 'nearest' });
  });

  byId('previous-page').addEventListener('click', () => goToPage(state.pageIndex - 1));
  byId('next-page').addEventListener('click', () => goToPage(state.pageIndex + 1));
  byId('page-size').addEventListener('change', () => {
    state.pageSize = Number(byId('page-size').value);
    resetPaging();
    void loadPage();
  });
}

bindEvents();
// Checks run on a schedule, so the connection status refreshes itself while the screen is in view.
const statusRefreshMs = 60_000;
setInterval(() => {
  if (state.customerId && !byId('screen').hidden && document.visibilityState === 'visible') {
    void loadStatus();
  }
}, statusRefreshMs);
// The License Portal may hand over a new token without reloading the page.
window.addEventListener('hashchange', () => {
  if (takeTokenFromFragment()) {
    void enterScreen();
  }
});
takeTokenFromFragment();
if (readToken()) {
  void enterScreen();
} else {
  void showSignIn(null);
}
