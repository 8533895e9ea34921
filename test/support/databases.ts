import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { readEnvironmentValue } from '../../src/config/settings';
import type { CustomerDatabase } from '../../src/data/customerSchema';
import { customerMigrations } from '../../src/data/migrations/customerMigrations';
import { portalMigrations } from '../../src/data/migrations/portalMigrations';
import { migrateToLatest } from '../../src/data/migrateDatabase';
import { openDatabase, type DatabaseEngine, type DatabaseHandle } from '../../src/data/openDatabase';
import type { PortalDatabase } from '../../src/data/portalSchema';

/** A migrated pair of databases for one test file, removed by `close`. */
export interface TestDatabases {
  engine: DatabaseEngine;
  portal: DatabaseHandle<PortalDatabase>;
  customer: DatabaseHandle<CustomerDatabase>;
  /** Connection string of the customer database, as a secret would contain it. */
  customerConnectionString: string;
  directory: string;
  close(): Promise<void>;
}

/** Engines the data-layer contract runs on here: SQLite always, SQL Server when configured. */
export function testEngines(): { engine: DatabaseEngine; connectionString: string | undefined }[] {
  const mssql = readEnvironmentValue('TEST_MSSQL_CONNECTION');
  return [
    { engine: 'sqlite', connectionString: undefined },
    { engine: 'mssql', connectionString: mssql },
  ];
}

/** Creates fresh SQLite databases in a temporary folder, migrated to the latest schema. */
export async function createSqliteTestDatabases(): Promise<TestDatabases> {
  const directory = mkdtempSync(join(tmpdir(), 'sync-guard-test-'));
  const customerConnectionString = `sqlite:${join(directory, 'customer.db')}`;
  const portal = await openDatabase<PortalDatabase>(`sqlite:${join(directory, 'portal.db')}`);
  const customer = await openDatabase<CustomerDatabase>(customerConnectionString);
  await migrateToLatest(portal.db as Kysely<unknown>, portalMigrations('sqlite'));
  await migrateToLatest(customer.db as Kysely<unknown>, customerMigrations('sqlite'));
  return {
    engine: 'sqlite',
    portal,
    customer,
    customerConnectionString,
    directory,
    close: async () => {
      await portal.close();
      await customer.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * Opens SQL Server test databases: both roles share the configured database,
 * whose tables are dropped and migrated afresh. Only used when
 * TEST_MSSQL_CONNECTION names a disposable database.
 */
export async function createMssqlTestDatabases(connectionString: string): Promise<TestDatabases> {
  const portal = await openDatabase<PortalDatabase>(connectionString);
  const customer = await openDatabase<CustomerDatabase>(connectionString);
  const db = portal.db as Kysely<unknown>;
  for (const table of ['MessageResends', 'MessageLogs', 'EpicorConnection', 'ConnectionChecks', 'SyncLogs', 'Users', 'Applications', 'Customers', 'kysely_migration', 'kysely_migration_lock']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await migrateToLatest(db, { ...prefixKeys('portal_', portalMigrations('mssql')), ...prefixKeys('zcustomer_', customerMigrations('mssql')) });
  return {
    engine: 'mssql',
    portal,
    customer,
    customerConnectionString: connectionString,
    directory: '',
    close: async () => {
      await portal.close();
      await customer.close();
    },
  };
}

function prefixKeys<T>(prefix: string, record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [`${prefix}${key}`, value]));
}

/** Creates test databases for an engine entry from {@link testEngines}. */
export async function createTestDatabases(entry: { engine: DatabaseEngine; connectionString: string | undefined }): Promise<TestDatabases> {
  if (entry.engine === 'mssql') {
    if (!entry.connectionString) {
      throw new Error('TEST_MSSQL_CONNECTION is not set');
    }
    return createMssqlTestDatabases(entry.connectionString);
  }
  return createSqliteTestDatabases();
}
