import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { customerTables, portalTables } from '../../src/data/expectedSchema';
import { PortalDirectory } from '../../src/data/portalDirectory';
import { toDate, toFlag, toGuid } from '../../src/data/rowValues';
import { assertSchema, findSchemaProblems } from '../../src/data/schemaCheck';
import { isUniqueViolation } from '../../src/data/uniqueViolation';
import { createTestDatabases, testEngines, type TestDatabases } from '../support/databases';

const engines = testEngines();
const skipped = engines.filter((entry) => entry.connectionString === undefined && entry.engine === 'mssql');
if (skipped.length > 0) {
  console.warn('SQL Server run of the data-layer contract skipped: TEST_MSSQL_CONNECTION is not set.');
}
const runnable = engines.filter((entry) => entry.engine === 'sqlite' || entry.connectionString !== undefined);

describe.each(runnable.map((entry) => [entry.engine, entry] as const))('data layer on %s', (_name, entry) => {
  let databases: TestDatabases;
  const customerId = randomUUID();
  const applicationId = randomUUID();

  beforeAll(async () => {
    databases = await createTestDatabases(entry);
  });

  afterAll(async () => {
    await databases.close();
  });

  it('creates every expected table and column', async () => {
    await expect(findSchemaProblems(databases.portal.db as Kysely<unknown>, portalTables)).resolves.toEqual([]);
    await expect(findSchemaProblems(databases.customer.db as Kysely<unknown>, customerTables)).resolves.toEqual([]);
  });

  it('names a missing table and column', async () => {
    const expected = [
      { name: 'SyncLogs', owner: 'service' as const, columns: ['ID', 'OutageNotes'] },
      { name: 'Invoices', owner: 'vendor' as const, columns: ['ID'] },
    ];

    const problems = await findSchemaProblems(databases.portal.db as Kysely<unknown>, expected);

    expect(problems).toEqual(['table SyncLogs is missing column OutageNotes', 'table Invoices is missing']);
    await expect(assertSchema(databases.portal.db as Kysely<unknown>, 'portal', expected)).rejects.toThrow(
      'table SyncLogs is missing column OutageNotes',
    );
  });

  it('allows one open outage per target but many closed', async () => {
    const db = databases.portal.db;
    const now = new Date('2026-12-04T10:00:00.000Z');
    const row = (success: boolean) => ({
      ID: randomUUID(),
      CustomerID: customerId,
      ApplicationID: applicationId,
      Environment: 'Live',
      FirstErrorTime: now,
      LastErrorTime: now,
      Success: success,
      FailureCount: 1,
    });

    await db.insertInto('SyncLogs').values(row(true)).execute();
    await db.insertInto('SyncLogs').values(row(true)).execute();
    await db.insertInto('SyncLogs').values(row(false)).execute();
    const duplicateOpen = await db
      .insertInto('SyncLogs')
      .values(row(false))
      .execute()
      .then(() => undefined, (error: unknown) => error);

    expect(isUniqueViolation(duplicateOpen)).toBe(true);
    const open = await db.selectFrom('SyncLogs').select('ID').where('CustomerID', '=', customerId).where('Success', '=', false).execute();
    expect(open).toHaveLength(1);
  });

  it('keeps times in UTC to the millisecond', async () => {
    const id = randomUUID();
    const time = new Date('2026-03-29T00:59:59.123Z');

    await databases.portal.db
      .insertInto('ConnectionChecks')
      .values({ CustomerID: id, ApplicationID: applicationId, Environment: 'Test', LastCheckedTime: time, LastSuccess: true })
      .execute();
    const stored = await databases.portal.db
      .selectFrom('ConnectionChecks')
      .select(['LastCheckedTime', 'LastSuccess'])
      .where('CustomerID', '=', id)
      .executeTakeFirstOrThrow();

    expect(toDate(stored.LastCheckedTime as Date | string).toISOString()).toBe('2026-03-29T00:59:59.123Z');
    expect(toFlag(stored.LastSuccess as boolean | number)).toBe(true);
  });

  it('compares GUIDs case-insensitively', async () => {
    const id = randomUUID();
    await databases.portal.db
      .insertInto('Customers')
      .values({ ID: id, Name: 'Case Test Ltd', IsActive: true, DatabaseSecretName: 'case-test', TimeZone: null })
      .execute();

    const found = await new PortalDirectory(databases.portal.db).getCustomer(id.toUpperCase());

    expect(found?.id).toBe(toGuid(id));
    expect(found?.name).toBe('Case Test Ltd');
  });

  it('orders equal timestamps by id', async () => {
    const db = databases.customer.db;
    const time = new Date('2026-12-01T09:00:00.000Z');
    const base = {
      ApplicationID: applicationId,
      Environment: 'Live',
      Incoming: false,
      Success: false,
      Retries: 0,
      HttpMethod: 'POST',
      RequestBody: '{}',
      ResponseText: null,
      StatusCode: 503,
    };
    await db.insertInto('MessageLogs').values({ ...base, Timestamp: time, Endpoint: 'first' }).execute();
    await db.insertInto('MessageLogs').values({ ...base, Timestamp: time, Endpoint: 'second' }).execute();
    await db.insertInto('MessageLogs').values({ ...base, Timestamp: new Date(time.getTime() - 1), Endpoint: 'earlier' }).execute();

    const rows = await db
      .selectFrom('MessageLogs')
      .select(['Endpoint'])
      .where('ApplicationID', '=', applicationId)
      .orderBy('Timestamp')
      .orderBy('ID')
      .execute();

    expect(rows.map((row) => row.Endpoint)).toEqual(['earlier', 'first', 'second']);
  });

  it('lists each active administrator address once', async () => {
    const id = randomUUID();
    const admin = (email: string, isAdministrator: boolean, isActive: boolean) => ({
      ID: randomUUID(),
      CustomerID: id,
      Email: email,
      DisplayName: email,
      IsAdministrator: isAdministrator,
      IsActive: isActive,
    });
    await databases.portal.db
      .insertInto('Users')
      .values([
        admin('a@example.com', true, true),
        admin('A@Example.com', true, true),
        admin('b@example.com', false, true),
        admin('c@example.com', true, false),
      ])
      .execute();

    const administrators = await new PortalDirectory(databases.portal.db).listAdministrators(id);

    expect(administrators.map((administrator) => administrator.email.toLowerCase())).toEqual(['a@example.com']);
  });

  it('treats injection text as data', async () => {
    const hostile = "x'); DROP TABLE Customers;--";
    const id = randomUUID();

    await databases.portal.db
      .insertInto('Customers')
      .values({ ID: id, Name: hostile, IsActive: false, DatabaseSecretName: 'hostile', TimeZone: null })
      .execute();
    const count = await sql<{ n: number }>`select count(*) as n from Customers`.execute(databases.portal.db);

    expect((await new PortalDirectory(databases.portal.db).getCustomer(id))?.name).toBe(hostile);
    expect(Number(count.rows[0]?.n)).toBeGreaterThan(0);
  });
});

describe('SQL Server contract run', () => {
  const configured = engines.some((entry) => entry.engine === 'mssql' && entry.connectionString !== undefined);

  (configured ? it : it.skip)('runs against TEST_MSSQL_CONNECTION (skipped: not set)', () => {
    expect(configured).toBe(true);
  });
});
