import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createMonitorFixture, monitorConnections } from '../fixtures/monitorFixture';
import { timerFanOutResultSchema, type TimerFanOutResult } from '../jobs/jobSchemas';
import { benchSettings } from '../support/benchSettings';
import { benchScript } from '../support/paths';
import { runChildJob } from '../support/runChildJob';

/** Figures of the timer's fan-out and its baseline. */
export interface TimerFanOutReport {
  customers: number;
  connections: number;
  result: TimerFanOutResult;
}

// No check runs in this scenario, so the connections' URL is never called.
const unusedSimulatorUrl = 'http://127.0.0.1:9';

/** Times the timer function over `customerCount` customer databases (4 connections each), beside the naive sequential read. */
export async function runTimerFanOutScenario(workDirectory: string, customerCount: number, warmRuns: number): Promise<TimerFanOutReport> {
  const stateDirectory = join(workDirectory, `fan-out-${customerCount}`);
  const { customers, connections } = monitorConnections(customerCount);
  try {
    await createMonitorFixture(stateDirectory, customers, connections, unusedSimulatorUrl);
    const result = await runChildJob(
      benchScript('worker.js'),
      { kind: 'timerFanOut', settings: benchSettings(stateDirectory), queueFile: join(stateDirectory, 'queues.db'), warmRuns },
      timerFanOutResultSchema,
      { label: `timer fan-out, ${customerCount} customers`, timeoutMs: 5 * 60 * 1000 },
    );
    return { customers: customers.length, connections: connections.length, result };
  } finally {
    rmSync(stateDirectory, { recursive: true, force: true });
  }
}
