/**
 * The service's error family. HTTP functions map each kind to one status in
 * one place under src/functions/http. Every message states what failed, on
 * which value, and what to do next.
 */
export const errorKinds = [
  'validation',
  'unauthenticated',
  'forbidden',
  'notFound',
  'conflict',
  'payloadTooLarge',
  'dependencyUnavailable',
] as const;
export type ErrorKind = (typeof errorKinds)[number];

/** An expected failure with a kind that decides how callers react. */
export class ServiceError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ServiceError';
    this.details = options?.details;
  }

  /** Extra fields for the response body, such as the open outage behind a conflict. */
  readonly details: Record<string, unknown> | undefined;
}

/** Shorthand constructors, so call sites read as the failure they report. */
export const validationError = (message: string, details?: Record<string, unknown>) =>
  new ServiceError('validation', message, { details });
export const notFoundError = (message: string) => new ServiceError('notFound', message);
export const forbiddenError = (message: string) => new ServiceError('forbidden', message);
export const conflictError = (message: string, details?: Record<string, unknown>) =>
  new ServiceError('conflict', message, { details });
export const dependencyUnavailableError = (message: string, cause?: unknown) =>
  new ServiceError('dependencyUnavailable', message, { cause });

/** Describes a caught value for a log line: the message and the causes' messages. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 4; depth += 1) {
    if (current instanceof Error) {
      const code = (current as NodeJS.ErrnoException).code;
      parts.push(code ? `${current.message} (${code})` : current.message);
      current = current.cause;
    } else {
      parts.push(typeof current === 'string' ? current : JSON.stringify(current));
      break;
    }
  }
  return parts.join(': caused by ');
}
