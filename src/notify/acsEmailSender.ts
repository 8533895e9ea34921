import { EmailClient, type EmailMessage as AcsEmailMessage } from '@azure/communication-email';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { z } from 'zod';
import { describeError } from '../shared/errors';
import type { EmailMessage, EmailReceipt, EmailSender } from './emailSender';

/** The part of the Communication Services `EmailClient` that the sender uses. */
export type AcsEmailClient = Pick<EmailClient, 'beginSend'>;

/** Waits for a time unless the signal aborts first; injectable so tests need not wait. */
export type Sleep = (milliseconds: number, signal: AbortSignal) => Promise<void>;

/** Options of {@link AcsEmailSender}. */
export interface AcsEmailSenderOptions {
  client: AcsEmailClient;
  /** Sender address on a domain verified in Communication Services, such as `DoNotReply@example.com`. */
  senderAddress: string;
  /** Deadline for one send, from the first request to the last status poll, in milliseconds. */
  timeoutMs: number;
  /** Time between status polls in milliseconds; default 1000. The service's Retry-After header wins. */
  pollIntervalMs?: number;
  sleep?: Sleep;
  /** Clock in milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
}

const operationBodySchema = z.object({ id: z.string().optional(), status: z.string().optional() });

/** Progress of one send as the service reported it: whether it accepted the email and whether the operation ended. */
class SendProgress {
  accepted = false;
  ended = false;
  operationId = 'unknown';

  observe(method: string, status: number, body: unknown): void {
    const parsed = operationBodySchema.safeParse(body);
    const operation = parsed.success ? parsed.data : {};
    if (method === 'POST' && status >= 200 && status < 300) {
      this.accepted = true;
      this.operationId = operation.id ?? this.operationId;
    }
    if (operation.status === 'Failed' || operation.status === 'Canceled') {
      this.ended = true;
    }
  }
}

/** Delay before retrying after a throttled request when the service names none, in milliseconds. */
const defaultThrottleDelayMs = 1000;

const realSleep: Sleep = (milliseconds, signal) =>
  new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason instanceof Error ? signal.reason : new Error('The wait was aborted'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    signal.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Returns how long to wait before retrying a request that failed with 429,
 * from the `retry-after-ms`, `x-ms-retry-after-ms` or `Retry-After` header, or
 * undefined when the error is not a throttling response.
 */
export function throttleDelayMs(error: unknown, nowMs: number): number | undefined {
  if (!(error instanceof Error) || Reflect.get(error, 'statusCode') !== 429) {
    return undefined;
  }
  const response: unknown = Reflect.get(error, 'response');
  const headers: unknown = typeof response === 'object' && response !== null ? Reflect.get(response, 'headers') : undefined;
  const header = (name: string): string | undefined => {
    if (typeof headers !== 'object' || headers === null) {
      return undefined;
    }
    const get: unknown = Reflect.get(headers, 'get');
    const value: unknown = typeof get === 'function' ? Reflect.apply(get, headers, [name]) : undefined;
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };

  const milliseconds = header('retry-after-ms') ?? header('x-ms-retry-after-ms');
  if (milliseconds !== undefined && /^\d+$/.test(milliseconds)) {
    return Number(milliseconds);
  }
  const retryAfter = header('retry-after');
  if (retryAfter !== undefined) {
    if (/^\d+$/.test(retryAfter)) {
      return Number(retryAfter) * 1000;
    }
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) {
      return Math.max(0, date - nowMs);
    }
  }
  return defaultThrottleDelayMs;
}

/**
 * Sends email through Azure Communication Services. Each send has its own
 * deadline around the request and the status polling. A throttled request
 * (429) is retried after the delay the service requests when that still fits
 * in the deadline. Otherwise the send fails and the caller retries later.
 *
 * A send counts as done once the service accepted the email (202), even when
 * polling its status then fails, times out or is throttled, because sending
 * it again would deliver it twice. The send fails when the operation ends
 * Failed or Canceled.
 */
export class AcsEmailSender implements EmailSender {
  readonly #sleep: Sleep;
  readonly #now: () => number;

  constructor(private readonly options: AcsEmailSenderOptions) {
    this.#sleep = options.sleep ?? realSleep;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Creates a sender that authenticates with a token credential, by default
   * `DefaultAzureCredential` (the function app's managed identity in Azure).
   * The SDK's own retries are off, so the deadline and throttling are handled here.
   */
  static create(settings: { endpoint: string; senderAddress: string; timeoutMs: number; credential?: TokenCredential }): AcsEmailSender {
    const client = new EmailClient(settings.endpoint, settings.credential ?? new DefaultAzureCredential(), {
      retryOptions: { maxRetries: 0 },
    });
    return new AcsEmailSender({ client, senderAddress: settings.senderAddress, timeoutMs: settings.timeoutMs });
  }

  async send(message: EmailMessage): Promise<EmailReceipt> {
    const { client, timeoutMs } = this.options;
    const deadline = this.#now() + timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`Sending the email timed out after ${timeoutMs} ms`)), timeoutMs);
    const acsMessage: AcsEmailMessage = {
      senderAddress: this.options.senderAddress,
      content: { subject: message.subject, plainText: message.text, html: message.html },
      recipients: { to: message.to.map((address) => ({ address })) },
    };
    const progress = new SendProgress();

    try {
      // The SDK sends the email and polls its status once before it returns the poller.
      const poller = await this.#withThrottling(deadline, controller.signal, progress, () =>
        client.beginSend(acsMessage, {
          abortSignal: controller.signal,
          updateIntervalInMs: this.options.pollIntervalMs ?? 1000,
          onResponse: (response) => progress.observe(response.request.method, response.status, response.parsedBody),
        }),
      );
      // A failed status poll leaves the SDK's poller failed, so polling is not retried.
      // The email was accepted by then, and the catch below treats it as sent.
      const result = await poller.pollUntilDone({ abortSignal: controller.signal });
      if (result.status !== 'Succeeded') {
        throw new Error(`The operation ended with status ${result.status}${result.error?.message ? `: ${result.error.message}` : ''}`);
      }
      return { messageId: result.id };
    } catch (error) {
      // Once the service accepted the email, sending it again would deliver it twice:
      // only a final Failed or Canceled status counts as not sent.
      if (progress.accepted && !progress.ended) {
        return { messageId: progress.operationId };
      }
      if (controller.signal.aborted) {
        throw new Error(
          `Sending the email through Communication Services timed out after ${timeoutMs} ms (Email__TimeoutSeconds); the next check retries it`,
          { cause: error },
        );
      }
      throw new Error(`Sending the email through Communication Services failed: ${describeError(error)}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends again after each 429 while the email is not accepted and the wait fits in the deadline. */
  async #withThrottling<Result>(deadline: number, signal: AbortSignal, progress: SendProgress, attempt: () => Promise<Result>): Promise<Result> {
    for (;;) {
      try {
        return await attempt();
      } catch (error) {
        const delayMs = throttleDelayMs(error, this.#now());
        if (delayMs === undefined || signal.aborted || progress.accepted) {
          throw error;
        }
        const remainingMs = deadline - this.#now();
        if (delayMs >= remainingMs) {
          throw new Error(
            `Communication Services throttled the send (429) and requested a wait of ${Math.ceil(delayMs / 1000)} s, longer than the ${Math.max(0, Math.floor(remainingMs / 1000))} s left before the deadline`,
            { cause: error },
          );
        }
        await this.#sleep(delayMs, signal);
      }
    }
  }
}
