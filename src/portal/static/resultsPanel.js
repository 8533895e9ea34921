/** The progress bar while rows are sent, then the results panel: each row's outcome, with the reason for every row that was not sent. */
import { byId, countOf, element } from './dom.js';
import { formatDateTime } from './dates.js';
import { outcomeLabel } from './labels.js';
import { summarize } from './resendFlow.js';

/** @param {any} result */
function details(result) {
  const parts = [];
  if (result.statusCode !== undefined && result.statusCode !== null) {
    parts.push(`HTTP ${result.statusCode}`);
  }
  if (result.error) {
    parts.push(result.error);
  }
  if (result.reason) {
    parts.push(result.reason);
  }
  return parts.join(': ');
}

/**
 * Fills and shows the results panel.
 * @param {{ results: any[], problem: string | null, rowOf: (id: string) => any }} run
 * @returns {string} the one-line summary
 */
export function showResults({ results, problem, rowOf }) {
  const counts = summarize(results);
  const parts = [`${countOf(counts.sent, 'row')} sent`, `${counts.failed.toLocaleString()} failed`, `${counts.skipped.toLocaleString()} skipped`];
  if (counts.notEligible > 0) {
    parts.push(`${counts.notEligible.toLocaleString()} not eligible`);
  }
  if (counts.unconfirmed > 0) {
    parts.push(`${counts.unconfirmed.toLocaleString()} not confirmed`);
  }
  const summary = `Resend finished: ${parts.join(', ')}.${problem ? ` ${problem}` : ''}`;
  byId('results-summary').textContent = summary;

  const rows = results.map((result) => {
    const item = rowOf(result.id);
    return element('tr', { className: `outcome-${result.outcome}`, attributes: { 'data-id': result.id } }, [
      element('td', { text: result.id }),
      element('td', { text: item ? formatDateTime(item.timestamp) : '' }),
      element('td', { className: 'col-request', text: item ? `${item.method} ${item.endpoint}` : '' }),
      element('td', {}, [element('span', { className: `badge badge-${result.outcome}`, text: outcomeLabel(result.outcome) })]),
      element('td', { className: 'col-error', text: details(result) }),
    ]);
  });
  byId('results-rows').replaceChildren(...rows);
  byId('results').hidden = false;
  return summary;
}

export function hideResults() {
  byId('results').hidden = true;
}

/**
 * Shows how far a resend has got: "Sent n of N; sending rows a to b" while a request is out, "Sent n of N" between requests.
 * A resend of all matching rows is one request, so its bar has no value until it returns.
 * @param {{ done: number, total: number, sendingUpTo: number }} progress
 * @param {boolean} allMatching
 */
export function showProgress({ done, total, sendingUpTo }, allMatching) {
  const bar = byId('progress-bar');
  const text = byId('progress-text');
  byId('progress').hidden = false;
  if (allMatching && done === 0) {
    text.textContent = `Sending ${countOf(total, 'matching row')} in their original order…`;
    bar.removeAttribute('value');
    return;
  }

  const of = `of ${total.toLocaleString()}`;
  text.textContent =
    sendingUpTo > done
      ? `Sent ${done.toLocaleString()} ${of}; sending rows ${(done + 1).toLocaleString()} to ${sendingUpTo.toLocaleString()}…`
      : `Sent ${done.toLocaleString()} ${of}`;
  bar.max = Math.max(total, 1);
  bar.value = done;
}

export function hideProgress() {
  byId('progress').hidden = true;
}
