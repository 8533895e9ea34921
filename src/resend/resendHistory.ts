import type { Kysely } from 'kysely';
import type { CustomerDatabase } from '../data/customerSchema';
import { toDate, toIdText } from '../data/rowValues';
import { notFoundError } from '../shared/errors';

/** Outcomes of a resend attempt as stored in MessageResends. */
export const resendOutcomes = ['sent', 'failed'] as const;
export type ResendOutcome = (typeof resendOutcomes)[number];

/** The latest resend of a message, shown in the grid. */
export interface LastResend {
  attemptedAt: string;
  outcome: ResendOutcome;
  statusCode: number | null;
  errorSummary: string | null;
  requestedBy: string;
}

/** One resend attempt of a message, for its history. */
export interface ResendHistoryItem {
  attemptedAt: string;
  requestedBy: string;
  outcome: ResendOutcome;
  statusCode: number | null;
  errorSummary: string | null;
  /** Id of the MessageLogs row that the attempt wrote; null when nothing was sent. */
  retryMessageId: string | null;
}

/** Largest number of values in one `IN (...)` list, well below SQL Server's 2,100 parameters. */
export const maxIdsPerQuery = 500;

/** Splits values into chunks of at most {@link maxIdsPerQuery}. */
export function chunked<T>(values: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < values.length; start += maxIdsPerQuery) {
    chunks.push(values.slice(start, start + maxIdsPerQuery));
  }
  return chunks;
}

function toOutcome(value: string): ResendOutcome {
  return value === 'sent' ? 'sent' : 'failed';
}

interface ResendRow {
  ID: number | string;
  MessageLogID: number | string;
  RetryMessageLogID: number | string | null;
  AttemptedTime: Date | string;
  RequestedBy: string;
  Outcome: string;
  StatusCode: number | null;
  ErrorSummary: string | null;
}

/** Reads every resend row of the given messages, newest first per message (the latest has the highest id). */
export async function readResendRows(db: Kysely<CustomerDatabase>, messageIds: readonly number[]): Promise<ResendRow[]> {
  const rows: ResendRow[] = [];
  for (const chunk of chunked(messageIds)) {
    if (chunk.length === 0) {
      continue;
    }
    rows.push(
      ...(await db
        .selectFrom('MessageResends')
        .select(['ID', 'MessageLogID', 'RetryMessageLogID', 'AttemptedTime', 'RequestedBy', 'Outcome', 'StatusCode', 'ErrorSummary'])
        .where('MessageLogID', 'in', chunk)
        .orderBy('MessageLogID')
        .orderBy('ID', 'desc')
        .execute()),
    );
  }
  return rows;
}

/** Returns the latest resend of each given message that has one, keyed by message id text. */
export async function latestResends(db: Kysely<CustomerDatabase>, messageIds: readonly number[]): Promise<Map<string, LastResend>> {
  const latest = new Map<string, LastResend>();
  for (const row of await readResendRows(db, messageIds)) {
    const key = toIdText(row.MessageLogID);
    if (!latest.has(key)) {
      latest.set(key, {
        attemptedAt: toDate(row.AttemptedTime).toISOString(),
        outcome: toOutcome(row.Outcome),
        statusCode: row.StatusCode,
        errorSummary: row.ErrorSummary,
        requestedBy: row.RequestedBy,
      });
    }
  }
  return latest;
}

/**
 * Lists the resend attempts of one message, newest first. Throws `notFound`
 * when the customer's database has no message with that id.
 */
export async function listMessageResends(db: Kysely<CustomerDatabase>, messageId: number): Promise<ResendHistoryItem[]> {
  const message = await db.selectFrom('MessageLogs').select('ID').where('ID', '=', messageId).executeTakeFirst();
  if (!message) {
    throw notFoundError(`Message ${messageId} was not found in this customer's message log; check the id.`);
  }
  const rows = await db
    .selectFrom('MessageResends')
    .select(['AttemptedTime', 'RequestedBy', 'Outcome', 'StatusCode', 'ErrorSummary', 'RetryMessageLogID'])
    .where('MessageLogID', '=', messageId)
    .orderBy('AttemptedTime', 'desc')
    .orderBy('ID', 'desc')
    .execute();
  return rows.map((row) => ({
    attemptedAt: toDate(row.AttemptedTime).toISOString(),
    requestedBy: row.RequestedBy,
    outcome: toOutcome(row.Outcome),
    statusCode: row.StatusCode,
    errorSummary: row.ErrorSummary,
    retryMessageId: row.RetryMessageLogID === null ? null : toIdText(row.RetryMessageLogID),
  }));
}
