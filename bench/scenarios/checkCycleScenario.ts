import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { defaultTestPath } from '../../src/epicor/testConnection';
import { readHostConfig } from '../../src/local/hostConfig';
import { benchCompany, benchEpicorHeaders } from '../fixtures/benchApplications';
import { planLatencyMix } from '../fixtures/latencyMix';
import { connectionsPerCustomer, createMonitorFixture, monitorConnections } from '../fixtures/monitorFixture';
import { checkCycleResultSchema, rawLoopResultSchema, type CheckCycleResult, type RawLoopResult } from '../jobs/jobSchemas';
import { benchSettings } from '../support/benchSettings';
import { benchScript, repositoryRoot } from '../support/paths';
import { runChildJob } from '../support/runChildJob';
import { startSimulatorProcess } from '../support/startSimulatorProcess';

/** Figures of one check cycle and its baseline. */
export interface CheckCycleReport {
  connections: number;
  customers: number;
  healthy: number;
  failing: number;
  hanging: number;
  /** Checks that run at once: host.json's batchSize plus newBatchThreshold. */
  concurrency: number;
  checkTimeoutMs: number;
  raw: RawLoopResult;
  cycle: CheckCycleResult;
}

/** Maximum wait for one cycle's queue to drain, in milliseconds. */
const drainTimeoutMs = 6 * 60 * 1000;

/**
 * Runs one check cycle of `connectionCount` connections (4 per customer)
 * against a simulator process playing the latency mix, after the baseline:
 * the same GETs sent raw at the same concurrency. Each runs in a fresh process.
 */
export async function runCheckCycleScenario(workDirectory: string, connectionCount: number): Promise<CheckCycleReport> {
  const customerCount = Math.ceil(connectionCount / connectionsPerCustomer);
  const { customers, connections } = monitorConnections(customerCount);
  const mix = planLatencyMix(
    connections.map((connection) => connection.instance),
    20_261_204 + connectionCount,
  );
  const hostConfig = readHostConfig(join(repositoryRoot, 'host.json'));
  const concurrency = hostConfig.queues.batchSize + hostConfig.queues.newBatchThreshold;
  const stateDirectory = join(workDirectory, `check-cycle-${connections.length}`);
  const settings = benchSettings(stateDirectory);
  const checkTimeoutMs = Number(settings.CheckTimeoutSeconds ?? '15') * 1000;

  const simulator = await startSimulatorProcess(mix.plan);
  try {
    await createMonitorFixture(stateDirectory, customers, connections, simulator.url);
    const requests = connections.map((connection) => ({
      url: `${simulator.url}/${connection.instance}/${defaultTestPath(benchCompany)}`,
      method: 'GET',
      headers: benchEpicorHeaders(false),
      body: null,
    }));
    const raw = await runChildJob(benchScript('worker.js'), { kind: 'rawLoop', requests, concurrency, timeoutMs: checkTimeoutMs }, rawLoopResultSchema, {
      label: `raw GETs, ${connections.length} connections`,
      timeoutMs: drainTimeoutMs,
    });
    const cycle = await runChildJob(
      benchScript('worker.js'),
      {
        kind: 'checkCycle',
        settings,
        queueFile: join(stateDirectory, 'queues.db'),
        outboxDirectory: settings.Email__OutboxDir ?? join(stateDirectory, 'outbox'),
        drainTimeoutMs,
      },
      checkCycleResultSchema,
      { label: `check cycle, ${connections.length} connections`, timeoutMs: drainTimeoutMs + 60_000 },
    );
    return {
      connections: connections.length,
      customers: customers.length,
      healthy: mix.healthy,
      failing: mix.failing,
      hanging: mix.hanging,
      concurrency,
      checkTimeoutMs,
      raw,
      cycle,
    };
  } finally {
    await simulator.stop();
    rmSync(stateDirectory, { recursive: true, force: true });
  }
}
