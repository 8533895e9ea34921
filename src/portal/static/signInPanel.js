/**
 * The sign-in panel. In Azure the License Portal signs users in, so the
 * panel only says where to go; the embedded default lists its demo users.
 */
import { byId, element, showText } from './dom.js';
import { roleLabel } from './labels.js';
import { fetchDemoUsers } from './session.js';

/**
 * Shows the sign-in panel with an optional problem (such as an expired token) and the demo users, where the host has them.
 * Each demo user is a button with `data-user-id`; app.js handles their clicks.
 * @param {string | null} problem
 */
export async function showSignInPanel(problem) {
  byId('sign-in').hidden = false;
  showText(byId('sign-in-problem'), Boolean(problem), problem ?? '');
  const users = await fetchDemoUsers();
  const list = byId('demo-users');
  if (!users || users.length === 0) {
    list.hidden = true;
    byId('sign-in-help').textContent = 'Open this screen from the License Portal to sign in.';
    return;
  }

  byId('sign-in-help').textContent = 'This is the embedded default: choose a demo user to sign in as.';
  list.replaceChildren(
    ...users.map((user) =>
      element('li', {}, [
        element('button', { className: 'demo-user', attributes: { type: 'button', 'data-user-id': user.userId } }, [
          element('span', { className: 'demo-user-name', text: user.name }),
          element('span', { className: 'demo-user-detail', text: `${user.email} · ${user.customerName} · ${roleLabel(user.role)}` }),
        ]),
      ]),
    ),
  );
  list.hidden = false;
}
