/**
 * The grid of failed transactions: one page of rows at a time, rendered in
 * one pass, with a single delegated listener for all row checkboxes so that
 * pages of hundreds of rows stay quick.
 */
import { element } from './dom.js';
import { formatDateTime } from './dates.js';

/** @param {any} item */
function resendNote(item) {
  const last = item.lastResend;
  if (!last) {
    return null;
  }
  const when = formatDateTime(last.attemptedAt);
  const outcome = last.outcome === 'failed' ? 'failed again' : 'was sent';
  const reason = last.errorSummary ? `: ${last.errorSummary}` : '';
  return element('p', { className: 'resend-note', text: `Resent ${when} by ${last.requestedBy}, ${outcome}${reason}` });
}

/** @param {any} item @param {boolean} checked */
function row(item, checked) {
  const time = formatDateTime(item.timestamp);
  const checkbox = element('input', {
    attributes: { type: 'checkbox', 'data-id': item.id, 'aria-label': `Select row ${item.id} from ${time}` },
  });
  checkbox.checked = checked;
  return element('tr', { attributes: { 'data-id': item.id } }, [
    element('td', { className: 'col-select' }, [checkbox]),
    element('td', { className: 'col-time' }, [element('time', { text: time, attributes: { datetime: item.timestamp } })]),
    element('td', { text: item.applicationName }),
    element('td', { text: item.environment }),
    element('td', { className: 'col-request' }, [
      element('span', { className: 'method', text: item.method }),
      ' ',
      element('span', { className: 'endpoint', text: item.endpoint }),
    ]),
    element('td', { className: 'col-error' }, [
      element('span', { className: 'error-text', text: item.errorSummary, attributes: { title: item.errorSummary } }),
      resendNote(item),
    ]),
    element('td', { className: 'col-number', text: String(item.retries) }),
  ]);
}

/** Renders rows and reports checkbox changes. */
export class FailedMessagesGrid {
  /**
   * @param {{ body: HTMLTableSectionElement, pageCheckbox: HTMLInputElement,
   *   onRowToggle: (id: string, checked: boolean) => void, onPageToggle: (checked: boolean) => void }} options
   */
  constructor({ body, pageCheckbox, onRowToggle, onPageToggle }) {
    this.body = body;
    this.pageCheckbox = pageCheckbox;
    body.addEventListener('change', (event) => {
      const target = event.target;
      if (target instanceof HTMLInputElement && target.dataset.id) {
        onRowToggle(target.dataset.id, target.checked);
      }
    });
    pageCheckbox.addEventListener('change', () => onPageToggle(pageCheckbox.checked));
  }

  /**
   * Replaces the rows with one page.
   * @param {any[]} items
   * @param {(id: string) => boolean} isSelected
   */
  render(items, isSelected) {
    const fragment = document.createDocumentFragment();
    for (const item of items) {
      fragment.append(row(item, isSelected(item.id)));
    }
    this.body.replaceChildren(fragment);
    this.updateChecks(items, isSelected);
  }

  /**
   * Brings every checkbox in line with the selection without rebuilding rows.
   * @param {any[]} items
   * @param {(id: string) => boolean} isSelected
   */
  updateChecks(items, isSelected) {
    for (const checkbox of this.body.querySelectorAll('input[data-id]')) {
      checkbox.checked = isSelected(checkbox.dataset.id);
    }
    const selected = items.filter((item) => isSelected(item.id)).length;
    this.pageCheckbox.checked = items.length > 0 && selected === items.length;
    this.pageCheckbox.indeterminate = selected > 0 && selected < items.length;
    this.pageCheckbox.disabled = items.length === 0;
  }
}
