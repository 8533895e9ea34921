import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createCustomerDatabases, createCustomerTemplate, customerDatabaseFile, writeSecretsFile } from '../fixtures/customerDatabases';
import { fillMessageLogs } from '../fixtures/messageLogFixture';
import { benchCustomers, createPortalDatabase } from '../fixtures/portalFixture';
import { failedMessageQueryResultSchema, type FailedMessageQueryResult } from '../jobs/jobSchemas';
import { benchSettings } from '../support/benchSettings';
import { benchScript } from '../support/paths';
import { runChildJob } from '../support/runChildJob';

/** Figures of the failed-message query and how the table was built. */
export interface FailedMessageQueryReport {
  rows: number;
  failedRows: number;
  spanDays: number;
  fillMs: number;
  result: FailedMessageQueryResult;
}

const spanDays = 400;

/** Builds one customer's MessageLogs table of `rows` rows (about 3% failed) and times the grid's pages on it. */
export async function runFailedMessageQueryScenario(workDirectory: string, rows: number, repetitions: number): Promise<FailedMessageQueryReport> {
  const stateDirectory = join(workDirectory, 'failed-message-query');
  const dataDirectory = join(stateDirectory, 'data');
  mkdirSync(dataDirectory, { recursive: true });
  try {
    const [customer] = benchCustomers(1);
    if (!customer) {
      throw new Error('benchCustomers(1) returned no customer.');
    }
    await createPortalDatabase(join(dataDirectory, 'portal.db'), [customer]);
    const template = join(stateDirectory, 'customer-template.db');
    await createCustomerTemplate(template);
    const spec = { customer, file: customerDatabaseFile(dataDirectory, customer), connections: [] };
    createCustomerDatabases(template, [spec]);
    writeSecretsFile(join(stateDirectory, 'secrets.json'), [spec]);
    const rangeEnd = new Date(Math.floor(Date.now() / 1000) * 1000);
    const fill = fillMessageLogs(spec.file, { rows, failedShare: 0.03, spanDays, end: rangeEnd, seed: 7 });

    const result = await runChildJob(
      benchScript('worker.js'),
      {
        kind: 'failedMessageQuery',
        settings: benchSettings(stateDirectory),
        queueFile: join(stateDirectory, 'queues.db'),
        authDirectory: join(stateDirectory, 'auth'),
        customerId: customer.id,
        user: customer.administrator,
        customerDatabaseFile: spec.file,
        rangeEnd: rangeEnd.toISOString(),
        repetitions,
      },
      failedMessageQueryResultSchema,
      { label: `failed-message query, ${rows} rows`, timeoutMs: 5 * 60 * 1000 },
    );
    return { rows, failedRows: fill.failed, spanDays, fillMs: fill.ms, result };
  } finally {
    rmSync(stateDirectory, { recursive: true, force: true });
  }
}
