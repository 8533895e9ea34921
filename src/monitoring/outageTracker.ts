import type { Clock } from '../app/clock';
import type { ConnectionTestResult } from '../epicor/testConnection';
import type { AlertContext, AlertNotifier } from './alertNotifier';
import type { OutageStore } from './outageStore';

/**
 * Applies one check result to the target's outage. A failure opens an
 * outage or counts on the open one, and may send the outage email. A success
 * closes the open outage and sends the recovery email. Every check also
 * retries recovery emails that failed earlier.
 */
export class OutageTracker {
  constructor(
    private readonly outages: OutageStore,
    private readonly notifier: AlertNotifier,
    private readonly clock: Clock,
  ) {}

  async record(context: AlertContext, result: ConnectionTestResult): Promise<void> {
    const { target, invocation } = context;
    const now = this.clock();
    const notified = new Set<string>();

    if (result.ok) {
      const closed = await this.outages.close(target, now);
      if (closed) {
        const durationSeconds = Math.round((now.getTime() - closed.firstErrorTime.getTime()) / 1000);
        invocation.logger.info('Outage closed: the connection works again', { ...target, outageId: closed.id, durationSeconds });
        invocation.emit('OutageClosed', { ...target, outageId: closed.id, durationSeconds });
        notified.add(closed.id);
        await this.notifier.notifyRecovery(context, closed);
      }
    } else {
      const failure = { failureClass: result.failureClass, message: result.message, statusCode: result.statusCode };
      const { outage, opened } = await this.outages.recordFailure(target, failure, now);
      if (opened) {
        invocation.logger.warn('Outage opened: the connection failed', { ...target, outageId: outage.id, failureClass: result.failureClass });
        invocation.emit('OutageOpened', {
          customerId: target.customerId,
          customerName: context.customer.name,
          applicationId: target.applicationId,
          applicationName: context.applicationName,
          environment: target.environment,
          outageId: outage.id,
          failureClass: result.failureClass,
          statusCode: result.statusCode,
          firstErrorTime: outage.firstErrorTime.toISOString(),
        });
      }
      await this.notifier.notifyOutage(context, outage, result);
    }

    await this.notifier.retryUnsentRecoveries(context, notified);
  }
}
