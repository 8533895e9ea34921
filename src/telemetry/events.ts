/**
 * Structured events that operators' Application Insights alert rules query.
 *
 * Each event is written as one log line of the form
 * `SyncGuardEvent <Name> <JSON object>`, which reaches Application Insights as
 * a trace whose message a query splits with
 * `parse_json(extract(@"^SyncGuardEvent \w+ (\{.*\})$", 1, message))`.
 * Renaming an event or a field breaks the alert rules in infra/alerts.bicep.
 */
export const telemetryEventNames = [
  /** One Epicor connection test finished (success or failure). */
  'ConnectionCheckCompleted',
  /** A failed check opened a new outage (a new open SyncLogs row). */
  'OutageOpened',
  /** A successful check closed an open outage. */
  'OutageClosed',
  /** An outage or recovery email was accepted by the email service. */
  'AlertEmailSent',
  /** An outage or recovery email could not be sent; the next check retries it. */
  'AlertEmailFailed',
  /** A fault of this service, not of the customer's Epicor (database, secret, bug). */
  'MonitorFault',
  /** The timer enqueued one check cycle: the heartbeat that proves the monitor runs. */
  'CheckCycleScheduled',
  /** A queue message exhausted its deliveries and reached the poison queue. */
  'PoisonMessage',
  /** A resend request finished. */
  'ResendCompleted',
] as const;

export type TelemetryEventName = (typeof telemetryEventNames)[number];

/** Prefix of every structured event line. */
export const telemetryPrefix = 'SyncGuardEvent';

/**
 * Fields that each event always carries besides `event`; alert rules filter
 * and split on them. Values are ids, counts, classes and times, never
 * secrets, addresses or message bodies.
 */
export const telemetryEventFields = {
  ConnectionCheckCompleted: ['customerId', 'applicationId', 'environment', 'ok', 'failureClass', 'statusCode', 'durationMs', 'invocationId'],
  OutageOpened: [
    'customerId',
    'customerName',
    'applicationId',
    'applicationName',
    'environment',
    'outageId',
    'failureClass',
    'statusCode',
    'firstErrorTime',
    'invocationId',
  ],
  OutageClosed: ['customerId', 'applicationId', 'environment', 'outageId', 'durationSeconds', 'invocationId'],
  AlertEmailSent: ['customerId', 'applicationId', 'environment', 'outageId', 'kind', 'recipientCount', 'invocationId'],
  AlertEmailFailed: ['customerId', 'applicationId', 'environment', 'outageId', 'kind', 'recipientCount', 'error', 'invocationId'],
  MonitorFault: ['customerId', 'stage', 'error', 'invocationId'],
  CheckCycleScheduled: ['scheduledFor', 'messageCount', 'customerCount', 'faultCount', 'durationMs', 'invocationId'],
  PoisonMessage: ['queueName', 'messagePreview', 'invocationId'],
  ResendCompleted: ['customerId', 'requestedBy', 'sent', 'failed', 'skipped', 'invocationId'],
} as const satisfies Record<TelemetryEventName, readonly string[]>;

type FieldValue = string | number | boolean | null;

/**
 * Fields of one event: every documented field (null when not known), less
 * those in `Supplied` that a wrapper adds, plus optional extras.
 */
export type TelemetryFields<Name extends TelemetryEventName = TelemetryEventName, Supplied extends string = never> = {
  [Field in Exclude<(typeof telemetryEventFields)[Name][number], Supplied>]: FieldValue;
} & Record<string, FieldValue | undefined>;

/** Sink for a formatted event line, such as `InvocationContext.info`. */
export type TelemetryWriter = (line: string) => void;

/** Formats one event as the line that alert rules parse. */
export function formatTelemetryEvent<Name extends TelemetryEventName>(name: Name, fields: TelemetryFields<Name>): string {
  return `${telemetryPrefix} ${name} ${JSON.stringify({ event: name, ...fields })}`;
}

/** Writes one event through the given writer. */
export function emitTelemetryEvent<Name extends TelemetryEventName>(write: TelemetryWriter, name: Name, fields: TelemetryFields<Name>): void {
  write(formatTelemetryEvent(name, fields));
}
