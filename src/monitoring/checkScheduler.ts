import type { Clock } from '../app/clock';
import type { Settings } from '../config/settings';
import { listEpicorConnections } from '../data/epicorConnections';
import type { Customer, PortalDirectory } from '../data/portalDirectory';
import type { TenantDatabases } from '../data/tenantDatabases';
import { parseNcrontab, type NcrontabSchedule } from '../shared/ncrontab';
import { toCheckMessageBody, type CheckMessageBody } from './checkMessage';
import { occurrenceFor } from './checkSchedule';
import { mapWithConcurrency } from './mapWithConcurrency';
import { customerDatabaseStage, reportMonitorFault, type MonitorInvocation } from './monitorInvocation';

/** One check cycle as the timer enqueues it. */
export interface ScheduledCycle {
  scheduledFor: Date;
  /** One message per enabled connection, for the queue output binding. */
  messages: CheckMessageBody[];
  customerCount: number;
  /** Customers whose database or secret could not be read; they get no checks this cycle. */
  faultCount: number;
}

/** Collaborators of the scheduler. */
export interface CheckSchedulerDependencies {
  settings: Pick<Settings, 'CheckSchedule' | 'FanOutConcurrency'>;
  clock: Clock;
  directory: Pick<PortalDirectory, 'listActiveCustomers'>;
  tenants: Pick<TenantDatabases, 'forCustomer'>;
}

/**
 * Builds the timer's fan-out: one check message per active customer,
 * application and environment with an enabled Epicor connection. Customer
 * databases are read in parallel, at most `FanOutConcurrency` at a time. A
 * customer whose database or secret fails is reported as a monitor fault, and
 * the others are still scheduled.
 */
export class CheckScheduler {
  readonly #schedule: NcrontabSchedule;

  constructor(private readonly dependencies: CheckSchedulerDependencies) {
    this.#schedule = parseNcrontab(dependencies.settings.CheckSchedule);
  }

  async scheduleCycle(invocation: MonitorInvocation): Promise<ScheduledCycle> {
    const { clock, directory, settings } = this.dependencies;
    const started = clock();
    const scheduledFor = occurrenceFor(this.#schedule, started);

    let customers: Customer[];
    try {
      customers = await directory.listActiveCustomers();
    } catch (error) {
      reportMonitorFault(invocation, { customerId: null, stage: 'fanOut', error });
      throw error;
    }

    let faultCount = 0;
    const perCustomer = await mapWithConcurrency(customers, settings.FanOutConcurrency, async (customer) => {
      try {
        return await this.#messagesFor(customer, scheduledFor);
      } catch (error) {
        faultCount += 1;
        reportMonitorFault(invocation, { customerId: customer.id, stage: customerDatabaseStage(error), error });
        return [];
      }
    });

    const messages = perCustomer.flat();
    const durationMs = clock().getTime() - started.getTime();
    invocation.emit('CheckCycleScheduled', {
      scheduledFor: scheduledFor.toISOString(),
      messageCount: messages.length,
      customerCount: customers.length,
      faultCount,
      durationMs,
    });
    return { scheduledFor, messages, customerCount: customers.length, faultCount };
  }

  async #messagesFor(customer: Customer, scheduledFor: Date): Promise<CheckMessageBody[]> {
    const database = await this.dependencies.tenants.forCustomer(customer);
    const connections = await listEpicorConnections(database.db);
    const messages = new Map<string, CheckMessageBody>();
    for (const connection of connections) {
      if (!connection.enabled) {
        continue;
      }
      // A database without the unique target index may hold duplicates; one check per target is enough.
      messages.set(
        `${connection.applicationId}/${connection.environment}`,
        toCheckMessageBody({ customerId: customer.id, applicationId: connection.applicationId, environment: connection.environment, scheduledFor }),
      );
    }
    return [...messages.values()];
  }
}
