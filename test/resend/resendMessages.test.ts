import { randomUUID } from 'node:crypto';
import type { Customer } from '../../src/data/portalDirectory';
import { openDatabase, type DatabaseHandle } from '../../src/data/openDatabase';
import type { CustomerDatabase } from '../../src/data/customerSchema';
import { parseSettings } from '../../src/config/settings';
import { startEpicorSimulator, type EpicorSimulator } from '../../src/local/epicorSimulator';
import { createLogger } from '../../src/shared/logger';
import { resendMessages, type ResendContext, type ResendReport } from '../../src/resend/resendMessages';
import { createSqliteTestDatabases, type TestDatabases } from '../support/databases';
import { ids, insertMessage, MemorySecretStore } from '../functions/http/apiHarness';

let databases: TestDatabases;
let secondConnection: DatabaseHandle<CustomerDatabase>;
let simulator: EpicorSimulator;

const customer: Customer = { id: ids.customerA, name: 'Alpha Ltd', isActive: true, databaseSecretName: 'customer-a-db', timeZone: null };
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

beforeAll(async () => {
  databases = await createSqliteTestDatabases();
  secondConnection = await openDatabase<CustomerDatabase>(databases.customerConnectionString);
  simulator = await startEpicorSimulator({ port: 0 });
  await databases.customer.db
    .insertInto('EpicorConnection')
    .values({
      ID: randomUUID(),
      ApplicationID: ids.fieldService,
      Environment: 'Live',
      BaseUrl: simulator.baseUrlFor('live'),
      Company: 'EPIC06',
      UserName: 'integration',
      Password: null,
      PasswordSecretName: 'epicor-password',
      ApiKey: 'key',
      ApiKeySecretName: null,
      TestPath: null,
      TrustedCaCertificate: null,
      Enabled: true,
    })
    .execute();
});

afterAll(async () => {
  await simulator.close();
  await secondConnection.close();
  await databases.close();
});

function contextFor(database: DatabaseHandle<CustomerDatabase>, secrets = new MemorySecretStore(new Map([['epicor-password', 'pw']]))): ResendContext {
  return {
    customer,
    database,
    portalDb: databases.portal.db,
    applications: new Map([[ids.fieldService, { id: ids.fieldService, name: 'Mobile Field Service' }]]),
    secrets,
    settings: parseSettings({
      LicensePortalDatabase: 'sqlite:unused.db',
      Secrets__Source: 'local',
      Secrets__LocalFile: 'unused.json',
      Email__Mode: 'outbox',
      Email__OutboxDir: 'unused',
      PortalPublicUrl: 'http://127.0.0.1:7071',
      Auth__Issuer: 'issuer',
      Auth__Audience: 'audience',
      Auth__JwksFile: 'unused.json',
      Epicor__AllowLoopback: 'true',
    }),
    clock: () => new Date('2026-11-27T12:00:00.000Z'),
    logger: createLogger(silent),
    writeTelemetry: () => undefined,
    invocationId: 'test',
  };
}

function sentIds(report: ResendReport): string[] {
  return report.results.filter((result) => result.outcome === 'sent').map((result) => result.id);
}

describe('resendMessages', () => {
  beforeEach(async () => {
    await databases.customer.db.deleteFrom('MessageResends').execute();
    await databases.customer.db.deleteFrom('MessageLogs').execute();
    simulator.clearCalls();
  });

  it('sends once from two connections', async () => {
    const messageIds: number[] = [];
    for (let n = 0; n < 20; n += 1) {
      messageIds.push(await insertMessage(databases.customer, { Timestamp: `2026-11-26T09:00:${String(n).padStart(2, '0')}.000Z`, RequestBody: `{"n":${n}}` }));
    }
    const request = { requestedBy: 'a@example.com', userId: ids.adminA, continueOnFailure: false, ignoreOpenOutage: false };

    const [one, two] = await Promise.all([
      resendMessages(contextFor(databases.customer), { ...request, selection: { ids: messageIds } }),
      resendMessages(contextFor(secondConnection), { ...request, selection: { ids: messageIds } }),
    ]);

    expect([...sentIds(one), ...sentIds(two)].sort()).toEqual(messageIds.map(String).sort());
    expect(simulator.calls('live')).toHaveLength(20);
    expect(new Set(simulator.calls('live').map((call) => call.body)).size).toBe(20);
  });

  it('fails a row whose secret is missing', async () => {
    const id = await insertMessage(databases.customer, { Timestamp: '2026-11-26T09:00:00.000Z' });

    const report = await resendMessages(contextFor(databases.customer, new MemorySecretStore(new Map())), {
      selection: { ids: [id] },
      requestedBy: 'a@example.com',
      userId: ids.adminA,
      continueOnFailure: false,
      ignoreOpenOutage: false,
    });

    expect(report.results).toEqual([{ id: String(id), outcome: 'failed', statusCode: null, error: expect.stringContaining('"epicor-password" was not found') }]);
    expect(simulator.calls()).toHaveLength(0);
  });

  it('lists each repeated id once', async () => {
    const id = await insertMessage(databases.customer, { Timestamp: '2026-11-26T09:00:00.000Z' });

    const report = await resendMessages(contextFor(databases.customer), {
      selection: { ids: [id, id, id] },
      requestedBy: 'a@example.com',
      userId: ids.adminA,
      continueOnFailure: false,
      ignoreOpenOutage: false,
    });

    expect(report.results).toEqual([{ id: String(id), outcome: 'sent', statusCode: expect.any(Number) }]);
    expect(simulator.calls()).toHaveLength(1);
  });
});
