import type { Settings } from '../config/settings';
import type { Clock } from '../app/clock';
import type { Customer } from '../data/portalDirectory';
import type { ConnectionTestResult } from '../epicor/testConnection';
import type { EmailMessage, EmailSender } from '../notify/emailSender';
import { intervalAt, parseNcrontab, type NcrontabSchedule } from '../shared/ncrontab';
import { describeError } from '../shared/errors';
import { buildOutageEmail, buildRecoveryEmail, buildResendUrl, type AlertEmailSubject } from './alertEmails';
import type { CheckTarget } from './checkMessage';
import { isKnownTimeZone } from './emailFormatting';
import { reportMonitorFault, type MonitorInvocation } from './monitorInvocation';
import type { Outage, OutageEmailKind, OutageStore } from './outageStore';

/**
 * How long a claim on an email outlives the send's own deadline before
 * another check may take it over, in milliseconds: time for the recipient
 * lookup and for recording the send.
 */
const claimMarginMs = 60_000;

/** Facts about the check that triggers an email. */
export interface AlertContext {
  target: CheckTarget;
  customer: Customer;
  applicationName: string;
  invocation: MonitorInvocation;
  /** Counts the target's failed outgoing transactions since a time, for the recovery email. */
  countFailedTransactions(since: Date): Promise<number>;
}

/** Source of the administrators who receive alerts. */
export interface AdministratorDirectory {
  listAdministrators(customerId: string): Promise<{ email: string }[]>;
}

/** Settings the notifier reads. */
export type AlertSettings = Pick<
  Settings,
  'FailuresBeforeAlert' | 'Email__SupportAddress' | 'Email__TimeoutSeconds' | 'PortalPublicUrl' | 'DefaultTimeZone' | 'CheckSchedule'
>;

/** Replaces email addresses in a provider's error text, so that telemetry carries none. */
function withoutAddresses(text: string): string {
  return text.replace(/[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+/g, '[address]');
}

/**
 * Sends the outage and recovery emails of outages, each once. A conditional
 * update claims the email and only the claimer sends. A failed send releases
 * the claim, so that the next check of the target retries it. One case can
 * still send twice: the send succeeds, recording it fails, and another check
 * takes over the claim after it expires.
 */
export class AlertNotifier {
  #schedule: NcrontabSchedule | undefined;

  constructor(
    private readonly outages: OutageStore,
    private readonly directory: AdministratorDirectory,
    private readonly sender: EmailSender,
    private readonly settings: AlertSettings,
    private readonly clock: Clock,
  ) {}

  /**
   * Sends the outage email of an open outage once it has failed
   * `FailuresBeforeAlert` checks, unless it went out already.
   */
  async notifyOutage(context: AlertContext, outage: Outage, result: ConnectionTestResult): Promise<void> {
    if (outage.alertEmailSentTime !== null) {
      return;
    }
    if (outage.failureCount < this.settings.FailuresBeforeAlert) {
      context.invocation.logger.info('Outage email waits for more failed checks', {
        outageId: outage.id,
        failureCount: outage.failureCount,
        failuresBeforeAlert: this.settings.FailuresBeforeAlert,
      });
      return;
    }

    await this.#sendOnce(context, outage, 'outage', async () => {
      const recipients = await this.#administratorsOrSupport(context);
      const facts = {
        ...this.#subject(context, outage),
        firstErrorTime: outage.firstErrorTime,
        failureCount: outage.failureCount,
        result,
        resendUrl: buildResendUrl(this.settings.PortalPublicUrl, context.target),
      };
      return recipients.length === 0 ? null : buildOutageEmail(facts, recipients);
    });
  }

  /**
   * Sends the recovery email of a closed outage whose outage email went out,
   * to the same recipients. Outages whose outage email never went out get none.
   */
  async notifyRecovery(context: AlertContext, outage: Outage): Promise<void> {
    if (outage.alertEmailSentTime === null || outage.recoveryEmailSentTime !== null || outage.recoveredTime === null) {
      return;
    }
    const recoveredTime = outage.recoveredTime;

    await this.#sendOnce(context, outage, 'recovery', async () => {
      const recipients =
        outage.alertEmailRecipients.length > 0 ? outage.alertEmailRecipients : await this.#administratorsOrSupport(context);
      if (recipients.length === 0) {
        return null;
      }
      const facts = {
        ...this.#subject(context, outage),
        firstErrorTime: outage.firstErrorTime,
        lastErrorTime: outage.lastErrorTime,
        recoveredTime,
        failedTransactionCount: await this.#countFailedTransactions(context, outage),
        resendUrl: buildResendUrl(this.settings.PortalPublicUrl, context.target, { from: this.#windowStart(outage), to: recoveredTime }),
      };
      return buildRecoveryEmail(facts, recipients);
    });
  }

  /** Retries recovery emails of the target's closed outages that failed to send earlier. */
  async retryUnsentRecoveries(context: AlertContext, skipOutageIds: ReadonlySet<string>): Promise<void> {
    const pending = await this.outages.listUnsentRecoveries(context.target);
    for (const outage of pending) {
      if (!skipOutageIds.has(outage.id)) {
        await this.notifyRecovery(context, outage);
      }
    }
  }

  async #sendOnce(
    context: AlertContext,
    outage: Outage,
    kind: OutageEmailKind,
    compose: () => Promise<EmailMessage | null>,
  ): Promise<void> {
    const { invocation } = context;
    const now = this.clock();
    const claimExpiry = new Date(now.getTime() - this.settings.Email__TimeoutSeconds * 1000 - claimMarginMs);
    if (!(await this.outages.claimEmail(outage.id, kind, now, claimExpiry))) {
      invocation.logger.debug(`The ${kind} email is sent or being sent by another check`, { outageId: outage.id });
      return;
    }

    let message: EmailMessage | null;
    try {
      message = await compose();
    } catch (error) {
      await this.#release(context, outage, kind);
      throw error;
    }
    if (message === null) {
      await this.#release(context, outage, kind);
      return;
    }

    const eventFields = {
      customerId: context.target.customerId,
      applicationId: context.target.applicationId,
      environment: context.target.environment,
      outageId: outage.id,
      kind,
      recipientCount: message.to.length,
    };
    try {
      const receipt = await this.sender.send(message);
      invocation.logger.info(`Sent the ${kind} email`, { outageId: outage.id, recipientCount: message.to.length, messageId: receipt.messageId });
    } catch (error) {
      const reason = withoutAddresses(describeError(error));
      invocation.logger.warn(`Sending the ${kind} email failed; the next check of this connection retries it`, {
        outageId: outage.id,
        error: reason,
      });
      invocation.emit('AlertEmailFailed', { ...eventFields, error: reason });
      await this.#release(context, outage, kind);
      return;
    }

    try {
      await this.outages.markEmailSent(outage.id, kind, message.to, this.clock());
    } catch (error) {
      // The claim stays, so no other check sends the email again until the claim expires.
      invocation.logger.error(`The ${kind} email was sent but recording it failed`, { outageId: outage.id, error: describeError(error) });
      throw error;
    }
    invocation.emit('AlertEmailSent', eventFields);
  }

  async #release(context: AlertContext, outage: Outage, kind: OutageEmailKind): Promise<void> {
    try {
      await this.outages.releaseEmailClaim(outage.id, kind);
    } catch (error) {
      // The claim then expires on its own and a later check retries the email.
      context.invocation.logger.warn(`Releasing the ${kind} email claim failed; it expires by itself`, {
        outageId: outage.id,
        error: describeError(error),
      });
    }
  }

  async #administratorsOrSupport(context: AlertContext): Promise<string[]> {
    const administrators = await this.directory.listAdministrators(context.target.customerId);
    if (administrators.length > 0) {
      return administrators.map((administrator) => administrator.email);
    }

    const support = this.settings.Email__SupportAddress;
    if (support) {
      context.invocation.logger.warn('The customer has no active administrator; the email goes to the vendor support address', {
        customerId: context.target.customerId,
      });
      return [support];
    }
    reportMonitorFault(context.invocation, {
      customerId: context.target.customerId,
      stage: 'recipients',
      error: new Error(
        `Customer ${context.target.customerId} has no active administrator and Email__SupportAddress is not set, so the email has no recipient. Add an administrator or set Email__SupportAddress`,
      ),
    });
    return [];
  }

  /**
   * Returns when the outage's transaction window starts: one check interval
   * before the first failed check, where the last successful check was, so
   * that transactions which failed before the outage was detected count too.
   */
  #windowStart(outage: Outage): Date {
    this.#schedule ??= parseNcrontab(this.settings.CheckSchedule);
    const interval = intervalAt(this.#schedule, outage.firstErrorTime);
    return new Date(outage.firstErrorTime.getTime() - interval);
  }

  async #countFailedTransactions(context: AlertContext, outage: Outage): Promise<number | null> {
    try {
      return await context.countFailedTransactions(this.#windowStart(outage));
    } catch (error) {
      context.invocation.logger.warn('Counting failed transactions for the recovery email failed; the email goes out without the count', {
        outageId: outage.id,
        error: describeError(error),
      });
      return null;
    }
  }

  #subject(context: AlertContext, outage: Outage): AlertEmailSubject {
    const zone = context.customer.timeZone;
    let timeZone = this.settings.DefaultTimeZone;
    if (zone !== null && zone.trim() !== '') {
      if (isKnownTimeZone(zone)) {
        timeZone = zone;
      } else {
        context.invocation.logger.warn(`Customer time zone "${zone}" is unknown; emails show ${timeZone}`, { customerId: context.customer.id });
      }
    }
    return {
      customerId: context.target.customerId,
      customerName: context.customer.name,
      applicationId: context.target.applicationId,
      applicationName: context.applicationName,
      environment: context.target.environment,
      outageId: outage.id,
      timeZone,
    };
  }
}
