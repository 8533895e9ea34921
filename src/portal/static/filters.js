/**
 * The filters: read from the URL (emails link here with `customerId`,
 * `applicationId`, `environment`, `from`, `to`), from the form, and turned
 * into the API's query (local days to UTC instants, `to` exclusive).
 */
import { byId, element } from './dom.js';
import { defaultDateRange, formatShortDateTime, localMidnight, parseDateValue, parseInstant, toDateValue } from './dates.js';

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const environments = ['Live', 'Test'];
/** Maximum range the API accepts, in days. */
const maxRangeDays = 366;

/**
 * @typedef {{ fromDate: string, toDate: string, exact: { from: Date, to: Date } | null,
 *   applicationId: string, environment: string, includeResent: boolean }} Filters
 *   `exact` is a time window from a link, used as is until the user picks other days.
 */

/**
 * Reads the customer and filters that a link preselects; anything invalid falls back to the defaults.
 * @param {URLSearchParams} params
 * @param {Date} now
 * @returns {{ ignored: string[], customerId: string | null, filters: Filters }}
 */
export function readPreset(params, now) {
  const text = (name) => params.get(name) ?? '';
  const range = defaultDateRange(now);
  const fromInstant = parseInstant(text('from'));
  const toInstant = parseInstant(text('to'));
  const exact = fromInstant && toInstant && fromInstant < toInstant ? { from: fromInstant, to: toInstant } : null;

  const dayOf = (name, instant, fallback) => {
    if (parseDateValue(text(name))) {
      return text(name);
    }
    return instant ? toDateValue(instant) : fallback;
  };
  // Link parameters that are present but unreadable; the screen names them and uses its defaults.
  const ignored = [];
  const check = (name, valid) => {
    if (text(name) !== '' && !valid) {
      ignored.push(name);
    }
  };
  check('customerId', guidPattern.test(text('customerId')));
  check('applicationId', guidPattern.test(text('applicationId')));
  check('environment', environments.includes(text('environment')));
  check('from', Boolean(fromInstant) || Boolean(parseDateValue(text('from'))));
  check('to', Boolean(toInstant) || Boolean(parseDateValue(text('to'))));
  return {
    ignored,
    customerId: guidPattern.test(text('customerId')) ? text('customerId').toLowerCase() : null,
    filters: {
      fromDate: exact ? toDateValue(exact.from) : dayOf('from', fromInstant, range.from),
      // `to` is exclusive: the last day shown is the one before it ends.
      toDate: exact ? toDateValue(new Date(exact.to.getTime() - 1)) : dayOf('to', toInstant ? new Date(toInstant.getTime() - 1) : null, range.to),
      exact,
      applicationId: guidPattern.test(text('applicationId')) ? text('applicationId').toLowerCase() : '',
      environment: environments.includes(text('environment')) ? text('environment') : '',
      includeResent: text('includeResent') === 'true',
    },
  };
}

/**
 * Returns the instants the API gets: local midnight of the first day, and local midnight after the last day.
 * @param {Filters} filters
 * @returns {{ from: string, to: string }}
 */
export function apiRange(filters) {
  if (filters.exact) {
    return { from: filters.exact.from.toISOString(), to: filters.exact.to.toISOString() };
  }
  return { from: localMidnight(filters.fromDate).toISOString(), to: localMidnight(filters.toDate, 1).toISOString() };
}

/**
 * Returns the filter part of a failed-messages query or of a "resend all matching" body.
 * @param {Filters} filters
 */
export function apiFilter(filters) {
  const filter = { ...apiRange(filters) };
  if (filters.applicationId) {
    filter.applicationId = filters.applicationId;
  }
  if (filters.environment) {
    filter.environment = filters.environment;
  }
  if (filters.includeResent) {
    filter.includeResent = true;
  }
  return filter;
}

/**
 * Shows filters in the form.
 * @param {Filters} filters
 */
export function writeFiltersToForm(filters) {
  byId('from-date').value = filters.fromDate;
  byId('to-date').value = filters.toDate;
  ensureApplicationOption(filters.applicationId);
  byId('application').value = filters.applicationId;
  byId('environment').value = filters.environment;
  byId('include-resent').checked = filters.includeResent;
  const note = byId('range-note');
  note.hidden = !filters.exact;
  if (filters.exact) {
    byId('range-note-text').textContent =
      `Showing the time window from the link: ${formatShortDateTime(filters.exact.from)} to ${formatShortDateTime(filters.exact.to)}.`;
  }
}

/**
 * Reads the form; returns the filters or a problem to show.
 * @param {Filters} previous keeps a link's exact window while its days are unchanged
 * @returns {{ filters: Filters } | { problem: string }}
 */
export function readFiltersFromForm(previous) {
  const fromDate = byId('from-date').value;
  const toDate = byId('to-date').value;
  if (!parseDateValue(fromDate)) {
    return { problem: 'Enter a valid From date.' };
  }
  if (!parseDateValue(toDate)) {
    return { problem: 'Enter a valid To date.' };
  }
  const from = localMidnight(fromDate);
  const to = localMidnight(toDate, 1);
  if (from >= to) {
    return { problem: 'The From date must be on or before the To date.' };
  }
  // Rounded, because a range across a daylight-saving change is an hour longer or shorter.
  if (Math.round((to.getTime() - from.getTime()) / (24 * 3600 * 1000)) > maxRangeDays) {
    return { problem: `Choose a range of at most ${maxRangeDays} days.` };
  }
  const sameDays = previous.exact && previous.fromDate === fromDate && previous.toDate === toDate;
  return {
    filters: {
      fromDate,
      toDate,
      exact: sameDays ? previous.exact : null,
      applicationId: byId('application').value,
      environment: byId('environment').value,
      includeResent: byId('include-resent').checked,
    },
  };
}

/**
 * Keeps the address bar in step with the filters, so a reload or a shared link shows the same rows.
 * @param {string | null} customerId
 * @param {Filters} filters
 */
export function writeFiltersToUrl(customerId, filters) {
  const params = new URLSearchParams();
  if (customerId) {
    params.set('customerId', customerId);
  }
  if (filters.applicationId) {
    params.set('applicationId', filters.applicationId);
  }
  if (filters.environment) {
    params.set('environment', filters.environment);
  }
  const range = filters.exact ? apiRange(filters) : { from: filters.fromDate, to: filters.toDate };
  params.set('from', range.from);
  params.set('to', range.to);
  if (filters.includeResent) {
    params.set('includeResent', 'true');
  }
  window.history.replaceState(window.history.state, '', `${window.location.pathname}?${params.toString()}`);
}

/**
 * Lists the customer's applications in the application filter, keeping the current choice.
 * @param {Array<{ applicationId: string, applicationName: string }>} connections
 */
export function setApplicationOptions(connections) {
  const select = byId('application');
  const current = select.value;
  const names = new Map();
  for (const connection of connections) {
    names.set(connection.applicationId, connection.applicationName);
  }
  const options = [...names].sort((a, b) => a[1].localeCompare(b[1])).map(([id, name]) => element('option', { text: name, attributes: { value: id } }));
  select.replaceChildren(element('option', { text: 'All applications', attributes: { value: '' } }), ...options);
  ensureApplicationOption(current);
  select.value = current;
}

/** Adds an option for an application id from a link that the customer's connections do not list. */
function ensureApplicationOption(applicationId) {
  const select = byId('application');
  if (applicationId && ![...select.options].some((option) => option.value === applicationId)) {
    select.append(element('option', { text: `Application ${applicationId}`, attributes: { value: applicationId } }));
  }
}
