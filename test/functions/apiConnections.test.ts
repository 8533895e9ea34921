import { randomUUID } from 'node:crypto';
import { listConnections } from '../../src/functions/listConnections';
import { listSyncLogs } from '../../src/functions/listSyncLogs';
import { testConnection } from '../../src/functions/testConnection';
import type { ConnectionTestResult } from '../../src/epicor/testConnection';
import type { ConnectionStatus } from '../../src/resend/connectionStatus';
import type { SyncLogItem } from '../../src/resend/syncLogHistory';
import { callHandler, createApiHarness, ids, type ApiHarness } from './http/apiHarness';

let harness: ApiHarness;
let token: string;

beforeAll(async () => {
  harness = await createApiHarness();
  token = await harness.tokenFor('adminA');
});

afterAll(async () => {
  await harness.close();
});

beforeEach(async () => {
  await harness.services.portalDb.deleteFrom('SyncLogs').execute();
  await harness.services.portalDb.deleteFrom('ConnectionChecks').execute();
  harness.simulator.setScenario('a-live', 'healthy');
  harness.simulator.clearCalls();
});

interface OutageSeed {
  applicationId?: string;
  environment?: 'Live' | 'Test';
  customerId?: string;
  first: string;
  recovered?: string;
}

async function insertOutage(seed: OutageSeed): Promise<string> {
  const id = randomUUID();
  await harness.services.portalDb
    .insertInto('SyncLogs')
    .values({
      ID: id,
      CustomerID: seed.customerId ?? ids.customerA,
      ApplicationID: seed.applicationId ?? ids.fieldService,
      Environment: seed.environment ?? 'Live',
      FirstErrorTime: new Date(seed.first),
      LastErrorTime: new Date(seed.recovered ?? seed.first),
      Success: seed.recovered !== undefined,
      RecoveredTime: seed.recovered === undefined ? null : new Date(seed.recovered),
      FailureCount: 3,
      LastErrorClass: 'serviceUnavailable',
      LastErrorMessage: 'Epicor returned 503: the application pool is stopped.',
      LastStatusCode: 503,
    })
    .execute();
  return id;
}

describe('GET connections', () => {
  function connections() {
    return callHandler<{ connections: ConnectionStatus[] }>(listConnections, { method: 'GET', path: `customers/${ids.customerA}/connections`, params: { customerId: ids.customerA }, token });
  }

  it('combines outages, checks and settings', async () => {
    const outageId = await insertOutage({ first: '2026-11-27T11:00:00.000Z' });
    await harness.services.portalDb
      .insertInto('ConnectionChecks')
      .values([
        { CustomerID: ids.customerA, ApplicationID: ids.fieldService, Environment: 'Live', LastCheckedTime: new Date('2026-11-27T11:55:00.000Z'), LastSuccess: false, LastErrorClass: 'serviceUnavailable', LastErrorMessage: 'Epicor returned 503.', LastStatusCode: 503, LastDurationMs: 30 },
        { CustomerID: ids.customerA, ApplicationID: ids.fieldService, Environment: 'Test', LastCheckedTime: new Date('2026-11-27T11:56:00.000Z'), LastSuccess: true, LastErrorClass: null, LastErrorMessage: null, LastStatusCode: 200, LastDurationMs: 20 },
      ])
      .execute();

    const response = await connections();

    expect(response.status).toBe(200);
    expect(response.json.connections).toEqual([
      {
        applicationId: ids.fieldService,
        applicationName: 'Mobile Field Service',
        environment: 'Live',
        enabled: true,
        state: 'down',
        downSince: '2026-11-27T11:00:00.000Z',
        failureClass: 'serviceUnavailable',
        lastError: 'Epicor returned 503: the application pool is stopped.',
        lastCheckedAt: '2026-11-27T11:55:00.000Z',
        outageId,
      },
      {
        applicationId: ids.fieldService,
        applicationName: 'Mobile Field Service',
        environment: 'Test',
        enabled: true,
        state: 'healthy',
        downSince: null,
        failureClass: null,
        lastError: null,
        lastCheckedAt: '2026-11-27T11:56:00.000Z',
        outageId: null,
      },
      {
        applicationId: ids.timesheets,
        applicationName: 'Mobile Timesheets',
        environment: 'Live',
        enabled: false,
        state: 'unknown',
        downSince: null,
        failureClass: null,
        lastError: null,
        lastCheckedAt: null,
        outageId: null,
      },
    ]);
  });

  it('reports unknown before the first check', async () => {
    const response = await connections();

    expect(response.json.connections.map((connection) => connection.state)).toEqual(['unknown', 'unknown', 'unknown']);
  });

  it('ignores another customer\'s outages', async () => {
    await insertOutage({ customerId: ids.customerB, first: '2026-11-27T11:00:00.000Z' });

    const response = await connections();

    expect(response.json.connections[0]!.state).toBe('unknown');
  });
});

describe('GET sync-logs', () => {
  function syncLogs(query = '') {
    return callHandler<{ items: SyncLogItem[] }>(listSyncLogs, { method: 'GET', path: `customers/${ids.customerA}/sync-logs${query}`, params: { customerId: ids.customerA }, token });
  }

  it('lists overlapping outages newest first', async () => {
    await insertOutage({ first: '2026-10-01T00:00:00.000Z', recovered: '2026-10-01T01:00:00.000Z' });
    const recovered = await insertOutage({ first: '2026-11-10T08:00:00.000Z', recovered: '2026-11-10T09:30:00.000Z', environment: 'Test' });
    const open = await insertOutage({ first: '2026-11-27T11:00:00.000Z' });
    const startedBefore = await insertOutage({ first: '2026-10-20T00:00:00.000Z', recovered: '2026-10-29T00:00:00.000Z', applicationId: ids.timesheets });
    await insertOutage({ customerId: ids.customerB, first: '2026-11-20T00:00:00.000Z' });

    const response = await syncLogs();

    expect(response.status).toBe(200);
    expect(response.json.items.map((item) => item.id)).toEqual([open, recovered, startedBefore]);
    expect(response.json.items[1]).toEqual({
      id: recovered,
      applicationId: ids.fieldService,
      applicationName: 'Mobile Field Service',
      environment: 'Test',
      firstErrorTime: '2026-11-10T08:00:00.000Z',
      lastErrorTime: '2026-11-10T09:30:00.000Z',
      recoveredTime: '2026-11-10T09:30:00.000Z',
      success: true,
      failureCount: 3,
      lastErrorClass: 'serviceUnavailable',
      lastErrorMessage: 'Epicor returned 503: the application pool is stopped.',
      lastStatusCode: 503,
    });
    expect(response.json.items[0]).toMatchObject({ recoveredTime: null, success: false });
  });

  it('applies from and to', async () => {
    await insertOutage({ first: '2026-11-10T08:00:00.000Z', recovered: '2026-11-10T09:30:00.000Z' });
    const inside = await insertOutage({ first: '2026-11-12T08:00:00.000Z', recovered: '2026-11-12T09:30:00.000Z' });

    const response = await syncLogs('?from=2026-11-11T00:00:00.000Z&to=2026-11-13T00:00:00.000Z');

    expect(response.json.items.map((item) => item.id)).toEqual([inside]);
  });

  it.each([
    ['from', '?from=last-week'],
    ['range', '?from=2024-01-01T00:00:00.000Z&to=2026-01-01T00:00:00.000Z'],
    ['unknown parameter', '?environment=Live'],
  ])('rejects an invalid %s', async (_name, query) => {
    const response = await syncLogs(query);

    expect(response.status).toBe(400);
  });
});

describe('POST connection test', () => {
  function test(applicationId: string, environment: string) {
    return callHandler<ConnectionTestResult>(testConnection, {
      method: 'POST',
      path: `customers/${ids.customerA}/connections/${applicationId}/${environment}/test`,
      params: { customerId: ids.customerA, applicationId, environment },
      token,
    });
  }

  it('returns a healthy result', async () => {
    const response = await test(ids.fieldService, 'Live');

    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ ok: true, checkedAt: '2026-11-27T12:00:00.000Z', statusCode: 200, failureClass: null, hint: null, epicorError: null });
    expect(response.json.url).toContain('/a-live/');
    expect(harness.simulator.calls('a-live')).toHaveLength(1);
  });

  it('returns a failure with its class and hint', async () => {
    harness.simulator.setScenario('a-live', 'invalidCredentials');

    const response = await test(ids.fieldService, 'Live');

    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ ok: false, statusCode: 401, failureClass: 'invalidCredentials' });
    expect(response.json.hint).toEqual(expect.any(String));
    expect(response.text).not.toContain('test-password');
  });

  it('returns 404 without a connection', async () => {
    const response = await test(ids.timesheets, 'Test');

    expect(response.status).toBe(404);
    expect(response.json.error.code).toBe('notFound');
  });

  it.each([
    ['environment', ids.fieldService, 'Prod'],
    ['application id', 'not-a-guid', 'Live'],
  ])('rejects an invalid %s', async (_name, applicationId, environment) => {
    const response = await test(applicationId, environment);

    expect(response.status).toBe(400);
    expect(harness.simulator.calls()).toHaveLength(0);
  });
});
