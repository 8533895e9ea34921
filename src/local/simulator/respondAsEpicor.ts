import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { decodePathSegment } from './decodePathSegment';
import { sendEpicorError, sendHtml, sendJson } from './responses';
import type { Scenario } from './scenarios';

/** A request to one simulated instance, with its body already read. */
export interface InstanceRequest {
  method: string;
  /** Path below the instance, without leading slash or query, such as `api/v2/odata/EPIC06/Erp.BO.CompanySvc/Companies`. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string | null;
  /** Base URL of the instance, such as `http://127.0.0.1:5000/Kinetic`. */
  baseUrl: string;
  /** URL of the simulator's sign-in page, the target of `redirectToLogin`. */
  loginUrl: string;
  correlationId: string;
}

/** Credential values a healthy instance rejects; any other present value is accepted. */
export interface CredentialRules {
  wrongPassword: string;
  wrongApiKey: string;
}

/** A parsed REST v2 path: OData service or Epicor Function. */
type ApiPath =
  | { kind: 'odata'; company: string; service: string; resource: string }
  | { kind: 'efx'; company: string; library: string; functionName: string };

const iisServiceUnavailablePage = `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""http://www.w3.org/TR/html4/strict.dtd">
<HTML><HEAD><TITLE>Service Unavailable</TITLE>
<META HTTP-EQUIV="Content-Type" Content="text/html; charset=us-ascii"></HEAD>
<BODY><h2>Service Unavailable</h2>
<hr><p>HTTP Error 503. The service is unavailable.</p>
</BODY></HTML>
`;

const firewallPage = `<!DOCTYPE html>
<html><head><title>Network access policy</title></head>
<body><h1>This site is blocked by your organisation's web filter</h1>
<p>Contact your network administrator if you need access.</p></body></html>
`;

function parseApiPath(path: string): ApiPath | null {
  const segments = path.split('/').map(decodePathSegment);
  const [api, version, kind, company, second, third, ...rest] = segments;
  if (api !== 'api' || version !== 'v2' || company === undefined || company === '' || second === undefined || second === '') {
    return null;
  }
  if (kind === 'odata') {
    return { kind, company, service: second, resource: [third ?? '', ...rest].filter((part) => part !== '').join('/') };
  }
  if (kind === 'efx' && third !== undefined && third !== '' && rest.length === 0) {
    return { kind, company, library: second, functionName: third };
  }
  return null;
}

function companyOf(path: string): string {
  return parseApiPath(path)?.company ?? 'EPIC06';
}

/** Names the GetRows method of a service the way Epicor's access-denied message does: Erp.BO.CompanySvc -> Erp.BO.Company.GetRows. */
function getRowsMethodOf(path: string): string {
  const parsed = parseApiPath(path);
  const service = parsed?.kind === 'odata' ? parsed.service : 'Erp.BO.CompanySvc';
  return `${service.replace(/Svc$/, '')}.GetRows`;
}

function basicPassword(headers: IncomingHttpHeaders): string | null {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(headers.authorization ?? '');
  if (match?.[1] === undefined) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 ? decoded.slice(colon + 1) : null;
}

function parseJsonBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Responds as a healthy Epicor: credentials first, then reads, writes and functions. */
function respondHealthy(request: InstanceRequest, response: ServerResponse, rules: CredentialRules, rejectWrites: boolean): void {
  const { correlationId } = request;
  const company = companyOf(request.path);
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey !== 'string' || apiKey === '' || apiKey === rules.wrongApiKey) {
    sendEpicorError(response, 401, `Invalid API Key for company ${company}.`, 'System.UnauthorizedAccessException', correlationId);
    return;
  }
  const password = basicPassword(request.headers);
  if (password === null || password === rules.wrongPassword) {
    sendEpicorError(response, 401, 'Invalid username or password.', 'System.UnauthorizedAccessException', correlationId);
    return;
  }

  const api = parseApiPath(request.path);
  if (api === null) {
    sendEpicorError(response, 404, `No REST v2 service at ${request.path}.`, 'Ice.Common.EpicorServerException', correlationId);
    return;
  }

  if (request.method === 'GET') {
    if (api.kind !== 'odata') {
      sendEpicorError(response, 405, 'Epicor Functions are called with POST.', 'System.NotSupportedException', correlationId);
      return;
    }
    const context = `${request.baseUrl}/api/v2/odata/${api.company}/${api.service}/$metadata#${api.resource}`;
    const rows = api.service === 'Erp.BO.CompanySvc' ? [{ Company: api.company, Name: `${api.company} Simulated Company` }] : [];
    sendJson(response, 200, { '@odata.context': context, value: rows });
    return;
  }

  if (request.method === 'DELETE') {
    response.writeHead(204).end();
    return;
  }

  const parsedBody = request.body === null || request.body === '' ? {} : parseJsonBody(request.body);
  if (parsedBody === undefined) {
    sendEpicorError(response, 400, 'The request body is not valid JSON.', 'System.ArgumentException', correlationId);
    return;
  }
  if (rejectWrites) {
    sendEpicorError(response, 400, 'Order quantity must be greater than zero.', 'Ice.Common.BusinessObjectException', correlationId);
    return;
  }
  if (api.kind === 'efx') {
    sendJson(response, 200, { function: `${api.library}/${api.functionName}`, result: 'OK' });
    return;
  }
  sendJson(response, request.method === 'POST' ? 201 : 200, { '@odata.context': `${request.baseUrl}/api/v2/odata/${api.company}/${api.service}/$metadata#${api.resource}/$entity`, received: parsedBody });
}

/**
 * Responds to one request as Epicor does in the given scenario. The `hang` and
 * `slow` scenarios are timed by the caller, which calls this with `healthy`
 * once a slow instance's delay has passed.
 */
export function respondAsEpicor(
  scenario: Exclude<Scenario, 'hang' | 'slow'>,
  request: InstanceRequest,
  response: ServerResponse,
  rules: CredentialRules,
): void {
  const { correlationId } = request;
  switch (scenario) {
    case 'healthy':
      return respondHealthy(request, response, rules, false);
    case 'rejectBusiness':
      return respondHealthy(request, response, rules, request.method === 'POST' || request.method === 'PATCH' || request.method === 'PUT');
    case 'invalidCredentials':
      return sendEpicorError(response, 401, 'Invalid username or password.', 'System.UnauthorizedAccessException', correlationId);
    case 'invalidApiKey':
      return sendEpicorError(response, 401, `Invalid API Key for company ${companyOf(request.path)}.`, 'System.UnauthorizedAccessException', correlationId);
    case 'accessDenied':
      return sendEpicorError(response, 401, `Access denied (${getRowsMethodOf(request.path)}).`, 'System.UnauthorizedAccessException', correlationId);
    case 'forbidden':
      return sendEpicorError(response, 403, 'The API key\'s access scope does not include this service.', 'System.UnauthorizedAccessException', correlationId);
    case 'notFound':
      return sendEpicorError(response, 404, `No REST v2 service at ${request.path}.`, 'Ice.Common.EpicorServerException', correlationId);
    case 'conversionsPending':
      // NOTE: the ErrorType namespace is a guess; only the ConversionsPendingException name is known from real servers.
      return sendEpicorError(response, 503, 'Data conversions are pending. Run them before using the application.', 'Ice.Common.ConversionsPendingException', correlationId);
    case 'appPoolStopped':
      return sendHtml(response, 503, iisServiceUnavailablePage, { server: 'Microsoft-HTTPAPI/2.0' });
    case 'serverError':
      return sendEpicorError(response, 500, 'Object reference not set to an instance of an object.', 'System.NullReferenceException', correlationId);
    case 'htmlPage':
      return sendHtml(response, 200, firewallPage);
    case 'redirectToLogin':
      response.writeHead(302, { location: `${request.loginUrl}?returnUrl=${encodeURIComponent(request.path)}` }).end();
      return;
  }
}
