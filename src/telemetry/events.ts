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

/** Fields of an event: ids, counts and classes only, never secrets or message bodies. */
export type TelemetryFields = Record<string, string | number | boolean | null | undefined>;

/** Sink for a formatted event line, such as `InvocationContext.info`. */
export type TelemetryWriter = (line: string) => void;

/** Formats one event as the line that alert rules parse. */
export function formatTelemetryEvent(name: TelemetryEventName, fields: TelemetryFields): string {
  return `${telemetryPrefix} ${name} ${JSON.stringify({ event: name, ...fields })}`;
}

/** Writes one event through the given writer. */
export function emitTelemetryEvent(write: TelemetryWriter, name: TelemetryEventName, fields: TelemetryFields): void {
  write(formatTelemetryEvent(name, fields));
}
