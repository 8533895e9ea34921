import type { Kysely } from 'kysely';
import type { CustomerDatabase } from '../data/customerSchema';
import { parseEnvironment, type Environment } from '../data/environments';
import { toDate, toFlag, toGuid, toIdText } from '../data/rowValues';
import { chunked, readResendRows } from './resendHistory';

/** A message that may be resent: its logged call and the `Retries` value its claim expects. */
export interface ResendCandidate {
  id: number;
  timestamp: Date;
  applicationId: string;
  environment: Environment;
  method: string;
  endpoint: string;
  body: string | null;
  /** `Retries` as read; the claim is a compare-and-set from this value. */
  retries: number;
}

/** A requested message that is not resent, and why. */
export interface IneligibleMessage {
  id: string;
  /** Sort key of rows that exist; null for ids that were not found. */
  timestamp: Date | null;
  reason: string;
}

/** Reason of a message whose claim failed or whose `Retries` shows an attempt in progress. */
export const alreadyResentReason = 'Already resent, or being resent by another request.';

/** Compares in sending order: timestamp ascending, then id ascending. */
export function compareSendingOrder(a: { timestamp: Date; id: number }, b: { timestamp: Date; id: number }): number {
  const byTime = a.timestamp.getTime() - b.timestamp.getTime();
  return byTime !== 0 ? byTime : a.id - b.id;
}

interface ResendState {
  count: number;
  latestOutcome: string | undefined;
  latestTime: Date | undefined;
}

async function readResendStates(db: Kysely<CustomerDatabase>, ids: readonly number[]): Promise<Map<string, ResendState>> {
  const states = new Map<string, ResendState>();
  // One read of all attempts, so each message's count and latest outcome come from the same snapshot.
  for (const row of await readResendRows(db, ids)) {
    const key = toIdText(row.MessageLogID);
    const state = states.get(key);
    if (state) {
      state.count += 1;
    } else {
      states.set(key, { count: 1, latestOutcome: row.Outcome, latestTime: toDate(row.AttemptedTime) });
    }
  }
  return states;
}

async function readRetryCopies(db: Kysely<CustomerDatabase>, ids: readonly number[]): Promise<Set<string>> {
  const copies = new Set<string>();
  for (const chunk of chunked(ids)) {
    const rows = await db.selectFrom('MessageResends').select('RetryMessageLogID').where('RetryMessageLogID', 'in', chunk).execute();
    for (const row of rows) {
      if (row.RetryMessageLogID !== null) {
        copies.add(toIdText(row.RetryMessageLogID));
      }
    }
  }
  return copies;
}

/** Returns why a message cannot be resent, or undefined when it can. */
function ineligibilityReason(
  message: { incoming: boolean; success: boolean; isCopy: boolean; Environment: string; Retries: number },
  state: ResendState,
): string | undefined {
  if (message.incoming) {
    return 'Incoming message: only outgoing messages are resent.';
  }
  if (message.success) {
    return 'The message succeeded, so there is nothing to resend.';
  }
  if (message.isCopy) {
    return 'This row is the copy that an earlier resend wrote; resend the original message instead.';
  }
  if (parseEnvironment(message.Environment) === undefined) {
    return `The message's environment "${message.Environment}" is neither Live nor Test, so no connection can send it.`;
  }
  // More retries than recorded attempts: another request has claimed the message, or it was retried outside this service.
  if (message.Retries !== state.count) {
    return alreadyResentReason;
  }
  if (state.latestOutcome === 'sent') {
    return `Already resent successfully at ${state.latestTime?.toISOString() ?? 'an earlier time'}.`;
  }
  return undefined;
}

/**
 * Reads the requested messages and sorts them into candidates, in sending
 * order, and ineligible ones with a reason. A message is a candidate when it
 * is a failed outgoing message, not the copy a resend wrote, and either was
 * never resent (`Retries = 0`) or every earlier resend finished and the
 * latest failed (`Retries` equals the number of MessageResends rows). An
 * attempt in progress has already raised `Retries` but not yet written its
 * MessageResends row, so it never passes this test.
 */
export async function findResendCandidates(
  db: Kysely<CustomerDatabase>,
  ids: readonly number[],
): Promise<{ candidates: ResendCandidate[]; ineligible: IneligibleMessage[] }> {
  const rows = [];
  for (const chunk of chunked(ids)) {
    rows.push(
      ...(await db
        .selectFrom('MessageLogs')
        .select(['ID', 'Timestamp', 'ApplicationID', 'Environment', 'Incoming', 'Success', 'Retries', 'HttpMethod', 'Endpoint', 'RequestBody'])
        .where('ID', 'in', chunk)
        .execute()),
    );
  }
  const states = await readResendStates(db, ids);
  const copies = await readRetryCopies(db, ids);

  const candidates: ResendCandidate[] = [];
  const ineligible: IneligibleMessage[] = [];
  const found = new Set<string>();
  for (const row of rows) {
    const id = toIdText(row.ID);
    const timestamp = toDate(row.Timestamp);
    const state = states.get(id) ?? { count: 0, latestOutcome: undefined, latestTime: undefined };
    const environment = parseEnvironment(row.Environment);
    found.add(id);

    const reason = ineligibilityReason({ ...row, incoming: toFlag(row.Incoming), success: toFlag(row.Success), isCopy: copies.has(id) }, state);
    if (reason !== undefined || environment === undefined) {
      ineligible.push({ id, timestamp, reason: reason ?? `The message's environment "${row.Environment}" is neither Live nor Test.` });
      continue;
    }
    candidates.push({
      id: Number(row.ID),
      timestamp,
      applicationId: toGuid(row.ApplicationID),
      environment,
      method: row.HttpMethod,
      endpoint: row.Endpoint,
      body: row.RequestBody,
      retries: row.Retries,
    });
  }

  for (const id of ids) {
    if (!found.has(String(id))) {
      ineligible.push({ id: String(id), timestamp: null, reason: 'Not found in this customer\'s message log.' });
    }
  }
  candidates.sort(compareSendingOrder);
  return { candidates, ineligible };
}
