import type { AddressPolicy } from './addressGuard';

/** One customer's Epicor environment and the credentials to call it. */
export interface EpicorConnectionTarget {
  /** Server and instance as the customer entered it, such as `https://erp.example.co.uk/Kinetic2025_2`. */
  baseUrl: string;
  /** Epicor company ID, such as `EPIC06`. */
  company: string;
  /** Integration user for HTTP Basic authentication; null sends no Authorization header. */
  userName: string | null;
  password: string | null;
  /** REST v2 API key, sent as `x-api-key`; null sends none. */
  apiKey: string | null;
  /** Path relative to `baseUrl` that replaces the default connection-test path, such as `api/v2/odata/EPIC06/Erp.BO.PartSvc/Parts?$top=1`. */
  testPath: string | null;
  /** PEM certificate of the customer's own CA, trusted for this connection only. */
  trustedCaCertificate: string | null;
}

/** Limits of one call to Epicor. */
export interface EpicorCallOptions {
  /** Deadline for the whole call in milliseconds; callers usually pass 15000. */
  timeoutMs: number;
  /** Maximum number of response body bytes read, such as 65536. */
  maxResponseBytes: number;
  addressPolicy: AddressPolicy;
  /** Clock for `checkedAt` and `durationMs`; defaults to the system clock. */
  now?: () => Date;
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * Parses a customer-entered base URL: an absolute http(s) URL with no user
 * name, password, query or fragment. The returned URL's path ends with `/`,
 * so relative paths resolve below it.
 */
export function parseBaseUrl(baseUrl: string): UrlCheck {
  const trimmed = baseUrl.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, reason: `The base URL "${trimmed}" is not an absolute URL.` };
  }

  // The URL text is not echoed below because it may hold credentials.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `The base URL must start with https:// or http://, not ${url.protocol}//.` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'The base URL must not contain a user name or password; enter them in their own fields.' };
  }
  if (trimmed.includes('?') || trimmed.includes('#')) {
    return { ok: false, reason: `The base URL ${url.origin}${url.pathname} must not have a query (?) or fragment (#).` };
  }

  if (!url.pathname.endsWith('/')) {
    url.pathname = `${url.pathname}/`;
  }
  return { ok: true, url };
}

/**
 * Resolves a path relative to the base URL, accepting a leading slash.
 * Rejects absolute URLs, protocol-relative paths and any path whose dot
 * segments (also percent-encoded) would leave the base path, so the result is
 * always on the base URL's host below its path.
 */
export function resolveBelowBase(base: URL, relativePath: string): UrlCheck {
  const path = relativePath.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//') || path.includes('\\')) {
    return { ok: false, reason: `The path "${path}" must be relative to the base URL, not an absolute URL.` };
  }

  const url = new URL(path.replace(/^\/+/, ''), base);
  url.hash = '';
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) {
    return { ok: false, reason: `The path "${path}" leaves the base URL ${base.origin}${base.pathname}; remove the ".." segments.` };
  }
  return { ok: true, url };
}

/** Builds the headers of every Epicor call: JSON, the API key and HTTP Basic credentials when set. */
export function buildEpicorHeaders(target: EpicorConnectionTarget): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (target.apiKey !== null && target.apiKey !== '') {
    headers['x-api-key'] = target.apiKey;
  }
  if (target.userName !== null && target.userName !== '') {
    const credentials = Buffer.from(`${target.userName}:${target.password ?? ''}`, 'utf8').toString('base64');
    headers.authorization = `Basic ${credentials}`;
  }
  return headers;
}

function hasControlCharacter(text: string): boolean {
  return [...text].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f);
}

/** Checks values that go into headers; the message names the field but never its value. */
export function findInvalidCredential(
  target: EpicorConnectionTarget,
): { failureClass: 'invalidApiKey' | 'invalidCredentials'; message: string } | null {
  // HTTP header values cannot carry control characters; a pasted key sometimes ends with a line break.
  if (target.apiKey !== null && hasControlCharacter(target.apiKey)) {
    return { failureClass: 'invalidApiKey', message: 'The API key contains a line break or control character. No request was sent.' };
  }
  if (target.userName?.includes(':')) {
    return { failureClass: 'invalidCredentials', message: 'The user name contains a colon, which HTTP Basic authentication cannot carry. No request was sent.' };
  }
  return null;
}

/**
 * Lists the forms in which this target's secrets could appear in a response:
 * the password, the API key, their URL-encoded forms and the Basic credentials.
 */
export function secretsOf(target: EpicorConnectionTarget): string[] {
  const secrets = [target.password, target.apiKey].filter((secret): secret is string => secret !== null && secret !== '');
  const forms = secrets.flatMap((secret) => [secret, encodeURIComponent(secret)]);
  const basic = buildEpicorHeaders(target).authorization;
  if (basic !== undefined) {
    forms.push(basic.slice('Basic '.length));
  }
  // The longest secret goes first, so a secret that contains another is replaced whole.
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

/** Secrets shorter than this are redacted only as whole words, so that text around them stays readable. */
const minSubstringSecretLength = 4;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Replaces each secret in text from outside (responses, URLs) with `[redacted]`.
 * A secret of 4 or more characters is replaced wherever it occurs. A shorter
 * one is replaced only where it is a whole word.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((result, secret) => {
    if (secret.length >= minSubstringSecretLength) {
      return result.split(secret).join('[redacted]');
    }
    return result.replace(new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(secret)}(?![A-Za-z0-9])`, 'g'), '[redacted]');
  }, text);
}
