import type { Services } from '../app/services';
import { auditNameOf, type Principal } from '../auth/principal';
import type { Environment } from '../data/environments';
import type { Customer } from '../data/portalDirectory';
import type { ConnectionTestResult } from '../epicor/testConnection';
import type { Logger } from '../shared/logger';
import type { TelemetryWriter } from '../telemetry/events';
import { listConnectionStatus, type ConnectionStatus } from './connectionStatus';
import { testCustomerConnection } from './connectionTest';
import { findAccessibleCustomer, openCustomerScope } from './customerScope';
import type { FailedMessageFilter } from './failedMessageQuery';
import { listFailedMessages, type FailedMessagePage } from './failedMessages';
import { listMessageResends, type ResendHistoryItem } from './resendHistory';
import { resendMessages, type ResendReport } from './resendMessages';
import { listSyncLogs, type SyncLogItem } from './syncLogHistory';
import { resolveTimeRange } from './timeRange';

/**
 * Entry points of the HTTP API, one per route. Each checks that the
 * principal may act for the customer before it reads anything.
 */

/** The caller of one request and what serves it. */
export interface ApiCaller {
  services: Services;
  principal: Principal;
  logger: Logger;
  writeTelemetry: TelemetryWriter;
  invocationId: string;
}

/** Maximum length of a query's time range, in days. */
export const maxRangeDays = 366;

/** A filter as the client sends it: times optional, defaults applied here. */
export interface RequestedFilter {
  from?: Date;
  to?: Date;
  applicationId?: string;
  environment?: Environment;
  includeResent?: boolean;
}

function toFilter(caller: ApiCaller, requested: RequestedFilter, fieldPrefix = ''): FailedMessageFilter {
  return {
    range: resolveTimeRange(requested, { now: caller.services.clock(), defaultDays: 7, maxDays: maxRangeDays }, fieldPrefix),
    applicationId: requested.applicationId,
    environment: requested.environment,
    includeResent: requested.includeResent ?? false,
  };
}

/** Lists the customers the caller may act for: all active ones for vendor support, otherwise their own if active. */
export async function listCustomersFor(caller: ApiCaller): Promise<{ id: string; name: string }[]> {
  const { directory } = caller.services;
  const customers =
    caller.principal.role === 'vendorSupport'
      ? await directory.listActiveCustomers()
      : caller.principal.customerId === null
        ? []
        : [await directory.getCustomer(caller.principal.customerId)];
  return customers
    .filter((customer): customer is Customer => customer !== undefined && customer.isActive)
    .map((customer) => ({ id: customer.id, name: customer.name }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** Lists one page of a customer's failed outgoing messages (default range: the 7 days before now). */
export async function getFailedMessagePage(
  caller: ApiCaller,
  customerId: string,
  query: RequestedFilter & { pageSize: number; cursor?: string },
): Promise<FailedMessagePage> {
  const scope = await openCustomerScope(caller.services, caller.principal, customerId, caller.logger);
  const filter = toFilter(caller, query);
  const applications = await caller.services.directory.listApplications();
  return listFailedMessages(scope.database, applications, { filter, pageSize: query.pageSize, cursor: query.cursor });
}

/** Resends a customer's failed messages, selected by ids or by a filter with both times given. */
export async function resendFailedMessages(
  caller: ApiCaller,
  customerId: string,
  body: { ids?: number[]; filter?: RequestedFilter; continueOnFailure?: boolean; ignoreOpenOutage?: boolean },
): Promise<ResendReport> {
  const scope = await openCustomerScope(caller.services, caller.principal, customerId, caller.logger);
  const selection = body.ids ? { ids: body.ids } : { filter: toFilter(caller, body.filter ?? {}, 'filter.') };
  return resendMessages(
    {
      customer: scope.customer,
      database: scope.database,
      portalDb: caller.services.portalDb,
      applications: await caller.services.directory.listApplications(),
      secrets: caller.services.secrets,
      settings: caller.services.settings,
      clock: caller.services.clock,
      logger: caller.logger,
      writeTelemetry: caller.writeTelemetry,
      invocationId: caller.invocationId,
    },
    {
      selection,
      requestedBy: auditNameOf(caller.principal),
      userId: caller.principal.userId,
      continueOnFailure: body.continueOnFailure ?? false,
      ignoreOpenOutage: body.ignoreOpenOutage ?? false,
    },
  );
}

/** Lists the resend attempts of one message of a customer, newest first. */
export async function getMessageResends(caller: ApiCaller, customerId: string, messageId: number): Promise<ResendHistoryItem[]> {
  const scope = await openCustomerScope(caller.services, caller.principal, customerId, caller.logger);
  return listMessageResends(scope.database.db, messageId);
}

/** Lists a customer's connections with their state. */
export async function getConnectionStatuses(caller: ApiCaller, customerId: string): Promise<ConnectionStatus[]> {
  const scope = await openCustomerScope(caller.services, caller.principal, customerId, caller.logger);
  const applications = await caller.services.directory.listApplications();
  return listConnectionStatus(scope.database.db, caller.services.portalDb, scope.customer.id, applications);
}

/** Lists a customer's outages that overlap a range (default: the 30 days before now). */
export async function getSyncLogs(caller: ApiCaller, customerId: string, requested: { from?: Date; to?: Date }): Promise<SyncLogItem[]> {
  const customer = await findAccessibleCustomer(caller.services, caller.principal, customerId, caller.logger);
  const range = resolveTimeRange(requested, { now: caller.services.clock(), defaultDays: 30, maxDays: maxRangeDays });
  const applications = await caller.services.directory.listApplications();
  return listSyncLogs(caller.services.portalDb, caller.services.portal.engine, customer.id, range, applications);
}

/** Tests one of a customer's connections now. */
export async function runConnectionTest(
  caller: ApiCaller,
  customerId: string,
  applicationId: string,
  environment: Environment,
): Promise<ConnectionTestResult> {
  const scope = await openCustomerScope(caller.services, caller.principal, customerId, caller.logger);
  return testCustomerConnection(scope.database.db, caller.services, applicationId, environment);
}
