import type { EpicorError } from './epicorError';
import { parseBaseUrl, redactSecrets, resolveBelowBase, secretsOf, type EpicorCallOptions, type EpicorConnectionTarget } from './epicorTarget';
import type { FailureClass } from './failureClasses';
import { sendToEpicor, type SendToEpicorDependencies } from './sendToEpicor';

/** HTTP methods a logged Epicor call may use. */
export const replayMethods = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const;
export type ReplayMethod = (typeof replayMethods)[number];

/** One logged call to send again. */
export interface LoggedCall {
  method: string;
  /** Path relative to the base URL, with or without a leading slash, such as `api/v2/odata/EPIC06/Erp.BO.SalesOrderSvc/SalesOrders`. */
  endpoint: string;
  /** JSON request body, or null for none. */
  body: string | null;
}

/** Result of one resend, safe to store and show because it contains no secret. */
export interface ReplayResult {
  /** True when Epicor returned 2xx. */
  ok: boolean;
  statusCode: number | null;
  failureClass: FailureClass | null;
  message: string;
  /** Response body, at most `maxResponseBytes` bytes, with secrets redacted. */
  responseText: string;
  durationMs: number;
  epicorError: EpicorError | null;
}

function isReplayMethod(method: string): method is ReplayMethod {
  return replayMethods.some((allowed) => allowed === method);
}

/**
 * Sends one logged transaction to Epicor again, with the target's API key and
 * credentials and `Content-Type: application/json` when it has a body.
 *
 * The endpoint must stay below the base URL: absolute URLs and `..` segments
 * that leave it are rejected before anything is sent, so a logged endpoint
 * cannot reach another host. A 400 business validation error is class
 * `badRequest` with Epicor's message: a data problem, not an outage. Never rejects.
 */
export async function replayCall(
  target: EpicorConnectionTarget,
  call: LoggedCall,
  options: EpicorCallOptions,
  dependencies: SendToEpicorDependencies = {},
): Promise<ReplayResult> {
  const now = options.now ?? ((): Date => new Date());
  const started = now();
  const finish = (outcome: Omit<ReplayResult, 'durationMs'>): ReplayResult => ({
    ok: outcome.ok,
    statusCode: outcome.statusCode,
    failureClass: outcome.failureClass,
    message: outcome.message,
    responseText: outcome.responseText,
    durationMs: Math.max(0, now().getTime() - started.getTime()),
    epicorError: outcome.epicorError,
  });
  const rejected = (failureClass: FailureClass, message: string): ReplayResult =>
    finish({ ok: false, statusCode: null, failureClass, message, responseText: '', epicorError: null });

  const method = call.method.trim().toUpperCase();
  if (!isReplayMethod(method)) {
    return rejected('invalidRequest', `The logged method "${call.method}" cannot be resent; expected one of ${replayMethods.join(', ')}.`);
  }

  const base = parseBaseUrl(target.baseUrl);
  if (!base.ok) {
    return rejected('invalidUrl', base.reason);
  }

  const resolved = resolveBelowBase(base.url, call.endpoint);
  if (!resolved.ok) {
    return rejected('invalidRequest', redactSecrets(`The logged endpoint is invalid. ${resolved.reason}`, secretsOf(target)));
  }

  const outcome = await sendToEpicor(target, { method, url: resolved.url, body: call.body }, 'replay', options, dependencies);
  return finish(outcome);
}
