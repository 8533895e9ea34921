import { parseNcrontab, type NcrontabSchedule } from '../shared/ncrontab';
import { writeLocalLog } from './consoleLog';
import type { RegisteredFunction } from './functionsCore';
import { createInvocationContext } from './invocation';
import type { LocalQueueStore } from './localQueue';
import { triggerOf } from './loadFunctionApp';
import { flushQueueOutputs } from './queueHost';

/** Resolves `%Name%` references in a binding property from app settings, as the Functions host does. */
export function resolveAppSettingReferences(value: string, settings: Record<string, string | undefined>): string {
  return value.replace(/%([^%]+)%/g, (_match, name: string) => {
    const resolved = settings[name];
    if (resolved === undefined) {
      throw new Error(`App setting "${name}" referenced by a binding is not set`);
    }
    return resolved;
  });
}

/** Maximum delay that setTimeout honours, in milliseconds. */
const maxTimeoutMs = 2_147_483_647;

interface ScheduledTimer {
  registered: RegisteredFunction;
  schedule: NcrontabSchedule;
  last: Date | undefined;
  handle: NodeJS.Timeout | undefined;
}

/** Fires every timer-triggered function on its NCRONTAB schedule. */
export class TimerHost {
  readonly #timers: ScheduledTimer[] = [];
  readonly #running = new Set<Promise<void>>();
  #stopped = false;

  constructor(
    functions: readonly RegisteredFunction[],
    settings: Record<string, string | undefined>,
    private readonly store: LocalQueueStore,
    private readonly verbose = false,
  ) {
    for (const registered of functions) {
      const trigger = triggerOf(registered);
      if (trigger.type !== 'timerTrigger') {
        continue;
      }
      const expression = resolveAppSettingReferences(String(trigger.schedule), settings);
      this.#timers.push({ registered, schedule: parseNcrontab(expression), last: undefined, handle: undefined });
    }
  }

  /** Names and schedules of the timers, for the start-up summary. */
  describe(): string[] {
    return this.#timers.map((timer) => `${timer.registered.name} (${timer.schedule.expression})`);
  }

  start(): void {
    for (const timer of this.#timers) {
      this.#arm(timer);
    }
  }

  #arm(timer: ScheduledTimer): void {
    if (this.#stopped) {
      return;
    }
    const next = timer.schedule.nextAfter(new Date());
    this.#waitUntil(timer, next);
  }

  #waitUntil(timer: ScheduledTimer, next: Date): void {
    // setTimeout fires at once for delays beyond 2^31-1 ms (about 24.8 days), so long waits go in steps.
    const delay = next.getTime() - Date.now();
    if (delay > maxTimeoutMs) {
      timer.handle = setTimeout(() => this.#waitUntil(timer, next), maxTimeoutMs);
      return;
    }
    timer.handle = setTimeout(() => {
      const run = this.fire(timer.registered.name, next).finally(() => this.#running.delete(run));
      this.#running.add(run);
      this.#arm(timer);
    }, Math.max(0, delay));
  }

  /** Runs one timer function now, as if its schedule fired at `scheduledFor`. */
  async fire(functionName: string, scheduledFor = new Date()): Promise<void> {
    const timer = this.#timers.find((candidate) => candidate.registered.name === functionName);
    if (!timer) {
      throw new Error(`No timer function named "${functionName}"`);
    }
    const context = createInvocationContext(timer.registered, { verbose: this.verbose });
    const timerInput = {
      isPastDue: Date.now() - scheduledFor.getTime() > 60_000,
      scheduleStatus: {
        last: (timer.last ?? scheduledFor).toISOString(),
        next: timer.schedule.nextAfter(scheduledFor).toISOString(),
        lastUpdated: new Date().toISOString(),
      },
    };
    timer.last = scheduledFor;
    try {
      const returned = await timer.registered.handler(timerInput, context);
      flushQueueOutputs(timer.registered, context, returned, this.store);
    } catch (error) {
      writeLocalLog('error', functionName, `Timer invocation failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const timer of this.#timers) {
      clearTimeout(timer.handle);
    }
    await Promise.allSettled([...this.#running]);
  }
}
