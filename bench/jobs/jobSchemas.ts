import { z } from 'zod';

/**
 * The jobs that `dist/bench/worker.js` runs in a fresh process, and their
 * results. The benchmark sends a job over IPC and parses the reply with the
 * matching result schema.
 */

const settingsSchema = z.record(z.string(), z.string());

const rawRequestSchema = z.object({
  url: z.string(),
  method: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.string().nullable(),
});

export const rawLoopJobSchema = z.object({
  kind: z.literal('rawLoop'),
  requests: z.array(rawRequestSchema),
  concurrency: z.number().int().min(1),
  timeoutMs: z.number().int().min(1),
});

export const rawLoopResultSchema = z.object({
  wallMs: z.number(),
  requests: z.number(),
  answered: z.number(),
  timedOut: z.number(),
  peakRssBytes: z.number(),
});

export const checkCycleJobSchema = z.object({
  kind: z.literal('checkCycle'),
  settings: settingsSchema,
  queueFile: z.string(),
  outboxDirectory: z.string(),
  /** Maximum wait for the queue to drain, in milliseconds. */
  drainTimeoutMs: z.number().int().min(1),
});

export const checkCycleResultSchema = z.object({
  /** From the timer firing to the last check's SyncLogs write, in milliseconds. */
  wallMs: z.number(),
  /** The timer function's own run time, in milliseconds. */
  timerMs: z.number(),
  enqueued: z.number(),
  checked: z.number(),
  succeeded: z.number(),
  openOutages: z.number(),
  emails: z.number(),
  poisoned: z.number(),
  checkDurationP50Ms: z.number(),
  /** Resident set size with the app loaded, before the timer fires. */
  idleRssBytes: z.number(),
  peakRssBytes: z.number(),
  heapUsedBytes: z.number(),
});

export const timerFanOutJobSchema = z.object({
  kind: z.literal('timerFanOut'),
  settings: settingsSchema,
  queueFile: z.string(),
  warmRuns: z.number().int().min(1),
});

export const timerFanOutResultSchema = z.object({
  customers: z.number(),
  naiveMs: z.number(),
  naiveConnections: z.number(),
  coldMs: z.number(),
  warmMs: z.array(z.number()),
  messagesPerRun: z.number(),
});

export const failedMessageQueryJobSchema = z.object({
  kind: z.literal('failedMessageQuery'),
  settings: settingsSchema,
  queueFile: z.string(),
  authDirectory: z.string(),
  customerId: z.string(),
  /** The customer's administrator, who signs in. */
  user: z.object({ id: z.string(), email: z.string() }),
  customerDatabaseFile: z.string(),
  /** End of the data, ISO 8601: ranges end here. */
  rangeEnd: z.string(),
  repetitions: z.number().int().min(1),
});

const queryCaseSchema = z.object({
  name: z.string(),
  rangeDays: z.number(),
  page: z.enum(['first', 'deep']),
  /** Rows before the page, newest first. */
  offset: z.number(),
  matching: z.number(),
  handlerMs: z.array(z.number()),
  bareSqlMs: z.array(z.number()),
  /** The bare SQL with the cursor also as an upper bound on Timestamp; empty for a first page. */
  boundedSqlMs: z.array(z.number()),
});

export const failedMessageQueryResultSchema = z.object({
  cases: z.array(queryCaseSchema),
  queryPlan: z.array(z.string()),
  countPlan: z.array(z.string()),
});

export const resendJobSchema = z.object({
  kind: z.literal('resend'),
  settings: settingsSchema,
  queueFile: z.string(),
  authDirectory: z.string(),
  customerId: z.string(),
  /** The customer's administrator, who signs in. */
  user: z.object({ id: z.string(), email: z.string() }),
  simulatorUrl: z.string(),
  /** Each run resends its own rows: ids in the order the request lists them, and the expected sending order. */
  runs: z.array(
    z.object({
      name: z.string(),
      requestSize: z.number().int().min(1),
      ids: z.array(z.string()),
      expectedBodies: z.array(z.string()),
      rawRequests: z.array(rawRequestSchema),
    }),
  ),
});

export const resendResultSchema = z.object({
  runs: z.array(
    z.object({
      name: z.string(),
      rows: z.number(),
      requests: z.number(),
      resendMs: z.number(),
      rawMs: z.number(),
      sent: z.number(),
      orderVerified: z.boolean(),
      orderProblem: z.string().nullable(),
    }),
  ),
});

export const workerJobSchema = z.discriminatedUnion('kind', [
  rawLoopJobSchema,
  checkCycleJobSchema,
  timerFanOutJobSchema,
  failedMessageQueryJobSchema,
  resendJobSchema,
]);

export type RawLoopJob = z.output<typeof rawLoopJobSchema>;
export type RawLoopResult = z.output<typeof rawLoopResultSchema>;
export type CheckCycleJob = z.output<typeof checkCycleJobSchema>;
export type CheckCycleResult = z.output<typeof checkCycleResultSchema>;
export type TimerFanOutJob = z.output<typeof timerFanOutJobSchema>;
export type TimerFanOutResult = z.output<typeof timerFanOutResultSchema>;
export type FailedMessageQueryJob = z.output<typeof failedMessageQueryJobSchema>;
export type FailedMessageQueryResult = z.output<typeof failedMessageQueryResultSchema>;
export type QueryCaseResult = z.output<typeof queryCaseSchema>;
export type ResendJob = z.output<typeof resendJobSchema>;
export type ResendResult = z.output<typeof resendResultSchema>;
export type WorkerJob = z.output<typeof workerJobSchema>;
