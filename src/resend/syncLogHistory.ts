import type { Kysely } from 'kysely';
import type { Application } from '../data/portalDirectory';
import type { PortalDatabase } from '../data/portalSchema';
import { toDate, toFlag, toGuid, toNullableDate } from '../data/rowValues';
import { exactTime, firstRows } from './sqlValues';
import type { DatabaseEngine } from '../data/openDatabase';
import type { TimeRange } from './timeRange';

/** Most outages returned by one request, newest first. */
export const maxSyncLogItems = 1000;

/** One outage of a connection, open or recovered. */
export interface SyncLogItem {
  id: string;
  applicationId: string;
  applicationName: string;
  environment: string;
  firstErrorTime: string;
  lastErrorTime: string;
  recoveredTime: string | null;
  success: boolean;
  failureCount: number;
  lastErrorClass: string | null;
  lastErrorMessage: string | null;
  lastStatusCode: number | null;
}

/**
 * Lists the customer's outages that overlap a range (started before `to`
 * and not recovered before `from`), newest first by start, at most
 * {@link maxSyncLogItems}.
 */
export async function listSyncLogs(
  portalDb: Kysely<PortalDatabase>,
  engine: DatabaseEngine,
  customerId: string,
  range: TimeRange,
  applications: Map<string, Application>,
): Promise<SyncLogItem[]> {
  const rows = await portalDb
    .selectFrom('SyncLogs')
    .select([
      'ID',
      'ApplicationID',
      'Environment',
      'FirstErrorTime',
      'LastErrorTime',
      'RecoveredTime',
      'Success',
      'FailureCount',
      'LastErrorClass',
      'LastErrorMessage',
      'LastStatusCode',
    ])
    .where('CustomerID', '=', customerId)
    .where('FirstErrorTime', '<', exactTime(engine, range.to))
    .where((eb) => eb.or([eb('RecoveredTime', 'is', null), eb('RecoveredTime', '>=', exactTime(engine, range.from))]))
    .orderBy('FirstErrorTime', 'desc')
    .orderBy('ID', 'desc')
    .$call(firstRows(engine, maxSyncLogItems))
    .execute();

  return rows.map((row) => {
    const applicationId = toGuid(row.ApplicationID);
    return {
      id: toGuid(row.ID),
      applicationId,
      applicationName: applications.get(applicationId)?.name ?? applicationId,
      environment: row.Environment,
      firstErrorTime: toDate(row.FirstErrorTime).toISOString(),
      lastErrorTime: toDate(row.LastErrorTime).toISOString(),
      recoveredTime: toNullableDate(row.RecoveredTime)?.toISOString() ?? null,
      success: toFlag(row.Success),
      failureCount: row.FailureCount,
      lastErrorClass: row.LastErrorClass,
      lastErrorMessage: row.LastErrorMessage,
      lastStatusCode: row.LastStatusCode,
    };
  });
}
