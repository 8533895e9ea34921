import type { Kysely } from 'kysely';
import type { CustomerDatabase } from '../data/customerSchema';
import type { DatabaseEngine, DatabaseHandle } from '../data/openDatabase';
import { toIdText } from '../data/rowValues';
import type { ReplayResult } from '../epicor/replayCall';
import type { ResendCandidate } from './resendCandidates';
import type { ResendOutcome } from './resendHistory';

/** Maximum error summary stored in MessageResends.ErrorSummary, in characters (the column's size). */
const maxErrorSummaryLength = 2000;

/** The stored record of one attempt. */
export interface RecordedAttempt {
  outcome: ResendOutcome;
  statusCode: number | null;
  /** Reason the attempt failed; null when it was sent. */
  errorSummary: string | null;
  retryMessageId: string | null;
}

/** Returns the summary of a failed replay: Epicor's own message when it sent one, otherwise the client's description. */
export function summarizeReplayFailure(result: ReplayResult): string {
  return (result.epicorError?.errorMessage ?? result.message).slice(0, maxErrorSummaryLength);
}

async function insertRetryCopy(
  db: Kysely<CustomerDatabase>,
  engine: DatabaseEngine,
  candidate: ResendCandidate,
  result: ReplayResult,
  attemptedAt: Date,
): Promise<string> {
  const insert = db.insertInto('MessageLogs').values({
    Timestamp: attemptedAt,
    ApplicationID: candidate.applicationId,
    Environment: candidate.environment,
    Incoming: false,
    Success: result.ok,
    // The claimed value: above zero, so the copy never shows in the default grid.
    Retries: candidate.retries + 1,
    HttpMethod: candidate.method,
    Endpoint: candidate.endpoint,
    RequestBody: candidate.body,
    // A call that got no response (a timeout, a refused connection) keeps its description instead.
    ResponseText: result.responseText !== '' ? result.responseText : result.message,
    StatusCode: result.statusCode,
  });
  // NOTE: SQL Server rejects OUTPUT without INTO on a table with triggers; no SQL Server run here has covered that case.
  const row =
    engine === 'mssql'
      ? await insert.output('inserted.ID as ID').executeTakeFirstOrThrow()
      : await insert.returning('ID').executeTakeFirstOrThrow();
  return toIdText(row.ID);
}

/**
 * Records one attempt in a transaction: a new MessageLogs row with the
 * replayed call and Epicor's response (when a call was made), and a
 * MessageResends row linking it to the original with who asked and the
 * outcome. `result` is null when nothing was sent, such as for a missing
 * connection, and `failure` then gives the reason.
 */
export async function recordAttempt(
  handle: DatabaseHandle<CustomerDatabase>,
  candidate: ResendCandidate,
  attempt: { result: ReplayResult | null; failure?: string; requestedBy: string; attemptedAt: Date },
): Promise<RecordedAttempt> {
  const { result } = attempt;
  const outcome: ResendOutcome = result?.ok ? 'sent' : 'failed';
  const statusCode = result?.statusCode ?? null;
  const errorSummary = outcome === 'sent' ? null : result ? summarizeReplayFailure(result) : (attempt.failure ?? 'Not sent.').slice(0, maxErrorSummaryLength);

  return handle.db.transaction().execute(async (trx) => {
    const retryMessageId = result ? await insertRetryCopy(trx, handle.engine, candidate, result, attempt.attemptedAt) : null;
    await trx
      .insertInto('MessageResends')
      .values({
        MessageLogID: candidate.id,
        RetryMessageLogID: retryMessageId === null ? null : Number(retryMessageId),
        AttemptedTime: attempt.attemptedAt,
        RequestedBy: attempt.requestedBy,
        Outcome: outcome,
        StatusCode: statusCode,
        ErrorSummary: errorSummary,
      })
      .execute();
    return { outcome, statusCode, errorSummary, retryMessageId };
  });
}
