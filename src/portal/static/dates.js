/**
 * Dates as the user sees them (local calendar days of the browser's time
 * zone) and as the API takes them (UTC instants, `to` exclusive).
 */

const dateInputPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses the value of an `<input type="date">` ("2026-03-29"); null when it is empty or not a real date.
 * @param {string} text
 * @returns {{ year: number, month: number, day: number } | null}
 */
export function parseDateValue(text) {
  const match = dateInputPattern.exec(text);
  if (!match) {
    return null;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(year, month - 1, day);
  if (year < 1000 || probe.getFullYear() !== year || probe.getMonth() !== month - 1 || probe.getDate() !== day) {
    return null;
  }
  return { year, month, day };
}

/**
 * Local midnight at the start of a date-input day, `offsetDays` later (1 gives the next midnight).
 * Built from calendar fields, so a day of 23 or 25 hours (daylight saving) is handled by the browser.
 * @param {string} text value of a date input
 * @param {number} [offsetDays]
 * @returns {Date | null}
 */
export function localMidnight(text, offsetDays = 0) {
  const parts = parseDateValue(text);
  return parts ? new Date(parts.year, parts.month - 1, parts.day + offsetDays) : null;
}

/**
 * Returns the date-input value ("YYYY-MM-DD") of the local day that contains an instant.
 * @param {Date} date
 */
export function toDateValue(date) {
  const pad = (value) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Returns the default range: the last `days` local days, today included.
 * @param {Date} now
 * @param {number} [days] default 7
 * @returns {{ from: string, to: string }}
 */
export function defaultDateRange(now, days = 7) {
  const first = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (days - 1));
  return { from: toDateValue(first), to: toDateValue(now) };
}

/**
 * Parses an ISO 8601 instant that names its zone ("2026-12-04T09:15:00Z"); null otherwise.
 * @param {string} text
 * @returns {Date | null}
 */
export function parseInstant(text) {
  if (!instantPattern.test(text)) {
    return null;
  }
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const shortDateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

/** @param {string | Date | null | undefined} value @returns {Date | null} a valid date, or null */
function toValidDate(value) {
  if (!value) {
    return null;
  }
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Formats an ISO instant in the browser's locale and time zone, with seconds.
 * @param {string | Date | null | undefined} value
 */
export function formatDateTime(value) {
  const date = toValidDate(value);
  return date ? dateTimeFormat.format(date) : '';
}

/**
 * Formats an ISO instant in the browser's locale and time zone, to the minute.
 * @param {string | Date | null | undefined} value
 */
export function formatShortDateTime(value) {
  const date = toValidDate(value);
  return date ? shortDateTimeFormat.format(date) : '';
}

/**
 * Formats a day as "4 Dec" in the browser's locale.
 * @param {Date} date
 */
export function formatDay(date) {
  return dayFormat.format(date);
}
