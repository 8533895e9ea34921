import type { Kysely } from 'kysely';
import type { Clock } from '../app/clock';
import { epicorCallSettings } from '../app/epicorTargets';
import type { Settings } from '../config/settings';
import type { CustomerDatabase } from '../data/customerSchema';
import type { DatabaseHandle } from '../data/openDatabase';
import type { Application, Customer } from '../data/portalDirectory';
import type { PortalDatabase } from '../data/portalSchema';
import { replayCall } from '../epicor/replayCall';
import type { SecretStore } from '../secrets/secretStore';
import { conflictError, describeError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { emitTelemetryEvent, type TelemetryWriter } from '../telemetry/events';
import { ConnectionTargets } from './connectionTargets';
import type { FailedMessageFilter } from './failedMessageQuery';
import { claimMessage, releaseMessage } from './messageClaims';
import { connectionKey, listOpenOutages } from './openOutages';
import { recordAttempt } from './resendAttempt';
import { alreadyResentReason, findResendCandidates, type IneligibleMessage, type ResendCandidate } from './resendCandidates';
import { selectIdsByFilter } from './resendSelection';

/** Outcomes of one requested message. */
export const resendResultOutcomes = ['sent', 'failed', 'skipped', 'notEligible'] as const;
export type ResendResultOutcome = (typeof resendResultOutcomes)[number];

/** Outcome of one requested message. */
export interface ResendResult {
  id: string;
  outcome: ResendResultOutcome;
  statusCode?: number | null;
  error?: string;
  reason?: string;
}

/** Results in sending order, then the messages that were not eligible, with counts. */
export interface ResendReport {
  results: ResendResult[];
  summary: Record<ResendResultOutcome, number>;
}

/** Customer, database and services of one resend request. */
export interface ResendContext {
  customer: Customer;
  database: DatabaseHandle<CustomerDatabase>;
  portalDb: Kysely<PortalDatabase>;
  applications: Map<string, Application>;
  secrets: SecretStore;
  settings: Settings;
  clock: Clock;
  logger: Logger;
  writeTelemetry: TelemetryWriter;
  invocationId: string;
}

/** Messages to resend: listed ids, or every message the grid shows for a filter. */
export type ResendSelection = { ids: number[] } | { filter: FailedMessageFilter };

/** A resend request of one user. */
export interface ResendRequest {
  selection: ResendSelection;
  /** Audit name of the user: email, or user id. */
  requestedBy: string;
  userId: string;
  /** Keep sending after a failure; by default the first failure stops the batch. */
  continueOnFailure: boolean;
  /** Send even when a connection involved has an open outage. */
  ignoreOpenOutage: boolean;
}

async function assertNoOpenOutage(context: ResendContext, candidates: readonly ResendCandidate[]): Promise<void> {
  const outages = await listOpenOutages(context.portalDb, context.customer.id, context.applications);
  const involved = new Set(candidates.map((candidate) => connectionKey(candidate.applicationId, candidate.environment)));
  const blocking = [...outages.entries()].filter(([key]) => involved.has(key)).map(([, outage]) => outage);
  if (blocking.length > 0) {
    const names = blocking.map((outage) => `${outage.applicationName} (${outage.environment}) since ${outage.since}`).join('; ');
    throw conflictError(
      `Nothing was sent because the Epicor connection is down: ${names}. Wait until it recovers, or send with "ignoreOpenOutage": true to try anyway.`,
      { outages: blocking },
    );
  }
}

async function claimAll(context: ResendContext, candidates: readonly ResendCandidate[], ineligible: IneligibleMessage[]): Promise<ResendCandidate[]> {
  const claimed: ResendCandidate[] = [];
  for (const candidate of candidates) {
    if (await claimMessage(context.database.db, candidate)) {
      claimed.push(candidate);
    } else {
      ineligible.push({ id: String(candidate.id), timestamp: candidate.timestamp, reason: alreadyResentReason });
    }
  }
  return claimed;
}

async function releaseQuietly(context: ResendContext, candidates: readonly ResendCandidate[]): Promise<void> {
  for (const candidate of candidates) {
    try {
      await releaseMessage(context.database.db, candidate);
    } catch (error) {
      // The message stays claimed and out of the grid; the log line lets an operator set Retries back.
      context.logger.error('Could not release a claimed message after the resend failed', {
        customerId: context.customer.id,
        messageId: candidate.id,
        error: describeError(error),
      });
    }
  }
}

/**
 * Sends claimed messages one after another; stops at the first failure unless asked to continue.
 * NOTE: there is no deadline for the whole batch. 1,000 messages that each time out can outlast
 * the 230-second HTTP response limit of Azure Functions (Azure Load Balancer's idle timeout).
 * Every sent message is still recorded.
 */
async function sendInOrder(context: ResendContext, request: ResendRequest, claimed: readonly ResendCandidate[]): Promise<ResendResult[]> {
  const targets = new ConnectionTargets(context.database.db, context.secrets, context.applications);
  const callOptions = { ...epicorCallSettings(context.settings), now: context.clock };
  const results: ResendResult[] = [];
  let stoppedBy: number | undefined;

  for (const [index, candidate] of claimed.entries()) {
    try {
      if (stoppedBy !== undefined) {
        await releaseMessage(context.database.db, candidate);
        results.push({ id: String(candidate.id), outcome: 'skipped', reason: `Not sent because message ${stoppedBy} failed first; it is back in the list unchanged.` });
        continue;
      }

      const connection = await targets.get(candidate.applicationId, candidate.environment);
      const result = connection.ok
        ? await replayCall(connection.target, { method: candidate.method, endpoint: candidate.endpoint, body: candidate.body }, callOptions)
        : null;
      const recorded = await recordAttempt(context.database, candidate, {
        result,
        failure: connection.ok ? undefined : connection.reason,
        requestedBy: request.requestedBy,
        attemptedAt: context.clock(),
      });
      if (recorded.outcome === 'sent') {
        results.push({ id: String(candidate.id), outcome: 'sent', statusCode: recorded.statusCode });
      } else {
        results.push({ id: String(candidate.id), outcome: 'failed', statusCode: recorded.statusCode, error: recorded.errorSummary ?? 'Not sent.' });
        stoppedBy = request.continueOnFailure ? undefined : candidate.id;
      }
    } catch (error) {
      // The current message may have been sent, so it stays claimed; only the ones not yet sent are released.
      await releaseQuietly(context, claimed.slice(index + 1));
      throw error;
    }
  }
  return results;
}

function sortIneligible(ineligible: IneligibleMessage[]): IneligibleMessage[] {
  return [...ineligible].sort((a, b) => {
    if (a.timestamp && b.timestamp) {
      return a.timestamp.getTime() - b.timestamp.getTime() || Number(a.id) - Number(b.id);
    }
    // Ids that were not found go last, in the order they were requested.
    if (a.timestamp) {
      return -1;
    }
    return b.timestamp ? 1 : 0;
  });
}

/**
 * Resends failed outgoing messages to their Epicor connections, one after
 * another in original order (timestamp, then id). Listed ids are each sent
 * once however often they are listed.
 *
 * Each message is claimed first with a compare-and-set on `Retries`, so two
 * concurrent requests for the same messages send each one once. Each attempt
 * is recorded as a new MessageLogs row and a MessageResends row. By default
 * the first failure stops the batch and the later messages are released
 * unchanged and reported as skipped. Throws a `conflict` error with the
 * outages when a connection involved has an open outage, unless
 * `ignoreOpenOutage` is set.
 */
export async function resendMessages(context: ResendContext, request: ResendRequest): Promise<ResendReport> {
  const ids = 'ids' in request.selection ? [...new Set(request.selection.ids)] : await selectIdsByFilter(context.database, request.selection.filter);
  const { candidates, ineligible } = await findResendCandidates(context.database.db, ids);
  if (!request.ignoreOpenOutage && candidates.length > 0) {
    await assertNoOpenOutage(context, candidates);
  }

  const claimed = await claimAll(context, candidates, ineligible);
  const sent = await sendInOrder(context, request, claimed);
  const results: ResendResult[] = [
    ...sent,
    ...sortIneligible(ineligible).map((message): ResendResult => ({ id: message.id, outcome: 'notEligible', reason: message.reason })),
  ];

  const summary: Record<ResendResultOutcome, number> = { sent: 0, failed: 0, skipped: 0, notEligible: 0 };
  for (const result of results) {
    summary[result.outcome] += 1;
  }
  context.logger.info('Resend finished', { customerId: context.customer.id, userId: request.userId, ...summary });
  emitTelemetryEvent(context.writeTelemetry, 'ResendCompleted', {
    customerId: context.customer.id,
    requestedBy: request.userId,
    sent: summary.sent,
    failed: summary.failed,
    skipped: summary.skipped,
    invocationId: context.invocationId,
  });
  return { results, summary };
}
