import { existsSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import BetterSqlite from 'better-sqlite3';
import { z } from 'zod';
import { checkPoisonQueueName, checkQueueName } from '../../src/monitoring/checkMessage';
import { scheduleStartingAt } from '../support/benchSettings';
import { startMemorySampler } from '../support/memorySampler';
import { runRawLoop } from '../support/rawHttp';
import { median } from '../support/stats';
import { startFunctionApp } from './functionAppHarness';
import type { CheckCycleJob, CheckCycleResult, RawLoopJob, RawLoopResult } from './jobSchemas';

/** Times the baseline: the same requests as plain HTTP GETs, at the same concurrency, with the same timeout. */
export async function runRawLoopJob(job: RawLoopJob): Promise<RawLoopResult> {
  const sampler = startMemorySampler();
  const { wallMs, outcomes } = await runRawLoop(job.requests, { concurrency: job.concurrency, timeoutMs: job.timeoutMs });
  const peakRssBytes = sampler.stop();
  const answered = outcomes.filter((outcome) => outcome.statusCode !== null).length;
  return { wallMs, requests: job.requests.length, answered, timedOut: job.requests.length - answered, peakRssBytes };
}

const countSchema = z.object({ n: z.number() });

interface PortalCounts {
  checked: number;
  succeeded: number;
  openOutages: number;
  successDurations: number[];
}

function readPortalCounts(portalFile: string, scheduledSince: string): PortalCounts {
  const database = new BetterSqlite(portalFile, { readonly: true });
  try {
    const count = (text: string, ...parameters: unknown[]): number => countSchema.parse(database.prepare(text).get(...parameters)).n;
    const durations = z
      .array(z.object({ ms: z.number() }))
      .parse(database.prepare('select LastDurationMs as ms from ConnectionChecks where LastSuccess = 1 and LastCheckedTime >= ?').all(scheduledSince));
    return {
      checked: count('select count(*) as n from ConnectionChecks where LastCheckedTime >= ?', scheduledSince),
      succeeded: count('select count(*) as n from ConnectionChecks where LastSuccess = 1 and LastCheckedTime >= ?', scheduledSince),
      openOutages: count('select count(*) as n from SyncLogs where Success = 0'),
      successDurations: durations.map((row) => row.ms),
    };
  } finally {
    database.close();
  }
}

/**
 * Times one check cycle on the embedded default. It fires the timer function
 * through the local host's timer host and lets the local host's queue host
 * run every check. The clock stops when the queue is empty and no check
 * runs, so every ConnectionChecks and SyncLogs row is written by then.
 * Then it counts those rows.
 */
export async function runCheckCycleJob(job: CheckCycleJob): Promise<CheckCycleResult> {
  const firedAt = new Date();
  const settings: Record<string, string> = { ...job.settings, CheckSchedule: scheduleStartingAt(firedAt) };
  const harness = startFunctionApp(settings, job.queueFile);
  harness.queues.start();

  const idleRssBytes = process.memoryUsage().rss;
  const sampler = startMemorySampler();
  const started = performance.now();
  await harness.timers.fire('scheduleConnectionChecks');
  const timerMs = performance.now() - started;
  const enqueued = harness.store.count(checkQueueName);
  const drained = await harness.queues.waitForIdle(job.drainTimeoutMs);
  const wallMs = performance.now() - started;
  const peakRssBytes = sampler.stop();
  const heapUsedBytes = process.memoryUsage().heapUsed;
  const poisoned = harness.store.count(checkPoisonQueueName);
  await harness.stop();

  if (!drained) {
    throw new Error(`The check queue did not drain within ${job.drainTimeoutMs} ms; raise the drain timeout or look for stuck checks.`);
  }
  const portalFile = (settings.LicensePortalDatabase ?? '').slice('sqlite:'.length);
  // Stored times are ISO text, so a string comparison finds this cycle's checks.
  const counts = readPortalCounts(portalFile, new Date(firedAt.getTime() - 1000).toISOString());
  const emails = existsSync(job.outboxDirectory) ? readdirSync(job.outboxDirectory).filter((name) => name.endsWith('.json')).length : 0;
  return {
    wallMs,
    timerMs,
    enqueued,
    checked: counts.checked,
    succeeded: counts.succeeded,
    openOutages: counts.openOutages,
    emails,
    poisoned,
    checkDurationP50Ms: counts.successDurations.length === 0 ? 0 : median(counts.successDurations),
    idleRssBytes,
    peakRssBytes,
    heapUsedBytes,
  };
}
