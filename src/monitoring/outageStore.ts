import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { parseEnvironment } from '../data/environments';
import type { PortalDatabase, SyncLogsTable } from '../data/portalSchema';
import { toDate, toFlag, toGuid, toNullableDate } from '../data/rowValues';
import type { CheckTarget } from './checkMessage';
import { toStoredErrorMessage } from './connectionCheckStore';
import { isUniqueViolation } from '../data/uniqueViolation';

/** One outage of a target: a `SyncLogs` row. */
export interface Outage extends CheckTarget {
  id: string;
  firstErrorTime: Date;
  lastErrorTime: Date;
  /** False while the outage is open. */
  success: boolean;
  recoveredTime: Date | null;
  failureCount: number;
  lastErrorClass: string | null;
  lastErrorMessage: string | null;
  lastStatusCode: number | null;
  alertEmailSentTime: Date | null;
  /** Addresses the outage email went to; the recovery email goes to the same ones. */
  alertEmailRecipients: string[];
  recoveryEmailSentTime: Date | null;
}

/** The last error of a failed check, as stored on the outage. */
export interface OutageFailure {
  failureClass: string | null;
  message: string;
  statusCode: number | null;
}

/** Kinds of outage email that a claim covers. */
export const outageEmailKinds = ['outage', 'recovery'] as const;
export type OutageEmailKind = (typeof outageEmailKinds)[number];

const recipientSeparator = '; ';

/** Width of the `AlertEmailRecipients` column. */
const maxRecipientsLength = 4000;

/** Joins addresses for the recipients column, keeping as many whole addresses as fit. */
function toStoredRecipients(recipients: readonly string[]): string {
  let stored = '';
  for (const address of recipients) {
    const joined = stored === '' ? address : `${stored}${recipientSeparator}${address}`;
    if (joined.length > maxRecipientsLength) {
      break;
    }
    stored = joined;
  }
  return stored;
}

function toOutage(row: Selectable<SyncLogsTable>): Outage {
  const environment = parseEnvironment(row.Environment);
  if (!environment) {
    throw new Error(`SyncLogs row ${row.ID} has environment "${row.Environment}"; expected Live or Test`);
  }
  return {
    id: toGuid(row.ID),
    customerId: toGuid(row.CustomerID),
    applicationId: toGuid(row.ApplicationID),
    environment,
    firstErrorTime: toDate(row.FirstErrorTime),
    lastErrorTime: toDate(row.LastErrorTime),
    success: toFlag(row.Success),
    recoveredTime: toNullableDate(row.RecoveredTime),
    failureCount: row.FailureCount,
    lastErrorClass: row.LastErrorClass,
    lastErrorMessage: row.LastErrorMessage,
    lastStatusCode: row.LastStatusCode,
    alertEmailSentTime: toNullableDate(row.AlertEmailSentTime),
    alertEmailRecipients: (row.AlertEmailRecipients ?? '')
      .split(';')
      .map((address) => address.trim())
      .filter((address) => address !== ''),
    recoveryEmailSentTime: toNullableDate(row.RecoveryEmailSentTime),
  };
}

/** Returns the outage just written, or throws when a concurrent check removed it from view. */
function requireOutage(outage: Outage | undefined, target: CheckTarget): Outage {
  if (!outage) {
    throw new Error(
      `The open outage of customer ${target.customerId}, application ${target.applicationId}, ${target.environment} was closed while a failed check updated it`,
    );
  }
  return outage;
}

/**
 * The outage lifecycle in the `SyncLogs` table. At most one open row
 * (Success = 0) exists per target, enforced by the unique filtered index
 * `UX_SyncLogs_OpenOutage`, so concurrent checks of one target converge on
 * one row; every write that decides who acts is a conditional update.
 */
export class OutageStore {
  constructor(private readonly db: Kysely<PortalDatabase>) {}

  /** Returns the open outage of a target, if any. */
  async findOpen(target: CheckTarget): Promise<Outage | undefined> {
    const row = await this.db
      .selectFrom('SyncLogs')
      .selectAll()
      .where('CustomerID', '=', target.customerId)
      .where('ApplicationID', '=', target.applicationId)
      .where('Environment', '=', target.environment)
      .where('Success', '=', false)
      .executeTakeFirst();
    return row ? toOutage(row) : undefined;
  }

  /** Returns one outage by id. */
  async get(outageId: string): Promise<Outage | undefined> {
    const row = await this.db.selectFrom('SyncLogs').selectAll().where('ID', '=', outageId).executeTakeFirst();
    return row ? toOutage(row) : undefined;
  }

  /**
   * Records a failed check: opens an outage when none is open, otherwise
   * counts the failure on the open one. `opened` is true only for the check
   * whose insert created the row.
   */
  async recordFailure(target: CheckTarget, failure: OutageFailure, now: Date): Promise<{ outage: Outage; opened: boolean }> {
    const lastError = {
      LastErrorClass: failure.failureClass,
      LastErrorMessage: toStoredErrorMessage(failure.message),
      LastStatusCode: failure.statusCode,
    };

    // Two rounds cover the races: another check opens the outage between our
    // read and insert, or a successful check closes it between insert and update.
    for (let round = 0; round < 2; round += 1) {
      const open = await this.findOpen(target);
      if (!open) {
        const id = randomUUID();
        try {
          await this.db
            .insertInto('SyncLogs')
            .values({
              ID: id,
              CustomerID: target.customerId,
              ApplicationID: target.applicationId,
              Environment: target.environment,
              FirstErrorTime: now,
              LastErrorTime: now,
              Success: false,
              FailureCount: 1,
              ...lastError,
            })
            .execute();
          return { outage: requireOutage(await this.get(id), target), opened: true };
        } catch (error) {
          if (!isUniqueViolation(error)) {
            throw error;
          }
          // Another check opened the outage first: count this failure on it.
        }
      }

      const updated = await this.db
        .updateTable('SyncLogs')
        .set((eb) => ({ LastErrorTime: now, FailureCount: eb('FailureCount', '+', 1), ...lastError }))
        .where('CustomerID', '=', target.customerId)
        .where('ApplicationID', '=', target.applicationId)
        .where('Environment', '=', target.environment)
        .where('Success', '=', false)
        .executeTakeFirst();
      if (updated.numUpdatedRows > 0n) {
        return { outage: requireOutage(await this.findOpen(target), target), opened: false };
      }
    }
    throw new Error(
      `Could not record a failed check of customer ${target.customerId}, application ${target.applicationId}, ${target.environment}: its outage kept opening and closing; the next check records it`,
    );
  }

  /**
   * Closes the open outage of a target after a successful check. Returns the
   * closed outage to the one check whose update closed it, else undefined.
   */
  async close(target: CheckTarget, now: Date): Promise<Outage | undefined> {
    const open = await this.findOpen(target);
    if (!open) {
      return undefined;
    }
    const updated = await this.db
      .updateTable('SyncLogs')
      .set({ Success: true, RecoveredTime: now })
      .where('ID', '=', open.id)
      .where('Success', '=', false)
      .executeTakeFirst();
    return updated.numUpdatedRows > 0n ? { ...open, success: true, recoveredTime: now } : undefined;
  }

  /**
   * Returns closed outages of a target whose outage email went out and whose
   * recovery email did not, oldest first: a failed recovery email is retried
   * on the target's next check.
   */
  async listUnsentRecoveries(target: CheckTarget, limit = 10): Promise<Outage[]> {
    const rows = await this.db
      .selectFrom('SyncLogs')
      .selectAll()
      .where('CustomerID', '=', target.customerId)
      .where('ApplicationID', '=', target.applicationId)
      .where('Environment', '=', target.environment)
      .where('Success', '=', true)
      .where('AlertEmailSentTime', 'is not', null)
      .where('RecoveryEmailSentTime', 'is', null)
      .orderBy('FirstErrorTime')
      .orderBy('ID')
      .execute();
    // Limited here, not in SQL: SQLite and SQL Server spell a row limit differently.
    return rows.slice(0, limit).map(toOutage);
  }

  /**
   * Claims the right to send one email of an outage. Only the caller that
   * gets true sends; a claim older than `claimExpiry` is taken over, in case
   * its sender died. The outage email is claimed only while the outage is
   * open, the recovery email only once it is closed and the outage email went out.
   */
  async claimEmail(outageId: string, kind: OutageEmailKind, now: Date, claimExpiry: Date): Promise<boolean> {
    const query =
      kind === 'outage'
        ? this.db
            .updateTable('SyncLogs')
            .set({ AlertEmailClaimedTime: now })
            .where('ID', '=', outageId)
            .where('Success', '=', false)
            .where('AlertEmailSentTime', 'is', null)
            .where((eb) => eb.or([eb('AlertEmailClaimedTime', 'is', null), eb('AlertEmailClaimedTime', '<', claimExpiry)]))
        : this.db
            .updateTable('SyncLogs')
            .set({ RecoveryEmailClaimedTime: now })
            .where('ID', '=', outageId)
            .where('Success', '=', true)
            .where('AlertEmailSentTime', 'is not', null)
            .where('RecoveryEmailSentTime', 'is', null)
            .where((eb) => eb.or([eb('RecoveryEmailClaimedTime', 'is', null), eb('RecoveryEmailClaimedTime', '<', claimExpiry)]));
    const updated = await query.executeTakeFirst();
    return updated.numUpdatedRows > 0n;
  }

  /** Releases a claim after a failed send, so that the next check retries the email. */
  async releaseEmailClaim(outageId: string, kind: OutageEmailKind): Promise<void> {
    const query =
      kind === 'outage'
        ? this.db.updateTable('SyncLogs').set({ AlertEmailClaimedTime: null }).where('AlertEmailSentTime', 'is', null)
        : this.db.updateTable('SyncLogs').set({ RecoveryEmailClaimedTime: null }).where('RecoveryEmailSentTime', 'is', null);
    await query.where('ID', '=', outageId).execute();
  }

  /**
   * Marks an email as sent; for the outage email, keeps the recipients for the
   * recovery email (as many whole addresses as fit in 4,000 characters).
   */
  async markEmailSent(outageId: string, kind: OutageEmailKind, recipients: readonly string[], now: Date): Promise<void> {
    const query =
      kind === 'outage'
        ? this.db.updateTable('SyncLogs').set({ AlertEmailSentTime: now, AlertEmailRecipients: toStoredRecipients(recipients) })
        : this.db.updateTable('SyncLogs').set({ RecoveryEmailSentTime: now });
    await query.where('ID', '=', outageId).execute();
  }
}
