import type { Kysely } from 'kysely';
import type { PortalDatabase } from '../data/portalSchema';
import type { ConnectionTestResult } from '../epicor/testConnection';
import type { CheckTarget } from './checkMessage';
import { isUniqueViolation } from '../data/uniqueViolation';

/** Maximum length of a stored error message: the width of the `LastErrorMessage` column. */
export const maxStoredErrorMessageLength = 2000;

/** Cuts a message to the width of an error message column. */
export function toStoredErrorMessage(message: string): string {
  return message.length > maxStoredErrorMessageLength ? `${message.slice(0, maxStoredErrorMessageLength - 1)}…` : message;
}

/**
 * The `ConnectionChecks` table of the License Portal database: per target,
 * the latest schedule occurrence claimed and the latest check's result, which
 * the connection status API reads.
 */
export class ConnectionCheckStore {
  constructor(private readonly db: Kysely<PortalDatabase>) {}

  /**
   * Claims one schedule occurrence for a target, so that duplicate timer runs
   * check each target once per interval. Returns false when a check for this
   * or a later occurrence claimed it first.
   *
   * With `isRedelivery` (the queue delivered this message before and that
   * delivery failed), an occurrence that was claimed but never completed can
   * be claimed again, so the host's retry still runs the check.
   */
  async claimOccurrence(target: CheckTarget, scheduledFor: Date, isRedelivery: boolean): Promise<boolean> {
    const updated = await this.db
      .updateTable('ConnectionChecks')
      .set({ LastScheduledFor: scheduledFor })
      .where('CustomerID', '=', target.customerId)
      .where('ApplicationID', '=', target.applicationId)
      .where('Environment', '=', target.environment)
      .where((eb) => {
        const claimable = [eb('LastScheduledFor', 'is', null), eb('LastScheduledFor', '<', scheduledFor)];
        if (isRedelivery) {
          claimable.push(
            eb.and([
              eb('LastScheduledFor', '=', scheduledFor),
              eb.or([eb('LastCheckedTime', 'is', null), eb('LastCheckedTime', '<', scheduledFor)]),
            ]),
          );
        }
        return eb.or(claimable);
      })
      .executeTakeFirst();
    if (updated.numUpdatedRows > 0n) {
      return true;
    }

    try {
      await this.db
        .insertInto('ConnectionChecks')
        .values({
          CustomerID: target.customerId,
          ApplicationID: target.applicationId,
          Environment: target.environment,
          LastScheduledFor: scheduledFor,
        })
        .execute();
      return true;
    } catch (error) {
      // The row exists: another check claimed this or a later occurrence.
      if (isUniqueViolation(error)) {
        return false;
      }
      throw error;
    }
  }

  /** Stores the result of a completed check, completing the claimed occurrence. */
  async recordResult(target: CheckTarget, result: ConnectionTestResult, checkedTime: Date): Promise<void> {
    await this.db
      .updateTable('ConnectionChecks')
      .set({
        LastCheckedTime: checkedTime,
        LastSuccess: result.ok,
        LastErrorClass: result.failureClass,
        LastErrorMessage: result.ok ? null : toStoredErrorMessage(result.message),
        LastStatusCode: result.statusCode,
        LastDurationMs: Math.round(result.durationMs),
      })
      .where('CustomerID', '=', target.customerId)
      .where('ApplicationID', '=', target.applicationId)
      .where('Environment', '=', target.environment)
      .execute();
  }
}
