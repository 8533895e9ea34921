import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Parses a host.json duration such as "00:00:30" into milliseconds. */
export function parseHostDuration(text: string): number {
  const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(text);
  if (!match) {
    throw new Error(`Invalid host.json duration "${text}": use hh:mm:ss`);
  }
  const [, days, hours, minutes, seconds, fraction] = match;
  const whole = ((Number(days ?? 0) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds);
  return whole * 1000 + Math.round(Number(`0.${fraction ?? '0'}`) * 1000);
}

const hostJsonSchema = z.object({
  extensions: z
    .object({
      http: z.object({ routePrefix: z.string().optional() }).loose().optional(),
      queues: z
        .object({
          batchSize: z.number().int().min(1).max(32).optional(),
          newBatchThreshold: z.number().int().min(0).optional(),
          maxDequeueCount: z.number().int().min(1).optional(),
          visibilityTimeout: z.string().optional(),
          maxPollingInterval: z.string().optional(),
        })
        .loose()
        .optional(),
    })
    .loose()
    .optional(),
});

/** The host.json settings that the local host honours, with the Functions host's defaults. */
export interface LocalHostConfig {
  routePrefix: string;
  queues: {
    batchSize: number;
    newBatchThreshold: number;
    maxDequeueCount: number;
    visibilityTimeoutMs: number;
    maxPollingIntervalMs: number;
  };
}

/** Reads host.json. */
export function readHostConfig(file: string): LocalHostConfig {
  const parsed = hostJsonSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const queues = parsed.extensions?.queues ?? {};
  const batchSize = queues.batchSize ?? 16;
  return {
    routePrefix: parsed.extensions?.http?.routePrefix ?? 'api',
    queues: {
      batchSize,
      newBatchThreshold: queues.newBatchThreshold ?? Math.floor(batchSize / 2),
      maxDequeueCount: queues.maxDequeueCount ?? 5,
      visibilityTimeoutMs: parseHostDuration(queues.visibilityTimeout ?? '00:00:00'),
      maxPollingIntervalMs: parseHostDuration(queues.maxPollingInterval ?? '00:00:02'),
    },
  };
}
