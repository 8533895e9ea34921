/** Words for the codes the API returns. */

const failureClassLabels = {
  invalidUrl: 'The base URL is invalid',
  invalidRequest: 'The request could not be sent',
  blockedAddress: 'The server name resolves to an address this service does not call',
  dns: 'The server name was not found in DNS',
  refused: 'The server refused the connection',
  network: 'The connection was dropped',
  tlsExpired: "The server's TLS certificate has expired",
  tlsWrongName: "The server's TLS certificate is for another name",
  tlsUntrusted: "The server's TLS certificate is not trusted",
  tls: 'The TLS handshake failed',
  timeout: 'Epicor did not answer in time',
  invalidCredentials: 'Invalid user name or password',
  invalidApiKey: 'Invalid API key',
  accessDenied: 'The user has no access to the tested service',
  unauthorized: 'Epicor rejected the credentials',
  forbidden: 'Access forbidden by user security or API key scope',
  notFound: 'Wrong URL, instance or company (404)',
  sessionExpired: 'The Epicor session expired',
  badRequest: 'Epicor rejected the request',
  conversionsPending: 'Epicor data conversions are pending',
  serviceUnavailable: 'The Epicor server is not ready (503)',
  serverError: 'Epicor failed with a server error',
  redirect: 'The request was redirected, for example to a sign-in page',
  notJson: 'Something other than Epicor answered',
  unexpectedStatus: 'Epicor returned an unexpected status',
};

/**
 * Returns a failure class for people ("Invalid API key"); unknown classes are shown as they are.
 * @param {string | null | undefined} failureClass
 */
export function failureClassLabel(failureClass) {
  if (!failureClass) {
    return 'Unknown failure';
  }
  return Object.hasOwn(failureClassLabels, failureClass) ? failureClassLabels[failureClass] : failureClass;
}

const outcomeLabels = {
  sent: 'Sent',
  failed: 'Failed',
  skipped: 'Skipped',
  notEligible: 'Not eligible',
  unconfirmed: 'Not confirmed',
};

/**
 * Returns a resend outcome for people ("Not eligible").
 * @param {string} outcome
 */
export function outcomeLabel(outcome) {
  return Object.hasOwn(outcomeLabels, outcome) ? outcomeLabels[outcome] : outcome;
}

/**
 * Returns "Customer administrator" or "Vendor support".
 * @param {string} role
 */
export function roleLabel(role) {
  return role === 'vendorSupport' ? 'Vendor support' : 'Customer administrator';
}
