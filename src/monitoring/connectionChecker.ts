import type { Clock } from '../app/clock';
import { epicorCallSettings, resolveEpicorConnection, type ResolvedEpicorConnection } from '../app/epicorTargets';
import type { Settings } from '../config/settings';
import type { CustomerDatabase } from '../data/customerSchema';
import { getEpicorConnection, type EpicorConnectionRecord } from '../data/epicorConnections';
import type { DatabaseHandle } from '../data/openDatabase';
import type { Customer, PortalDirectory } from '../data/portalDirectory';
import type { TenantDatabases } from '../data/tenantDatabases';
import type { ConnectionTestResult, EpicorCallOptions, EpicorConnectionTarget } from '../epicor/testConnection';
import type { SecretStore } from '../secrets/secretStore';
import { parseNcrontab, type NcrontabSchedule } from '../shared/ncrontab';
import { parseCheckMessage, previewQueueItem, type CheckMessage, type CheckTarget } from './checkMessage';
import { isStaleCheck } from './checkSchedule';
import type { ConnectionCheckStore } from './connectionCheckStore';
import { countFailedTransactionsSince } from './failedTransactions';
import { customerDatabaseStage, reportMonitorFault, type MonitorFaultStage, type MonitorInvocation } from './monitorInvocation';
import type { OutageTracker } from './outageTracker';

/** Runs one Epicor connection test; the shared `testConnection` in production. */
export type ConnectionTester = (target: EpicorConnectionTarget, options: EpicorCallOptions) => Promise<ConnectionTestResult>;

/** Outcomes of handling a check message. Every outcome completes the message, and only a thrown error makes the host redeliver it. */
export const checkOutcomes = ['checked', 'malformed', 'stale', 'duplicate', 'skipped', 'monitorFault'] as const;
export type CheckOutcome = (typeof checkOutcomes)[number];

/** Facts of the queue delivery, from the trigger metadata. */
export interface CheckDelivery {
  /** 1 on the first delivery; more when earlier deliveries failed. */
  dequeueCount: number;
}

/** Collaborators of the checker. */
export interface ConnectionCheckerDependencies {
  settings: Settings;
  clock: Clock;
  directory: PortalDirectory;
  secrets: SecretStore;
  tenants: TenantDatabases;
  checks: ConnectionCheckStore;
  tracker: OutageTracker;
  testConnection: ConnectionTester;
}

type Loaded<Value> = { ok: true; value: Value } | { ok: false; outcome: CheckOutcome };

/**
 * Handles one queued connection check: validates the message, skips stale
 * and duplicate ones, loads the connection and its secrets, runs the test,
 * stores the result and applies it to the outage lifecycle.
 *
 * Faults of a customer database or secret are reported as monitor faults and
 * complete the message; an error of the License Portal database propagates,
 * so the Functions host redelivers the message and finally poisons it.
 */
export class ConnectionChecker {
  readonly #schedule: NcrontabSchedule;

  constructor(private readonly dependencies: ConnectionCheckerDependencies) {
    this.#schedule = parseNcrontab(dependencies.settings.CheckSchedule);
  }

  async check(queueItem: unknown, invocation: MonitorInvocation, delivery: CheckDelivery): Promise<CheckOutcome> {
    const parsed = parseCheckMessage(queueItem);
    if (!parsed.ok) {
      invocation.logger.warn(`Dropped a malformed check message: ${parsed.reason}`, { message: previewQueueItem(queueItem) });
      return 'malformed';
    }

    try {
      return await this.#run(parsed.message, invocation, delivery);
    } catch (error) {
      reportMonitorFault(invocation, {
        customerId: parsed.message.customerId,
        stage: 'check',
        error,
        fields: { applicationId: parsed.message.applicationId, environment: parsed.message.environment, dequeueCount: delivery.dequeueCount },
      });
      throw error;
    }
  }

  async #run(message: CheckMessage, invocation: MonitorInvocation, delivery: CheckDelivery): Promise<CheckOutcome> {
    const { settings, clock, checks, directory } = this.dependencies;
    const { logger } = invocation;
    const target: CheckTarget = { customerId: message.customerId, applicationId: message.applicationId, environment: message.environment };
    const fields = { ...target, scheduledFor: message.scheduledFor.toISOString(), dequeueCount: delivery.dequeueCount };
    if (isStaleCheck(this.#schedule, message.scheduledFor, clock(), settings.CheckTimeoutSeconds * 1000)) {
      logger.warn('Skipped a stale check message: a later scheduled check replaces it', fields);
      return 'stale';
    }
    if (!(await checks.claimOccurrence(target, message.scheduledFor, delivery.dequeueCount > 1))) {
      logger.info('Skipped a duplicate check: this connection was already checked for this schedule occurrence', fields);
      return 'duplicate';
    }

    const customer = await directory.getCustomer(target.customerId);
    if (!customer?.isActive) {
      logger.info('Skipped a check: the customer is not found or not active', fields);
      return 'skipped';
    }

    const loaded = await this.#loadConnection(message, customer, invocation);
    if (!loaded.ok) {
      return loaded.outcome;
    }
    const { database, connection } = loaded.value;

    const result = await this.dependencies.testConnection(connection, { ...epicorCallSettings(settings), now: clock });
    this.#reportResult(invocation, target, result);
    await checks.recordResult(target, result, clock());

    const applications = await directory.listApplications();
    await this.dependencies.tracker.record(
      {
        target,
        customer,
        applicationName: applications.get(target.applicationId)?.name ?? target.applicationId,
        invocation,
        countFailedTransactions: (since) => countFailedTransactionsSince(database.db, target.applicationId, target.environment, since),
      },
      result,
    );
    return 'checked';
  }

  async #loadConnection(
    message: CheckMessage,
    customer: Customer,
    invocation: MonitorInvocation,
  ): Promise<Loaded<{ database: DatabaseHandle<CustomerDatabase>; connection: ResolvedEpicorConnection }>> {
    const { tenants, secrets } = this.dependencies;
    const fault = (stage: MonitorFaultStage, error: unknown): { ok: false; outcome: CheckOutcome } => {
      reportMonitorFault(invocation, {
        customerId: customer.id,
        stage,
        error,
        fields: { applicationId: message.applicationId, environment: message.environment },
      });
      return { ok: false, outcome: 'monitorFault' };
    };

    let database: DatabaseHandle<CustomerDatabase>;
    let record: EpicorConnectionRecord | undefined;
    try {
      database = await tenants.forCustomer(customer);
    } catch (error) {
      return fault(customerDatabaseStage(error), error);
    }
    try {
      record = await getEpicorConnection(database.db, message.applicationId, message.environment);
    } catch (error) {
      return fault('customerDatabase', error);
    }
    if (!record?.enabled) {
      invocation.logger.info('Skipped a check: the connection was removed or disabled after it was scheduled', {
        customerId: message.customerId,
        applicationId: message.applicationId,
        environment: message.environment,
      });
      return { ok: false, outcome: 'skipped' };
    }

    try {
      return { ok: true, value: { database, connection: await resolveEpicorConnection(record, secrets) } };
    } catch (error) {
      return fault('secret', error);
    }
  }

  #reportResult(invocation: MonitorInvocation, target: CheckTarget, result: ConnectionTestResult): void {
    const fields = {
      ...target,
      ok: result.ok,
      failureClass: result.failureClass,
      statusCode: result.statusCode,
      durationMs: result.durationMs,
    };
    if (!result.ok) {
      invocation.logger.warn(`Connection check failed: ${result.message}`, fields);
    }
    invocation.emit('ConnectionCheckCompleted', fields);
  }
}
