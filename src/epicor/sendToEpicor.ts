import type { HostResolver } from './addressGuard';
import type { EpicorError } from './epicorError';
import {
  buildEpicorHeaders,
  findInvalidCredential,
  redactSecrets,
  secretsOf,
  type EpicorCallOptions,
  type EpicorConnectionTarget,
} from './epicorTarget';
import type { FailureClass } from './failureClasses';
import { httpCall } from './httpCall';
import { interpretResponse, type ResponsePurpose } from './interpretResponse';

/** Outcome of one call to Epicor, with every secret removed. */
export interface EpicorCallOutcome {
  ok: boolean;
  statusCode: number | null;
  failureClass: FailureClass | null;
  message: string;
  /** Response body as read (at most `maxResponseBytes`), with secrets redacted; empty when no response arrived. */
  responseText: string;
  epicorError: EpicorError | null;
}

/** Test seam for the host resolver; production callers leave it out. */
export interface SendToEpicorDependencies {
  resolveHost?: HostResolver;
}

/**
 * Sends one request to Epicor with the target's API key and credentials and
 * reads the response for the given purpose. Never rejects.
 */
export async function sendToEpicor(
  target: EpicorConnectionTarget,
  request: { method: string; url: URL; body: string | null },
  purpose: ResponsePurpose,
  options: EpicorCallOptions,
  dependencies: SendToEpicorDependencies = {},
): Promise<EpicorCallOutcome> {
  const secrets = secretsOf(target);
  const invalid = findInvalidCredential(target);
  if (invalid !== null) {
    return { ok: false, statusCode: null, failureClass: invalid.failureClass, message: invalid.message, responseText: '', epicorError: null };
  }

  const headers = buildEpicorHeaders(target);
  if (request.body !== null) {
    headers['content-type'] = 'application/json';
  }

  const outcome = await httpCall(
    { method: request.method, url: request.url, headers, body: request.body },
    {
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      addressPolicy: options.addressPolicy,
      trustedCaCertificate: target.trustedCaCertificate,
      resolveHost: dependencies.resolveHost,
    },
  );

  if (outcome.kind === 'failure') {
    return {
      ok: false,
      statusCode: null,
      failureClass: outcome.failureClass,
      // Transport messages hold only host, port and error codes, never text from the server.
      message: outcome.message,
      responseText: '',
      epicorError: null,
    };
  }

  const reading = interpretResponse(outcome, { purpose, requestUrl: request.url, secrets });
  return {
    ok: reading.ok,
    statusCode: outcome.statusCode,
    failureClass: reading.failureClass,
    message: reading.message,
    responseText: redactSecrets(outcome.body, secrets),
    epicorError: reading.epicorError,
  };
}
