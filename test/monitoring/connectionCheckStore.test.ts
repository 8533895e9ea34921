import type { ConnectionTestResult } from '../../src/epicor/testConnection';
import type { CheckTarget } from '../../src/monitoring/checkMessage';
import { ConnectionCheckStore } from '../../src/monitoring/connectionCheckStore';
import { createTestDatabases, testEngines, type TestDatabases } from '../support/databases';

const engines = testEngines().filter((entry) => entry.engine === 'sqlite' || entry.connectionString !== undefined);

const target: CheckTarget = {
  customerId: '8f6b1c2a-3d4e-4f50-9a1b-2c3d4e5f6a7b',
  applicationId: '0b1c2d3e-4f50-4a1b-8c2d-3e4f5a6b7c8d',
  environment: 'Live',
};

const at = (time: string): Date => new Date(`2026-12-04T${time}Z`);

describe.each(engines)('ConnectionCheckStore on $engine', (entry) => {
  let databases: TestDatabases;
  let store: ConnectionCheckStore;

  beforeEach(async () => {
    databases = await createTestDatabases(entry);
    store = new ConnectionCheckStore(databases.portal.db);
  });

  afterEach(async () => {
    await databases.close();
  });

  it('claims each occurrence once', async () => {
    const first = await store.claimOccurrence(target, at('19:50:00'), false);
    const again = await store.claimOccurrence(target, at('19:50:00'), false);
    const earlier = await store.claimOccurrence(target, at('19:45:00'), false);
    const later = await store.claimOccurrence(target, at('19:55:00'), false);

    expect([first, again, earlier, later]).toEqual([true, false, false, true]);
  });

  it('GUID case does not split claims', async () => {
    await store.claimOccurrence(target, at('19:50:00'), false);

    const upper = await store.claimOccurrence({ ...target, customerId: target.customerId.toUpperCase() }, at('19:50:00'), false);

    expect(upper).toBe(false);
  });

  it('concurrent first claims have one winner', async () => {
    const claims = await Promise.all(Array.from({ length: 10 }, () => store.claimOccurrence(target, at('19:50:00'), false)));

    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('redelivery reclaims an unfinished check', async () => {
    await store.claimOccurrence(target, at('19:50:00'), false);

    const redelivered = await store.claimOccurrence(target, at('19:50:00'), true);
    await store.recordResult(target, passed, at('19:50:01'));
    const afterCompletion = await store.claimOccurrence(target, at('19:50:00'), true);

    expect([redelivered, afterCompletion]).toEqual([true, false]);
  });

  it('records the result for the status API', async () => {
    await store.claimOccurrence(target, at('19:50:00'), false);

    await store.recordResult(target, { ...failed, message: 'y'.repeat(5000) }, at('19:50:02'));

    const row = await databases.portal.db.selectFrom('ConnectionChecks').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ LastErrorClass: 'forbidden', LastStatusCode: 403, LastDurationMs: 13 });
    expect(row.LastSuccess === false || row.LastSuccess === 0).toBe(true);
    expect(new Date(row.LastCheckedTime ?? '').toISOString()).toBe('2026-12-04T19:50:02.000Z');
    expect(row.LastErrorMessage).toHaveLength(2000);
  });
});

const passed: ConnectionTestResult = {
  ok: true,
  checkedAt: '2026-12-04T19:50:00.500Z',
  durationMs: 12,
  url: 'http://127.0.0.1/Kinetic/api/v2/odata/EPIC06/Erp.BO.CompanySvc/Companies?$top=1',
  statusCode: 200,
  failureClass: null,
  message: 'Epicor returned 200 with JSON.',
  hint: null,
  epicorError: null,
};

const failed: ConnectionTestResult = {
  ...passed,
  ok: false,
  durationMs: 12.6,
  statusCode: 403,
  failureClass: 'forbidden',
  message: 'Epicor returned 403.',
  hint: 'Check the user security.',
};
