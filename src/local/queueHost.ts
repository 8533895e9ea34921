import type { InvocationContext } from '@azure/functions';
import { writeLocalLog } from './consoleLog';
import type { RegisteredFunction } from './functionsCore';
import type { LocalHostConfig } from './hostConfig';
import { createInvocationContext, outputBindings } from './invocation';
import type { LocalQueueMessage, LocalQueueStore } from './localQueue';
import { triggerOf } from './loadFunctionApp';

/** Queue binding types as `@azure/functions` names them. */
const queueTriggerType = 'queueTrigger';
const queueOutputType = 'queue';

/** Converts a message's text to the trigger value the Functions host passes: parsed JSON when it is JSON. */
function toTriggerValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON: the host passes the text as it is.
    return text;
  }
}

/** Enqueues what a finished invocation set on its queue output bindings. */
export function flushQueueOutputs(
  registered: RegisteredFunction,
  context: InvocationContext,
  returned: unknown,
  store: LocalQueueStore,
): number {
  let written = 0;
  for (const [name, binding] of outputBindings(registered)) {
    if (binding.type !== queueOutputType || typeof binding.queueName !== 'string') {
      continue;
    }
    const value = name === '$return' ? returned : context.extraOutputs.get(name);
    if (value === undefined || value === null) {
      continue;
    }
    const items = Array.isArray(value) ? value : [value];
    store.enqueueMany(
      binding.queueName,
      items.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))),
    );
    written += items.length;
  }
  return written;
}

/**
 * Runs every storage-queue function: polls its queue, invokes the handler
 * with the Functions host's semantics, and after `maxDequeueCount` failed
 * deliveries moves the message to `<queue>-poison`.
 */
export class QueueHost {
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #running = new Set<Promise<void>>();
  #stopped = false;

  constructor(
    private readonly functions: readonly RegisteredFunction[],
    private readonly store: LocalQueueStore,
    private readonly config: LocalHostConfig['queues'],
    private readonly verbose = false,
  ) {}

  /** Queue names that have a trigger. */
  get queueNames(): string[] {
    return this.#queueFunctions().map((registered) => String(triggerOf(registered).queueName));
  }

  #queueFunctions(): RegisteredFunction[] {
    return this.functions.filter((registered) => triggerOf(registered).type === queueTriggerType);
  }

  start(): void {
    for (const registered of this.#queueFunctions()) {
      this.#poll(registered, 50);
    }
  }

  #poll(registered: RegisteredFunction, delayMs: number): void {
    if (this.#stopped) {
      return;
    }
    const timer = setTimeout(() => {
      const index = this.#timers.indexOf(timer);
      if (index >= 0) {
        this.#timers.splice(index, 1);
      }
      const received = this.#drainOnce(registered);
      // Poll again soon while messages arrive or run (a slot frees when one finishes), and back off when idle.
      const busy = received > 0 || this.#running.size > 0;
      this.#poll(registered, busy ? 10 : Math.min(this.config.maxPollingIntervalMs, 1000));
    }, delayMs);
    this.#timers.push(timer);
  }

  #drainOnce(registered: RegisteredFunction): number {
    const queueName = String(triggerOf(registered).queueName);
    const capacity = this.config.batchSize + this.config.newBatchThreshold - this.#running.size;
    if (capacity <= 0) {
      return 0;
    }
    // While a message is running it stays invisible for this long; the Functions host renews it the same way.
    const leaseMs = 10 * 60 * 1000;
    const messages = this.store.receive(queueName, Math.min(capacity, this.config.batchSize), leaseMs);
    for (const message of messages) {
      const run = this.#deliver(registered, message).finally(() => this.#running.delete(run));
      this.#running.add(run);
    }
    return messages.length;
  }

  async #deliver(registered: RegisteredFunction, message: LocalQueueMessage): Promise<void> {
    const context = createInvocationContext(registered, {
      verbose: this.verbose,
      triggerMetadata: {
        id: message.id,
        dequeueCount: message.dequeueCount,
        insertionTime: message.insertedAt.toISOString(),
        popReceipt: message.popReceipt,
        queueTrigger: message.text,
      },
    });
    try {
      const returned = await registered.handler(toTriggerValue(message.text), context);
      flushQueueOutputs(registered, context, returned, this.store);
      this.store.complete(message);
    } catch (error) {
      this.#handleFailure(registered, message, error);
    }
  }

  #handleFailure(registered: RegisteredFunction, message: LocalQueueMessage, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    if (message.dequeueCount >= this.config.maxDequeueCount) {
      const poisonQueue = `${message.queueName}-poison`;
      this.store.move(message, poisonQueue);
      writeLocalLog(
        'error',
        registered.name,
        `Message ${message.id} failed ${message.dequeueCount} deliveries and was moved to ${poisonQueue}: ${reason}`,
      );
      return;
    }
    writeLocalLog(
      'warn',
      registered.name,
      `Message ${message.id} failed delivery ${message.dequeueCount} of ${this.config.maxDequeueCount}, retrying in ${this.config.visibilityTimeoutMs} ms: ${reason}`,
    );
    this.store.release(message, this.config.visibilityTimeoutMs);
  }

  /** Waits until no message is queued or running, or the timeout passes; for tests and demos. */
  async waitForIdle(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const queued = this.queueNames.reduce((sum, name) => sum + this.store.count(name), 0);
      if (queued === 0 && this.#running.size === 0) {
        return true;
      }
      await new Promise((resolveWait) => setTimeout(resolveWait, 50));
    }
    return false;
  }

  /** Stops polling and waits for running invocations to finish. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const timer of this.#timers.splice(0)) {
      clearTimeout(timer);
    }
    await Promise.allSettled([...this.#running]);
  }
}
