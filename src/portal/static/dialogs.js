/**
 * The confirmation and outage dialogs. Both are modal `<dialog>` elements:
 * focus moves into them, Escape cancels, and focus returns to where it was.
 */
import { byId, countOf, element } from './dom.js';
import { formatShortDateTime } from './dates.js';
import { failureClassLabel } from './labels.js';

/**
 * Opens a modal dialog and resolves with the value of the button that closed it ('' on Escape).
 * @param {HTMLDialogElement} dialog
 * @param {HTMLElement} initialFocus
 * @returns {Promise<string>}
 */
function openDialog(dialog, initialFocus) {
  const previous = document.activeElement;
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener(
      'close',
      () => {
        if (previous instanceof HTMLElement && previous.isConnected && !previous.hasAttribute('disabled')) {
          previous.focus();
        }
        resolve(dialog.returnValue);
      },
      { once: true },
    );
    dialog.showModal();
    initialFocus.focus();
  });
}

/**
 * Asks before a resend: how many rows, and that they go oldest first.
 * @param {{ count: number, allMatching: boolean }} request
 * @returns {Promise<{ confirmed: boolean, continueOnFailure: boolean }>}
 */
export async function confirmResend({ count, allMatching }) {
  const dialog = byId('confirm-dialog');
  const rows = countOf(count, 'transaction');
  byId('confirm-heading').textContent = `Resend ${rows}?`;
  byId('confirm-text').textContent =
    `${allMatching ? `All ${rows} matching the filters` : `The ${rows} you selected`} will be sent to Epicor again, ` +
    'one at a time in their original order, oldest first. By default the resend stops at the first row that fails.';
  byId('confirm-send').textContent = `Resend ${rows}`;
  const continueBox = byId('continue-on-failure');
  continueBox.checked = false;
  const value = await openDialog(dialog, byId('confirm-cancel'));
  return { confirmed: value === 'confirm', continueOnFailure: continueBox.checked };
}

/**
 * Shows the open outages that made the server reject a resend (409); resolves true when the user chooses to resend anyway.
 * @param {any[]} outages
 * @returns {Promise<boolean>}
 */
export async function confirmOutage(outages) {
  const items = outages.map((outage) => {
    const since = formatShortDateTime(outage.since);
    const reason = failureClassLabel(outage.failureClass);
    return element('li', {}, [
      element('strong', { text: `${outage.applicationName} · ${outage.environment}` }),
      element('span', { text: `: down since ${since || 'an unknown time'}. ${reason}.` }),
      outage.lastError ? element('span', { className: 'outage-error', text: ` Last error: ${outage.lastError}` }) : null,
    ]);
  });
  byId('outage-list').replaceChildren(...items);
  const value = await openDialog(byId('outage-dialog'), byId('outage-cancel'));
  return value === 'confirm';
}
