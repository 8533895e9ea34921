import type { Services } from '../app/services';
import { testConnection } from '../epicor/testConnection';
import type { EmailSender } from '../notify/emailSender';
import { AlertNotifier } from './alertNotifier';
import { CheckScheduler, type ScheduledCycle } from './checkScheduler';
import { ConnectionCheckStore } from './connectionCheckStore';
import { ConnectionChecker, type CheckDelivery, type CheckOutcome, type ConnectionTester } from './connectionChecker';
import type { MonitorInvocation } from './monitorInvocation';
import { OutageStore } from './outageStore';
import { OutageTracker } from './outageTracker';

/** The shared services the monitor uses. */
export type MonitorServices = Pick<Services, 'settings' | 'clock' | 'portalDb' | 'directory' | 'secrets' | 'tenants'>;

/** Collaborators of the monitor that are not shared services. */
export interface MonitorDependencies {
  emailSender: EmailSender;
  /** Runs a connection test; defaults to the shared Epicor `testConnection`. */
  testConnection?: ConnectionTester;
}

/** The monitor's entry points, one per function. */
export interface Monitor {
  /** Builds one check cycle's queue messages (the timer's fan-out). */
  scheduleChecks(invocation: MonitorInvocation): Promise<ScheduledCycle>;
  /**
   * Handles one check message. Rejects only for faults of this service that a
   * redelivery may cure, such as an unreachable License Portal database.
   */
  checkConnection(queueItem: unknown, invocation: MonitorInvocation, delivery: CheckDelivery): Promise<CheckOutcome>;
}

/** Builds the monitor over the shared services. */
export function createMonitor(services: MonitorServices, dependencies: MonitorDependencies): Monitor {
  const outages = new OutageStore(services.portalDb);
  const notifier = new AlertNotifier(outages, services.directory, dependencies.emailSender, services.settings, services.clock);
  const scheduler = new CheckScheduler(services);
  const checker = new ConnectionChecker({
    ...services,
    checks: new ConnectionCheckStore(services.portalDb),
    tracker: new OutageTracker(outages, notifier, services.clock),
    testConnection: dependencies.testConnection ?? ((target, options) => testConnection(target, options)),
  });

  return {
    scheduleChecks: (invocation) => scheduler.scheduleCycle(invocation),
    checkConnection: (queueItem, invocation, delivery) => checker.check(queueItem, invocation, delivery),
  };
}
