import type { Kysely } from 'kysely';
import { parseEnvironment, type Environment } from '../data/environments';
import type { Application } from '../data/portalDirectory';
import type { PortalDatabase } from '../data/portalSchema';
import { toDate, toGuid } from '../data/rowValues';

/** An open outage (a SyncLogs row with Success = 0) as the API shows it. */
export interface OpenOutage {
  outageId: string;
  applicationId: string;
  applicationName: string;
  environment: Environment;
  since: string;
  failureClass: string | null;
  lastError: string | null;
}

/** Returns the key of an application and environment pair, as used by maps of connections. */
export function connectionKey(applicationId: string, environment: string): string {
  return `${toGuid(applicationId)}|${environment}`;
}

/** Lists the customer's open outages, keyed by {@link connectionKey}; the unique index allows one per connection. */
export async function listOpenOutages(
  portalDb: Kysely<PortalDatabase>,
  customerId: string,
  applications: Map<string, Application>,
): Promise<Map<string, OpenOutage>> {
  const rows = await portalDb
    .selectFrom('SyncLogs')
    .select(['ID', 'ApplicationID', 'Environment', 'FirstErrorTime', 'LastErrorClass', 'LastErrorMessage'])
    .where('CustomerID', '=', customerId)
    .where('Success', '=', false)
    .orderBy('FirstErrorTime')
    .orderBy('ID')
    .execute();

  const outages = new Map<string, OpenOutage>();
  for (const row of rows) {
    const environment = parseEnvironment(row.Environment);
    if (!environment) {
      continue;
    }
    const applicationId = toGuid(row.ApplicationID);
    outages.set(connectionKey(applicationId, environment), {
      outageId: toGuid(row.ID),
      applicationId,
      applicationName: applications.get(applicationId)?.name ?? applicationId,
      environment,
      since: toDate(row.FirstErrorTime).toISOString(),
      failureClass: row.LastErrorClass,
      lastError: row.LastErrorMessage,
    });
  }
  return outages;
}
