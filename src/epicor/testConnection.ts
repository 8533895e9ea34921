import type { EpicorError } from './epicorError';
import { parseBaseUrl, redactSecrets, resolveBelowBase, secretsOf, type EpicorCallOptions, type EpicorConnectionTarget } from './epicorTarget';
import { hintFor, type FailureClass } from './failureClasses';
import { sendToEpicor, type SendToEpicorDependencies } from './sendToEpicor';

export { failureClasses, type FailureClass } from './failureClasses';
export type { EpicorCallOptions, EpicorConnectionTarget } from './epicorTarget';

/** Result of one connection test, safe to store, show and email because it contains no secret. */
export interface ConnectionTestResult {
  ok: boolean;
  /** When the test started, ISO 8601 in UTC. */
  checkedAt: string;
  durationMs: number;
  /** The URL tested, with any secret redacted; empty when the base URL is invalid. */
  url: string;
  statusCode: number | null;
  failureClass: FailureClass | null;
  /** Plain-English account of the outcome, such as "Epicor returned 401: Invalid username or password." */
  message: string;
  /** Next thing for the customer's administrator to check; null on success. */
  hint: string | null;
  epicorError: EpicorError | null;
}

/** Returns the default test path: one row of the company list, readable by most integration users. */
export function defaultTestPath(company: string): string {
  return `api/v2/odata/${encodeURIComponent(company)}/Erp.BO.CompanySvc/Companies?$top=1`;
}

/**
 * Tests a customer's Epicor REST connection with one GET.
 *
 * The request goes to `testPath`, or by default to the company list, with the
 * API key and HTTP Basic credentials. It never logs in to Epicor, because a
 * session would hold a licence. Success is 200 with a JSON body; any other
 * outcome is a failure with a class, a message and a hint. Never rejects.
 */
export async function testConnection(
  target: EpicorConnectionTarget,
  options: EpicorCallOptions,
  dependencies: SendToEpicorDependencies = {},
): Promise<ConnectionTestResult> {
  const now = options.now ?? ((): Date => new Date());
  const started = now();
  const hintContext = { company: target.company, timeoutMs: options.timeoutMs };
  const finish = (
    url: string,
    outcome: Pick<ConnectionTestResult, 'ok' | 'statusCode' | 'failureClass' | 'message' | 'epicorError'>,
  ): ConnectionTestResult => ({
    ok: outcome.ok,
    checkedAt: started.toISOString(),
    durationMs: Math.max(0, now().getTime() - started.getTime()),
    url,
    statusCode: outcome.statusCode,
    failureClass: outcome.failureClass,
    message: outcome.message,
    hint: outcome.failureClass === null ? null : hintFor(outcome.failureClass, hintContext),
    epicorError: outcome.epicorError,
  });
  const invalid = (url: string, message: string): ConnectionTestResult =>
    finish(url, { ok: false, statusCode: null, failureClass: 'invalidUrl', message, epicorError: null });

  const base = parseBaseUrl(target.baseUrl);
  if (!base.ok) {
    return invalid('', base.reason);
  }
  if (target.company.trim() === '') {
    return invalid(base.url.href, 'The company ID is missing; enter the Epicor company ID, such as EPIC06.');
  }

  const secrets = secretsOf(target);
  const path = target.testPath !== null && target.testPath.trim() !== '' ? target.testPath : defaultTestPath(target.company.trim());
  const resolved = resolveBelowBase(base.url, path);
  if (!resolved.ok) {
    return invalid(base.url.href, redactSecrets(`The test path is invalid. ${resolved.reason}`, secrets));
  }

  const outcome = await sendToEpicor(target, { method: 'GET', url: resolved.url, body: null }, 'connectionTest', options, dependencies);
  return finish(redactSecrets(resolved.url.href, secrets), outcome);
}
