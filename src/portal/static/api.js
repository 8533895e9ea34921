/**
 * The failed-transactions API as the screen uses it: JSON over fetch with
 * the user's bearer token, and one error type that carries the API's
 * `{ error: { code, message, ... } }` body.
 */

/** An API call that failed; `status` 0 means the service could not be reached. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   * @param {Record<string, unknown>} [details]
   */
  constructor(status, code, message, details = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/**
 * Creates the API client.
 * @param {{ getToken: () => string | null, onUnauthenticated: (error: ApiError) => void }} options
 *   `onUnauthenticated` runs on every 401, before the call rejects.
 */
export function createApi({ getToken, onUnauthenticated }) {
  /**
   * @param {string} method
   * @param {string} path absolute path such as /api/me
   * @param {{ query?: Record<string, string | number | boolean | null | undefined>, body?: unknown }} [options]
   */
  async function request(method, path, options = {}) {
    const url = new URL(path, window.location.origin);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== null && value !== '') {
        url.searchParams.set(name, String(value));
      }
    }
    const headers = { accept: 'application/json' };
    const token = getToken();
    if (token) {
      headers.authorization = `Bearer ${token}`;
    }
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
    }

    let response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch {
      throw new ApiError(0, 'network', 'The service could not be reached. Check your network connection, then try again.');
    }

    const text = await response.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (!response.ok) {
      const body = data && typeof data.error === 'object' && data.error !== null ? data.error : {};
      const message =
        typeof body.message === 'string' && body.message !== ''
          ? body.message
          : `The service responded ${response.status} ${response.statusText} to ${method} ${url.pathname}.`;
      const error = new ApiError(response.status, typeof body.code === 'string' ? body.code : `http${response.status}`, message, body);
      if (response.status === 401) {
        onUnauthenticated(error);
      }
      throw error;
    }
    if (data === null) {
      throw new ApiError(response.status, 'invalidResponse', `The service's response to ${method} ${url.pathname} was not JSON; try again, or report it to support.`);
    }
    return data;
  }

  const customerPath = (customerId) => `/api/customers/${encodeURIComponent(customerId)}`;

  return {
    me: () => request('GET', '/api/me'),
    customers: () => request('GET', '/api/customers'),
    /** @param {string} customerId @param {Record<string, string | number | boolean | undefined>} query */
    failedMessages: (customerId, query) => request('GET', `${customerPath(customerId)}/failed-messages`, { query }),
    /** @param {string} customerId @param {Record<string, unknown>} body */
    resend: (customerId, body) => request('POST', `${customerPath(customerId)}/failed-messages/resend`, { body }),
    /** @param {string} customerId */
    connections: (customerId) => request('GET', `${customerPath(customerId)}/connections`),
    /** @param {string} customerId @param {{ from: string, to: string }} range */
    syncLogs: (customerId, range) => request('GET', `${customerPath(customerId)}/sync-logs`, { query: range }),
  };
}
