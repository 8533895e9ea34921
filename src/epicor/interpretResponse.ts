import { STATUS_CODES } from 'node:http';
import { parseEpicorError, type EpicorError } from './epicorError';
import { redactSecrets } from './epicorTarget';
import type { ResponseFailureClass } from './failureClasses';
import type { HttpCallResponse } from './httpCall';

/** Meaning of a response for one purpose. */
export interface ResponseReading {
  ok: boolean;
  failureClass: ResponseFailureClass | null;
  message: string;
  epicorError: EpicorError | null;
}

/**
 * Why the call was made: a connection test succeeds only on 200 with JSON,
 * a replayed call on any 2xx that is not an HTML page.
 */
export type ResponsePurpose = 'connectionTest' | 'replay';

export interface ResponseContext {
  purpose: ResponsePurpose;
  requestUrl: URL;
  /** Secret values to remove from any text taken from the response. */
  secrets: readonly string[];
}

const maxQuotedLength = 300;

/** Makes text from a response safe to show: one line, bounded, with no secret in it. */
function quote(text: string, secrets: readonly string[]): string {
  const printable = [...redactSecrets(text, secrets)]
    .map((character) => (character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f ? ' ' : character))
    .join('');
  const oneLine = printable.replace(/\s+/g, ' ').trim();
  return oneLine.length > maxQuotedLength ? `${oneLine.slice(0, maxQuotedLength)}…` : oneLine;
}

function withFullStop(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

function htmlTitle(body: string): string | null {
  const match = /<title[^>]*>([^<]{1,500})<\/title>/i.exec(body);
  if (match?.[1] === undefined) return null;
  return match[1]
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function isHtml(response: HttpCallResponse): boolean {
  return (response.contentType?.toLowerCase().includes('html') ?? false) || /^\s*</.test(response.body);
}

function isJsonBody(response: HttpCallResponse): boolean {
  if (!(response.contentType?.toLowerCase().includes('json') ?? false)) {
    return false;
  }
  if (response.truncated) {
    // Only the start was read, so it cannot be parsed; the start must still look like JSON.
    return /^\s*[{[]/.test(response.body);
  }
  try {
    JSON.parse(response.body);
    return true;
  } catch {
    // Declared JSON that does not parse is a broken response, not Epicor's.
    return false;
  }
}

function describeBody(response: HttpCallResponse, secrets: readonly string[]): string {
  if (response.body.trim() === '') {
    return 'an empty body';
  }
  if (isHtml(response)) {
    const title = htmlTitle(response.body);
    return title === null ? 'an HTML page' : `an HTML page titled "${quote(title, secrets)}"`;
  }
  return `a body of type ${quote(response.contentType ?? 'unknown', secrets)}`;
}

function describeLocation(location: string, requestUrl: URL, secrets: readonly string[]): string {
  let target: URL;
  try {
    target = new URL(location, requestUrl);
  } catch {
    return `"${quote(location, secrets)}"`;
  }
  // The query is left out: sign-in redirects carry return addresses and state values.
  const displayUrl = quote(`${target.origin}${target.pathname}`, secrets);
  return target.host === requestUrl.host ? displayUrl : `${displayUrl}, on another host (${target.host})`;
}

function classifyUnauthorized(error: EpicorError | null): ResponseFailureClass {
  const text = error?.errorMessage ?? '';
  if (/invalid user ?name or password/i.test(text)) return 'invalidCredentials';
  if (/api[ -]?key/i.test(text)) return 'invalidApiKey';
  if (/access denied/i.test(text)) return 'accessDenied';
  return 'unauthorized';
}

function classifyError(statusCode: number, error: EpicorError | null, body: string): ResponseFailureClass {
  if (statusCode === 400) return 'badRequest';
  if (statusCode === 401) return classifyUnauthorized(error);
  if (statusCode === 403) return 'forbidden';
  if (statusCode === 404) return 'notFound';
  if (statusCode === 410) return 'sessionExpired';
  if (statusCode === 503) {
    const named = `${error?.errorType ?? ''} ${error?.errorMessage ?? ''} ${body.slice(0, 4096)}`;
    return /ConversionsPending/i.test(named) ? 'conversionsPending' : 'serviceUnavailable';
  }
  if (statusCode >= 500 && statusCode <= 599) return 'serverError';
  return 'unexpectedStatus';
}

function failed(failureClass: ResponseFailureClass, message: string, epicorError: EpicorError | null): ResponseReading {
  return { ok: false, failureClass, message, epicorError };
}

/**
 * Reads a response: success, or a failure class with a message that quotes
 * Epicor's own error when there is one. Text from the response is redacted
 * and shortened before it goes into the message.
 */
export function interpretResponse(response: HttpCallResponse, context: ResponseContext): ResponseReading {
  const { statusCode } = response;
  const { secrets } = context;
  const status = `${statusCode} ${STATUS_CODES[statusCode] ?? ''}`.trim();

  if (statusCode >= 300 && statusCode <= 399) {
    if (response.location === null) {
      return failed('unexpectedStatus', `The server returned ${status} without a Location header.`, null);
    }
    const where = describeLocation(response.location, context.requestUrl, secrets);
    return failed('redirect', `The server returned ${status}, redirecting to ${where}. The redirect was not followed.`, null);
  }

  if (statusCode >= 200 && statusCode <= 299) {
    if (context.purpose === 'replay') {
      return isHtml(response)
        ? failed('notJson', `The server returned ${status} with ${describeBody(response, secrets)}, not Epicor's JSON, so the call was probably not posted.`, null)
        : { ok: true, failureClass: null, message: `Epicor accepted the call with ${status}.`, epicorError: null };
    }
    if (statusCode !== 200) {
      return failed('unexpectedStatus', `The server returned ${status} instead of 200 with JSON.`, null);
    }
    return isJsonBody(response)
      ? { ok: true, failureClass: null, message: 'Epicor returned 200 with JSON: the connection works.', epicorError: null }
      : failed('notJson', `The server returned 200 with ${describeBody(response, secrets)} instead of Epicor's JSON.`, null);
  }

  const parsed = parseEpicorError(response.body);
  const epicorError: EpicorError | null =
    parsed === null
      ? null
      : {
          errorMessage: quote(parsed.errorMessage, secrets),
          errorType: parsed.errorType === null ? null : quote(parsed.errorType, secrets),
          correlationId: parsed.correlationId === null ? null : quote(parsed.correlationId, secrets),
        };

  // Classified on Epicor's own words, before redaction could change them.
  const failureClass = classifyError(statusCode, parsed, response.body);
  let message =
    epicorError === null
      ? `The server returned ${status} with ${describeBody(response, secrets)}.`
      : `Epicor returned ${statusCode}: ${withFullStop(epicorError.errorMessage)}`;
  if (failureClass === 'serviceUnavailable' && epicorError === null && isHtml(response)) {
    message += ' IIS returns a page like this when the Epicor application pool is stopped.';
  }
  if (epicorError?.correlationId) {
    message += ` Correlation ID: ${epicorError.correlationId}.`;
  }
  return failed(failureClass, message, epicorError);
}
