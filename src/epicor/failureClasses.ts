/** Failures found before any HTTP response arrived: input, address, DNS, connection, TLS, deadline. */
export const transportFailureClasses = [
  'invalidUrl',
  'invalidRequest',
  'blockedAddress',
  'dns',
  'refused',
  'network',
  'tlsExpired',
  'tlsWrongName',
  'tlsUntrusted',
  'tls',
  'timeout',
] as const;

export type TransportFailureClass = (typeof transportFailureClasses)[number];

/** Failures read from an HTTP response: its status, Epicor's error message, or a body that is not Epicor's. */
export const responseFailureClasses = [
  'invalidCredentials',
  'invalidApiKey',
  'accessDenied',
  'unauthorized',
  'forbidden',
  'notFound',
  'sessionExpired',
  'badRequest',
  'conversionsPending',
  'serviceUnavailable',
  'serverError',
  'redirect',
  'notJson',
  'unexpectedStatus',
] as const;

export type ResponseFailureClass = (typeof responseFailureClasses)[number];

/** Every way a connection test or a resent call can fail, one class per cause an administrator can act on. */
export const failureClasses = [...transportFailureClasses, ...responseFailureClasses] as const;

export type FailureClass = (typeof failureClasses)[number];

/** Values that make a hint concrete for one connection. */
export interface HintContext {
  company: string;
  timeoutMs: number;
}

/**
 * Returns what the customer's Epicor administrator should check next for a
 * failure class. Hints contain no secret: only the company ID and the timeout.
 */
export function hintFor(failureClass: FailureClass, context: HintContext): string {
  const seconds = Math.round(context.timeoutMs / 100) / 10;
  const examplePath = `api/v2/odata/${encodeURIComponent(context.company)}/Erp.BO.PartSvc/Parts?$top=1`;

  switch (failureClass) {
    case 'invalidUrl':
      return 'Enter the base URL as the server and instance, such as https://erp.example.com/Kinetic2025_2, with no user name, password, query or fragment in it.';
    case 'invalidRequest':
      return 'The call cannot be sent as it is. Correct the method, endpoint or credentials named in the message.';
    case 'blockedAddress':
      return 'The server name resolves to an internal or reserved address that this service does not call. Publish Epicor under a public name and address, for example through a reverse proxy or an Epicor-hosted URL.';
    case 'dns':
      return 'Check the server name in the base URL for typing errors, and that it is published in public DNS, not only on the company network.';
    case 'refused':
      return 'The server exists but nothing accepts connections on that port. Check the port in the base URL, that IIS is running, and the firewall or port forwarding in front of it.';
    case 'network':
      return 'The connection was dropped before Epicor answered. Check the firewall, proxy or VPN between this service and the server, and that it allows this service\'s outbound addresses.';
    case 'tlsExpired':
      return 'The server\'s TLS certificate has expired. Renew it and bind the new certificate to the Epicor site in IIS.';
    case 'tlsWrongName':
      return 'The TLS certificate does not name the host in the base URL. Use the name the certificate was issued to (usually the fully qualified name) or issue a certificate for this name.';
    case 'tlsUntrusted':
      return 'The TLS certificate is issued by an authority this service does not trust. Paste your organisation\'s CA certificate (PEM) into this connection\'s trusted CA field; certificate checks stay on.';
    case 'tls':
      return 'The TLS handshake failed. Check the https binding and certificate in IIS, that the server offers TLS 1.2 or later, and that the trusted CA field holds a valid PEM certificate.';
    case 'timeout':
      return `Epicor did not finish answering within ${seconds} s. Check that the firewall allows this service's outbound addresses. When all Epicor licences are in use, Epicor delays each call by about 20 s, so also check licence use in Epicor.`;
    case 'invalidCredentials':
      return 'Check the integration user\'s name and password in Epicor\'s User Account Maintenance: the password may have expired or the account may be locked or disabled.';
    case 'invalidApiKey':
      return `Check the API key in Epicor's API Key Maintenance: it must belong to this environment, be enabled and unexpired, and allow company ${context.company}.`;
    case 'accessDenied':
      return `The user signed in but has no rights to this service. Grant them, or set this connection's test path to a service the user can read, such as ${examplePath}.`;
    case 'unauthorized':
      return 'Epicor rejected the request\'s credentials. Check the user name, password and API key of this connection.';
    case 'forbidden':
      return 'Check the integration user\'s security in Epicor and the API key\'s access scope, which must include this service.';
    case 'notFound':
      return `Check the instance in the base URL, the company ID ${context.company} and the service name: Epicor's service and resource names are case-sensitive.`;
    case 'sessionExpired':
      return 'The Epicor session timed out. Try again; if it repeats, check the session settings of the integration user.';
    case 'badRequest':
      return 'Epicor rejected the request\'s data (business validation). Correct the record in the sending application or in Epicor, then resend it.';
    case 'conversionsPending':
      return 'Epicor was upgraded and data conversions are still pending. An Epicor administrator must run them before Epicor accepts calls.';
    case 'serviceUnavailable':
      return 'The server is not ready. Check that the Epicor application pool is started in IIS and that the Epicor application server is running.';
    case 'serverError':
      return 'Epicor failed with an internal error. Check the Epicor server\'s event log, using the correlation ID when there is one.';
    case 'redirect':
      return 'Something in front of Epicor redirects requests, often to a sign-in page or proxy. Enter Epicor\'s direct address as the base URL, or let this service through without a sign-in.';
    case 'notJson':
      return 'Something other than Epicor answered, such as a firewall, proxy or captive-portal page. Let this service through, or enter Epicor\'s direct address as the base URL.';
    case 'unexpectedStatus':
      return 'Epicor returned a status this service does not expect. Check the base URL and the test path.';
  }
}
