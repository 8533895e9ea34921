/** Log levels, in the Functions host's order. */
export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof logLevels)[number];

/**
 * The logging surface that services use. In Azure it forwards to the
 * invocation context, so every line carries the invocation id; elsewhere to
 * the console. Fields are ids and counts, never secrets or message bodies.
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** The subset of `InvocationContext` that a logger needs. */
export interface LogSink {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** Formats fields as `key=value` pairs after the message, which reads well locally and is searchable in traces. */
export function formatLogLine(message: string, fields?: Record<string, unknown>): string {
  if (!fields) {
    return message;
  }
  const pairs = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return pairs.length === 0 ? message : `${message} ${pairs.join(' ')}`;
}

/** Creates a logger that writes through a sink such as an `InvocationContext` or `console`. */
export function createLogger(sink: LogSink): Logger {
  return {
    debug: (message, fields) => sink.debug(formatLogLine(message, fields)),
    info: (message, fields) => sink.info(formatLogLine(message, fields)),
    warn: (message, fields) => sink.warn(formatLogLine(message, fields)),
    error: (message, fields) => sink.error(formatLogLine(message, fields)),
  };
}
