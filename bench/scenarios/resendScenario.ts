import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { benchEpicorHeaders } from '../fixtures/benchApplications';
import { createResendFixture } from '../fixtures/resendFixture';
import { resendResultSchema, type ResendResult } from '../jobs/jobSchemas';
import { benchSettings } from '../support/benchSettings';
import { benchScript } from '../support/paths';
import { createRandom, shuffled } from '../support/random';
import { runChildJob } from '../support/runChildJob';
import { startSimulatorProcess } from '../support/startSimulatorProcess';

/** Figures of the resend runs. */
export interface ResendReport {
  rowsPerRun: number;
  result: ResendResult;
}

const instance = 'resend-mfs-live';

/** Ids per request when resending as the screen does. */
export const screenRequestSize = 25;

/**
 * Resends two sets of `rowsPerRun` failed messages to a simulator that
 * responds without delay. The first set goes in one request that lists every
 * id in random order, the second in requests of 25 ids, oldest first, as the
 * screen sends them.
 */
export async function runResendScenario(workDirectory: string, rowsPerRun: number): Promise<ResendReport> {
  const stateDirectory = join(workDirectory, 'resend');
  const simulator = await startSimulatorProcess({ scenarios: { [instance]: 'healthy' }, latencies: {} });
  try {
    const fixture = await createResendFixture(stateDirectory, simulator.url, instance, rowsPerRun, 2);
    const random = createRandom(99);
    const runs = fixture.runs.map((rows, index) => {
      const inOrder = rows.map((row) => row.id);
      return {
        name: index === 0 ? `one request of ${rows.length.toLocaleString('en-GB')} ids in random order` : `requests of ${screenRequestSize} ids, oldest first, as the screen sends them`,
        requestSize: index === 0 ? rows.length : screenRequestSize,
        ids: index === 0 ? shuffled(inOrder, random) : inOrder,
        expectedBodies: rows.map((row) => row.body),
        rawRequests: rows.map((row) => ({ url: `${simulator.url}/${instance}/${row.endpoint}`, method: row.method, headers: benchEpicorHeaders(true), body: row.body })),
      };
    });
    const result = await runChildJob(
      benchScript('worker.js'),
      {
        kind: 'resend',
        settings: benchSettings(stateDirectory),
        queueFile: join(stateDirectory, 'queues.db'),
        authDirectory: join(stateDirectory, 'auth'),
        customerId: fixture.customer.id,
        user: fixture.customer.administrator,
        simulatorUrl: simulator.url,
        runs,
      },
      resendResultSchema,
      { label: `resend, ${rowsPerRun} rows`, timeoutMs: 5 * 60 * 1000 },
    );
    return { rowsPerRun, result };
  } finally {
    await simulator.stop();
    rmSync(stateDirectory, { recursive: true, force: true });
  }
}
