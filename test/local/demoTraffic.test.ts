import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { CustomerDatabase } from '../../src/data/customerSchema';
import { migrateToLatest } from '../../src/data/migrateDatabase';
import { portalMigrations } from '../../src/data/migrations/portalMigrations';
import { openDatabase, type DatabaseHandle } from '../../src/data/openDatabase';
import type { PortalDatabase } from '../../src/data/portalSchema';
import { demoCustomers } from '../../src/local/demoData';
import { DemoTraffic } from '../../src/local/demoTraffic';
import { startEpicorSimulator, type EpicorSimulator, type Scenario } from '../../src/local/epicorSimulator';
import { demoScenarios, seedDemo } from '../../src/local/seedDemo';

describe('DemoTraffic', () => {
  let folder: string;
  let portal: DatabaseHandle<PortalDatabase>;
  let simulator: EpicorSimulator;
  const seededAt = new Date('2026-12-01T12:00:00.000Z');

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'sync-guard-traffic-'));
    portal = await openDatabase<PortalDatabase>(`sqlite:${join(folder, 'portal.db')}`);
    await migrateToLatest(portal.db as Kysely<unknown>, portalMigrations('sqlite'));
    simulator = await startEpicorSimulator({ initialScenarios: demoScenarios() as Record<string, Scenario>, hangMs: 1000 });
    await seedDemo({ dataDirectory: folder, secretsFile: join(folder, 'secrets.json'), portal: portal.db, simulatorUrl: simulator.url, now: seededAt });
  });

  afterAll(async () => {
    await simulator.close();
    await portal.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('logs one outcome per enabled connection', async () => {
    const traffic = new DemoTraffic(join(folder, 'secrets.json'), 60_000);

    const posted = await traffic.runRound();

    const enabled = demoCustomers.filter((customer) => customer.isActive).flatMap((customer) => customer.connections.filter((connection) => connection.enabled));
    expect(posted).toBe(enabled.length);
    const northwind = await openDatabase<CustomerDatabase>(`sqlite:${join(folder, 'customer-northwind.db')}`);
    try {
      const rows = await northwind.db
        .selectFrom('MessageLogs')
        .select(['Environment', 'Success', 'StatusCode', 'ResponseText'])
        .where('Timestamp', '>', seededAt)
        .orderBy('ID')
        .execute();
      expect(rows).toHaveLength(4);
      expect(rows.filter((row) => row.Success === 0)).toEqual([expect.objectContaining({ Environment: 'Live', StatusCode: 503 })]);
    } finally {
      await northwind.close();
    }
    expect(simulator.calls('northwind-mfs-live').map((call) => call.method)).toEqual(['POST']);
  });
});
