/** The grid's toolbar and pager: counts, selection summary, "select all matching", the resend button and page buttons. */
import { byId, countOf } from './dom.js';

/** @param {{ size: number, allMatching: boolean }} selection */
function resendLabel(selection) {
  if (selection.size === 0) {
    return 'Resend selected';
  }
  return selection.allMatching ? `Resend all ${countOf(selection.size, 'row')}` : `Resend ${countOf(selection.size, 'row')}`;
}

/**
 * @param {{ items: any[] }} page
 * @param {{ size: number, allMatching: boolean, has: (id: string) => boolean }} selection
 */
function selectionText(page, selection) {
  if (selection.allMatching) {
    return `All ${countOf(selection.size, 'matching row')} are selected.`;
  }
  if (selection.size === 0) {
    return '';
  }
  const elsewhere = selection.size - page.items.filter((item) => selection.has(item.id)).length;
  return `${countOf(selection.size, 'row')} selected${elsewhere > 0 ? ` (${elsewhere.toLocaleString()} on other pages)` : ''}.`;
}

/**
 * Brings the toolbar and pager in line with the current page and selection.
 * @param {{ page: { items: any[], total: number, nextCursor: string | null },
 *   selection: { size: number, allMatching: boolean, has: (id: string) => boolean },
 *   pageIndex: number, pageSize: number, busy: boolean }} view
 */
export function renderToolbar({ page, selection, pageIndex, pageSize, busy }) {
  const { items, total, nextCursor } = page;
  const first = pageIndex * pageSize + 1;
  byId('grid-summary').textContent =
    total === 0 ? '' : `${countOf(total, 'failed transaction')} ${total === 1 ? 'matches' : 'match'} the filters; showing ${first.toLocaleString()} to ${(first + items.length - 1).toLocaleString()}, newest first.`;
  byId('selection-summary').textContent = selectionText(page, selection);

  const offerAll = byId('select-all-matching');
  offerAll.hidden = selection.allMatching || total <= items.length || items.length === 0;
  offerAll.textContent = `Select all ${total.toLocaleString()} matching rows`;
  byId('clear-selection').hidden = selection.size === 0;

  const resend = byId('resend');
  resend.disabled = busy || selection.size === 0;
  resend.textContent = resendLabel(selection);

  byId('previous-page').disabled = busy || pageIndex === 0;
  byId('next-page').disabled = busy || !nextCursor;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  byId('page-number').textContent = `Page ${(pageIndex + 1).toLocaleString()} of ${pages.toLocaleString()}`;
}
