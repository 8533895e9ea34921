import type { Kysely } from 'kysely';
import type { CustomerDatabase } from '../data/customerSchema';
import { environments, type Environment } from '../data/environments';
import { listEpicorConnections } from '../data/epicorConnections';
import type { Application } from '../data/portalDirectory';
import type { PortalDatabase } from '../data/portalSchema';
import { toFlag, toGuid, toNullableDate } from '../data/rowValues';
import { connectionKey, listOpenOutages } from './openOutages';

/** States of a connection: its last check succeeded, it has an open outage (or its last check failed), or it was not checked. */
export const connectionStates = ['healthy', 'down', 'unknown'] as const;
export type ConnectionState = (typeof connectionStates)[number];

/** One application and environment of a customer with its state. */
export interface ConnectionStatus {
  applicationId: string;
  applicationName: string;
  environment: Environment;
  enabled: boolean;
  state: ConnectionState;
  downSince: string | null;
  failureClass: string | null;
  lastError: string | null;
  lastCheckedAt: string | null;
  outageId: string | null;
}

interface CheckRow {
  ApplicationID: string;
  Environment: string;
  LastCheckedTime: Date | string | null;
  LastSuccess: boolean | number | null;
  LastErrorClass: string | null;
  LastErrorMessage: string | null;
}

/**
 * Lists the customer's Epicor connections with their state, ordered by
 * application name, then environment. While an outage is open the state is
 * `down` with the outage's start, class and error. Otherwise it is the result
 * of the last check, or `unknown` when there is no check or the connection is
 * disabled, because the monitor checks enabled connections only.
 */
export async function listConnectionStatus(
  customerDb: Kysely<CustomerDatabase>,
  portalDb: Kysely<PortalDatabase>,
  customerId: string,
  applications: Map<string, Application>,
): Promise<ConnectionStatus[]> {
  const connections = await listEpicorConnections(customerDb);
  const outages = await listOpenOutages(portalDb, customerId, applications);
  const checkRows: CheckRow[] = await portalDb
    .selectFrom('ConnectionChecks')
    .select(['ApplicationID', 'Environment', 'LastCheckedTime', 'LastSuccess', 'LastErrorClass', 'LastErrorMessage'])
    .where('CustomerID', '=', customerId)
    .execute();
  const checks = new Map(checkRows.map((row) => [connectionKey(row.ApplicationID, row.Environment), row]));

  const statuses = connections.map((connection): ConnectionStatus => {
    const key = connectionKey(connection.applicationId, connection.environment);
    const outage = outages.get(key);
    const check = checks.get(key);
    const lastCheckedAt = toNullableDate(check?.LastCheckedTime ?? null)?.toISOString() ?? null;
    const base = {
      applicationId: toGuid(connection.applicationId),
      applicationName: applications.get(connection.applicationId)?.name ?? connection.applicationId,
      environment: connection.environment,
      enabled: connection.enabled,
      lastCheckedAt,
    };

    if (outage) {
      return { ...base, state: 'down', downSince: outage.since, failureClass: outage.failureClass, lastError: outage.lastError, outageId: outage.outageId };
    }
    if (!connection.enabled || !check || check.LastSuccess === null || lastCheckedAt === null) {
      return { ...base, state: 'unknown', downSince: null, failureClass: null, lastError: null, outageId: null };
    }
    if (toFlag(check.LastSuccess)) {
      return { ...base, state: 'healthy', downSince: null, failureClass: null, lastError: null, outageId: null };
    }
    // A failed check without an open outage: the outage row is being written, so the check's time is the best start known.
    return { ...base, state: 'down', downSince: lastCheckedAt, failureClass: check.LastErrorClass, lastError: check.LastErrorMessage, outageId: null };
  });

  return statuses.sort(
    (a, b) =>
      a.applicationName.localeCompare(b.applicationName) ||
      a.applicationId.localeCompare(b.applicationId) ||
      environments.indexOf(a.environment) - environments.indexOf(b.environment),
  );
}
