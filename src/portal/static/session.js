/**
 * The user's bearer token. The License Portal passes it in the URL fragment
 * (`#access_token=...`); the screen moves it to sessionStorage at once and
 * removes it from the address bar, so it is not kept in history or bookmarks.
 */

const storageKey = 'syncGuard.accessToken';

/** Moves a token from the URL fragment into sessionStorage; returns whether there was one. */
export function takeTokenFromFragment() {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const token = fragment.get('access_token');
  if (!token) {
    return false;
  }
  storeToken(token);
  fragment.delete('access_token');
  fragment.delete('token_type');
  fragment.delete('expires_in');
  const rest = fragment.toString();
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${rest ? `#${rest}` : ''}`);
  return true;
}

/** @returns {string | null} */
export function readToken() {
  try {
    return window.sessionStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

/** @param {string} token */
export function storeToken(token) {
  window.sessionStorage.setItem(storageKey, token);
}

export function clearToken() {
  window.sessionStorage.removeItem(storageKey);
}

/**
 * Lists the embedded default's demo users, or null where the route does not
 * exist (in Azure the License Portal signs users in instead).
 * @returns {Promise<Array<{ userId: string, email: string, name: string, role: string, customerName: string }> | null>}
 */
export async function fetchDemoUsers() {
  try {
    const response = await fetch('/local/demo-users', { headers: { accept: 'application/json' }, cache: 'no-store', credentials: 'omit' });
    if (response.status !== 200) {
      return null;
    }
    const body = await response.json();
    return Array.isArray(body.users) ? body.users : null;
  } catch {
    return null;
  }
}

/**
 * Asks the embedded default for a demo user's token and stores it.
 * @param {string} userId
 */
export async function signInAsDemoUser(userId) {
  const response = await fetch('/local/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ userId }),
    cache: 'no-store',
    credentials: 'omit',
  });
  const body = await response.json().catch(() => null);
  if (!response.ok || !body || typeof body.token !== 'string') {
    const message = body && body.error && typeof body.error.message === 'string' ? body.error.message : `the local host responded with status ${response.status}`;
    throw new Error(`Signing in as the demo user failed: ${message}.`);
  }
  storeToken(body.token);
}
