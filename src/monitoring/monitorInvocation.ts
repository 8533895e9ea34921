import { SecretNotFoundError } from '../secrets/secretStore';
import { describeError } from '../shared/errors';
import { createLogger, type LogSink, type Logger } from '../shared/logger';
import { emitTelemetryEvent, type TelemetryEventName, type TelemetryFields } from '../telemetry/events';

/** Stages at which a monitor fault can happen. Alert rules and queries group faults by stage. */
export const monitorFaultStages = ['fanOut', 'customerDatabase', 'secret', 'check', 'recipients'] as const;
export type MonitorFaultStage = (typeof monitorFaultStages)[number];

/** The logger and telemetry of one function invocation. */
export interface MonitorInvocation {
  invocationId: string;
  logger: Logger;
  /** Writes a telemetry event with the invocation id added. */
  emit<Name extends TelemetryEventName>(name: Name, fields: TelemetryFields<Name, 'invocationId'>): void;
}

/** Creates the invocation scope from an `InvocationContext` or any sink with an invocation id. */
export function monitorInvocation(context: LogSink & { invocationId: string }): MonitorInvocation {
  return {
    invocationId: context.invocationId,
    logger: createLogger(context),
    emit: <Name extends TelemetryEventName>(name: Name, fields: TelemetryFields<Name, 'invocationId'>) => {
      // The compiler cannot see through the generic spread that adding invocationId completes the fields.
      const complete = { ...fields, invocationId: context.invocationId } as TelemetryFields<Name>;
      emitTelemetryEvent((line) => context.info(line), name, complete);
    },
  };
}

/**
 * Logs a fault of this service (not of the customer's Epicor) and emits the
 * `MonitorFault` event. Such a fault opens no outage and sends no email.
 */
export function reportMonitorFault(
  invocation: MonitorInvocation,
  fault: { customerId: string | null; stage: MonitorFaultStage; error: unknown; fields?: Record<string, unknown> },
): void {
  const error = describeError(fault.error);
  invocation.logger.error(`Monitor fault at stage ${fault.stage}: ${error}`, { customerId: fault.customerId, ...fault.fields });
  invocation.emit('MonitorFault', { customerId: fault.customerId, stage: fault.stage, error });
}

/** Returns the fault stage of an error raised while opening a customer's database. */
export function customerDatabaseStage(error: unknown): MonitorFaultStage {
  return error instanceof SecretNotFoundError ? 'secret' : 'customerDatabase';
}
