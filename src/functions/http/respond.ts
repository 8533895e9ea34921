import type { HttpResponseInit } from '@azure/functions';
import { PortalDatabaseError } from '../../app/services';
import { SettingsError } from '../../config/settings';
import { SecretNotFoundError } from '../../secrets/secretStore';
import { describeError, ServiceError, type ErrorKind } from '../../shared/errors';
import type { Logger } from '../../shared/logger';

/** HTTP status of each error kind: the one place where kinds become statuses. */
export const statusOfErrorKind: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  payloadTooLarge: 413,
  dependencyUnavailable: 503,
};

const jsonHeaders = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/** Returns a JSON response; data is serialized as is, so strings from the database stay inert text. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseInit {
  return { status, headers: { ...jsonHeaders, ...headers }, body: JSON.stringify(body) };
}

// Connection failures of tedious (SQL Server) and a locked or missing SQLite file: transient, not bugs.
const unavailableDatabaseCodes = new Set(['ESOCKET', 'ETIMEOUT', 'ELOGIN', 'EINSTLOOKUP', 'SQLITE_BUSY', 'SQLITE_CANTOPEN']);

function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const code = 'code' in error ? error.code : undefined;
  const name = 'name' in error ? error.name : undefined;
  return name === 'ConnectionError' || (typeof code === 'string' && unavailableDatabaseCodes.has(code));
}

/** Converts failures outside the service's own error family that have a known meaning. */
function toServiceError(error: unknown): ServiceError | undefined {
  if (error instanceof ServiceError) {
    return error;
  }
  if (error instanceof SecretNotFoundError) {
    return new ServiceError('dependencyUnavailable', `A secret this request needs is missing: ${error.message}`, { cause: error });
  }
  if (error instanceof PortalDatabaseError) {
    return new ServiceError('dependencyUnavailable', 'The License Portal database is unavailable; try again shortly.', { cause: error });
  }
  if (error instanceof SettingsError) {
    return new ServiceError('dependencyUnavailable', 'The service is not configured correctly; an operator must correct its app settings.', { cause: error });
  }
  if (isDatabaseUnavailable(error)) {
    return new ServiceError('dependencyUnavailable', 'A database this request needs is unavailable or busy; try again shortly.', { cause: error });
  }
  return undefined;
}

/**
 * Returns the error response for a caught value: `{ error: { code, message, ...details } }`
 * with the status of its kind. Unknown errors become 500 with a generic
 * message; the cause goes to the log only, never into the response.
 */
export function errorResponse(error: unknown, logger: Logger, invocationId: string): HttpResponseInit {
  const serviceError = toServiceError(error);
  if (!serviceError) {
    logger.error('Request failed with an unexpected error', { error: describeError(error), invocationId });
    return jsonResponse(500, {
      error: { code: 'internal', message: `The request failed unexpectedly; the service log has the details under invocation id ${invocationId}.` },
    });
  }

  const status = statusOfErrorKind[serviceError.kind];
  if (status >= 500) {
    logger.error('Request failed: a dependency is unavailable', { error: describeError(serviceError), invocationId });
  } else {
    logger.info('Request rejected', { status, code: serviceError.kind, reason: serviceError.message });
  }
  const headers: Record<string, string> = status === 401 ? { 'www-authenticate': 'Bearer error="invalid_token"' } : {};
  const details = Object.entries(serviceError.details ?? {}).filter(([name]) => name !== 'code' && name !== 'message');
  return jsonResponse(status, { error: { code: serviceError.kind, message: serviceError.message, ...Object.fromEntries(details) } }, headers);
}
