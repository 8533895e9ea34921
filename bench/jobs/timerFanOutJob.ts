import { performance } from 'node:perf_hooks';
import type { CustomerDatabase } from '../../src/data/customerSchema';
import { listEpicorConnections } from '../../src/data/epicorConnections';
import { openDatabase } from '../../src/data/openDatabase';
import { PortalDirectory } from '../../src/data/portalDirectory';
import type { PortalDatabase } from '../../src/data/portalSchema';
import { checkQueueName } from '../../src/monitoring/checkMessage';
import { LocalSecretStore } from '../../src/secrets/localSecretStore';
import { scheduleStartingAt } from '../support/benchSettings';
import { startFunctionApp } from './functionAppHarness';
import type { TimerFanOutJob, TimerFanOutResult } from './jobSchemas';

/**
 * Times the baseline, a naive fan-out. For one customer after another it
 * reads the customer's connection string from the secrets file (no cache),
 * opens its database, reads its enabled connections and closes it.
 */
async function readCustomersNaively(portalConnectionString: string, secretsFile: string): Promise<{ ms: number; customers: number; connections: number }> {
  const started = performance.now();
  const portal = await openDatabase<PortalDatabase>(portalConnectionString);
  const secrets = new LocalSecretStore(secretsFile);
  let connections = 0;
  try {
    const customers = await new PortalDirectory(portal.db).listActiveCustomers();
    for (const customer of customers) {
      const database = await openDatabase<CustomerDatabase>(await secrets.getSecret(customer.databaseSecretName));
      try {
        connections += (await listEpicorConnections(database.db)).filter((connection) => connection.enabled).length;
      } finally {
        await database.close();
      }
    }
    return { ms: performance.now() - started, customers: customers.length, connections };
  } finally {
    await portal.close();
  }
}

/**
 * Times the timer function's own run: `scheduleConnectionChecks` through the
 * local host's timer host, until its messages are in the queue. The first
 * run in the fresh process is cold, because it builds the services and opens
 * every customer database. `warmRuns` runs follow. The naive sequential read
 * runs first as the baseline. The queue host is not started, so no check runs.
 */
export async function runTimerFanOutJob(job: TimerFanOutJob): Promise<TimerFanOutResult> {
  const settings: Record<string, string> = { ...job.settings, CheckSchedule: scheduleStartingAt(new Date()) };
  const naive = await readCustomersNaively(settings.LicensePortalDatabase ?? '', settings.Secrets__LocalFile ?? '');

  const harness = startFunctionApp(settings, job.queueFile);
  const fire = async (): Promise<{ ms: number; messages: number }> => {
    const before = harness.store.count(checkQueueName);
    const started = performance.now();
    await harness.timers.fire('scheduleConnectionChecks');
    const ms = performance.now() - started;
    return { ms, messages: harness.store.count(checkQueueName) - before };
  };
  try {
    const cold = await fire();
    const warmMs: number[] = [];
    for (let run = 0; run < job.warmRuns; run += 1) {
      const warm = await fire();
      if (warm.messages !== cold.messages) {
        throw new Error(`Warm timer run ${run + 1} enqueued ${warm.messages} messages, the cold run ${cold.messages}; every run must schedule every connection.`);
      }
      warmMs.push(warm.ms);
    }
    if (cold.messages !== naive.connections) {
      throw new Error(`The timer enqueued ${cold.messages} checks but the customers have ${naive.connections} enabled connections.`);
    }
    return { customers: naive.customers, naiveMs: naive.ms, naiveConnections: naive.connections, coldMs: cold.ms, warmMs, messagesPerRun: cold.messages };
  } finally {
    await harness.stop();
  }
}
