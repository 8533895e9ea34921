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
import { pointDemoConnectionsAt, seedDemo } from '../../src/local/seedDemo';

describe('demo seed', () => {
  let folder: string;
  let portal: DatabaseHandle<PortalDatabase>;
  const secretsFile = () => join(folder, 'secrets.json');

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'sync-guard-seed-'));
    portal = await openDatabase<PortalDatabase>(`sqlite:${join(folder, 'portal.db')}`);
    await migrateToLatest(portal.db as Kysely<unknown>, portalMigrations('sqlite'));
  });

  afterEach(async () => {
    await portal.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function baseUrlsOf(slug: string): Promise<string[]> {
    const customer = await openDatabase<CustomerDatabase>(`sqlite:${join(folder, `customer-${slug}.db`)}`);
    try {
      const rows = await customer.db.selectFrom('EpicorConnection').select('BaseUrl').orderBy('BaseUrl').execute();
      return rows.map((row) => row.BaseUrl);
    } finally {
      await customer.close();
    }
  }

  it('seeds customers, users and failures', async () => {
    const result = await seedDemo({ dataDirectory: folder, secretsFile: secretsFile(), portal: portal.db, simulatorUrl: 'http://127.0.0.1:1111', now: new Date('2026-12-04T12:00:00Z') });

    const customers = await portal.db.selectFrom('Customers').select('ID').execute();
    expect(customers).toHaveLength(demoCustomers.length);
    expect(result.messageCount).toBe(240 * demoCustomers.length);
    expect(result.scenarios['northwind-timesheets-live']).toBe('appPoolStopped');
    expect(await baseUrlsOf('northwind')).toContain('http://127.0.0.1:1111/northwind-mfs-live');
  });

  it('moves demo connections to a new simulator port', async () => {
    await seedDemo({ dataDirectory: folder, secretsFile: secretsFile(), portal: portal.db, simulatorUrl: 'http://127.0.0.1:1111', now: new Date() });

    const moved = await pointDemoConnectionsAt('http://127.0.0.1:2222', secretsFile());
    const again = await pointDemoConnectionsAt('http://127.0.0.1:2222', secretsFile());

    const connectionCount = demoCustomers.reduce((sum, customer) => sum + customer.connections.length, 0);
    expect(moved).toBe(connectionCount);
    expect(again).toBe(0);
    expect(await baseUrlsOf('contoso')).toEqual(expect.arrayContaining(['http://127.0.0.1:2222/contoso-mfs-live']));
  });

  it('seeds again over old customer files', async () => {
    await seedDemo({ dataDirectory: folder, secretsFile: secretsFile(), portal: portal.db, simulatorUrl: 'http://127.0.0.1:1111', now: new Date() });
    await portal.close();
    rmSync(join(folder, 'portal.db'));
    portal = await openDatabase<PortalDatabase>(`sqlite:${join(folder, 'portal.db')}`);
    await migrateToLatest(portal.db as Kysely<unknown>, portalMigrations('sqlite'));

    const reseeding = seedDemo({ dataDirectory: folder, secretsFile: secretsFile(), portal: portal.db, simulatorUrl: 'http://127.0.0.1:3333', now: new Date() });

    await expect(reseeding).resolves.toEqual(expect.objectContaining({ messageCount: 240 * demoCustomers.length }));
    expect(await baseUrlsOf('fabrikam')).toContain('http://127.0.0.1:3333/fabrikam-mfs-live');
  });
});
