import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testConnection } from '../../src/epicor/testConnection';
import type { HostResolver } from '../../src/epicor/addressGuard';
import type { Scenario } from '../../src/local/epicorSimulator';
import { createMonitor, type Monitor } from '../../src/monitoring/createMonitor';
import type { ConnectionTester } from '../../src/monitoring/connectionChecker';
import { openDatabase } from '../../src/data/openDatabase';
import type { PortalDatabase } from '../../src/data/portalSchema';
import { MonitorFixture, RecordingEmailSender, recordInvocation } from './monitorFixture';

const scheduledFor = '2026-12-04T19:50:00.000Z';

// Host names that the fake resolver answers, so no DNS query leaves the machine.
const resolveHost: HostResolver = (hostname, _options, callback) => {
  if (hostname === 'metadata.contoso.test') {
    callback(null, [{ address: '169.254.169.254', family: 4 }]);
    return;
  }
  const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
  error.code = 'ENOTFOUND';
  callback(error, []);
};

// A short deadline keeps the hanging-server case fast; everything else is the shared client.
const shortTimeoutTester: ConnectionTester = (target, options) =>
  testConnection(target, { ...options, timeoutMs: 300 }, { resolveHost });

describe('ConnectionChecker', () => {
  let fixture: MonitorFixture;
  let sender: RecordingEmailSender;
  let monitor: Monitor;
  let customerId: string;

  beforeAll(async () => {
    fixture = await MonitorFixture.start();
    customerId = await fixture.addCustomer();
    await fixture.addUser(customerId, 'admin@contoso.example');
  });

  beforeEach(() => {
    sender = new RecordingEmailSender();
    monitor = createMonitor(fixture.services, { emailSender: sender, testConnection: shortTimeoutTester });
    fixture.clock.set('2026-12-04T19:50:10.000Z');
  });

  afterAll(async () => {
    await fixture.close();
  });

  async function newTarget(seed: { instance?: string; baseUrl?: string; enabled?: boolean; apiKeySecretName?: string | null } = {}) {
    const applicationId = await fixture.addApplication(`Application ${Math.random().toString(36).slice(2, 8)}`);
    await fixture.addConnection({ applicationId, environment: 'Live', ...seed });
    return { customerId, applicationId, environment: 'Live' as const, scheduledFor };
  }

  async function checkRow(applicationId: string) {
    return fixture.portalDb.selectFrom('ConnectionChecks').selectAll().where('ApplicationID', '=', applicationId).executeTakeFirst();
  }

  async function openOutages(applicationId: string) {
    return fixture.portalDb.selectFrom('SyncLogs').selectAll().where('ApplicationID', '=', applicationId).where('Success', '=', false).execute();
  }

  it('healthy connection passes without outage', async () => {
    const message = await newTarget({ instance: 'healthy-one' });
    const recorded = recordInvocation();

    const outcome = await monitor.checkConnection(message, recorded.invocation, { dequeueCount: 1 });

    expect(outcome).toBe('checked');
    expect(await openOutages(message.applicationId)).toHaveLength(0);
    expect(await checkRow(message.applicationId)).toMatchObject({ LastSuccess: 1, LastErrorClass: null, LastStatusCode: 200 });
    expect(recorded.events('ConnectionCheckCompleted')).toEqual([
      expect.objectContaining({ customerId, applicationId: message.applicationId, environment: 'Live', ok: true, failureClass: null, invocationId: recorded.invocation.invocationId }),
    ]);
    expect(sender.sent).toHaveLength(0);
  });

  it.each<[Scenario, string]>([
    ['invalidCredentials', 'invalidCredentials'],
    ['invalidApiKey', 'invalidApiKey'],
    ['accessDenied', 'accessDenied'],
    ['forbidden', 'forbidden'],
    ['notFound', 'notFound'],
    ['conversionsPending', 'conversionsPending'],
    ['appPoolStopped', 'serviceUnavailable'],
    ['serverError', 'serverError'],
    ['htmlPage', 'notJson'],
    ['redirectToLogin', 'redirect'],
    ['hang', 'timeout'],
  ])('scenario %s opens outage as %s', async (scenario, failureClass) => {
    const instance = `failing-${scenario}`;
    fixture.simulator.setScenario(instance, scenario);
    const message = await newTarget({ instance });
    const recorded = recordInvocation();

    const outcome = await monitor.checkConnection(message, recorded.invocation, { dequeueCount: 1 });

    expect(outcome).toBe('checked');
    const outages = await openOutages(message.applicationId);
    expect(outages).toHaveLength(1);
    expect(outages[0]).toMatchObject({ LastErrorClass: failureClass, FailureCount: 1, Success: 0 });
    expect(await checkRow(message.applicationId)).toMatchObject({ LastSuccess: 0, LastErrorClass: failureClass });
    expect(recorded.events('OutageOpened')).toEqual([expect.objectContaining({ failureClass, outageId: outages[0]?.ID, customerName: 'Contoso Engineering' })]);
    expect(sender.ofKind('outage')).toHaveLength(1);
    expect(sender.sent[0]?.to).toEqual(['admin@contoso.example']);
  });

  it.each([
    ['dns', 'http://erp.contoso.test/Kinetic'],
    ['blockedAddress', 'http://metadata.contoso.test/Kinetic'],
    ['invalidUrl', 'erp.contoso.test/Kinetic'],
  ])('base URL failure opens outage as %s', async (failureClass, baseUrl) => {
    const message = await newTarget({ baseUrl });

    await monitor.checkConnection(message, recordInvocation().invocation, { dequeueCount: 1 });

    const outages = await openOutages(message.applicationId);
    expect(outages.map((outage) => outage.LastErrorClass)).toEqual([failureClass]);
    expect(sender.ofKind('outage')).toHaveLength(1);
  });

  it('refused connection opens outage', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const message = await newTarget({ baseUrl: `http://127.0.0.1:${port}/Kinetic` });

    await monitor.checkConnection(message, recordInvocation().invocation, { dequeueCount: 1 });

    expect((await openOutages(message.applicationId)).map((outage) => outage.LastErrorClass)).toEqual(['refused']);
  });

  it('huge HTML body is capped as notJson', async () => {
    let bytesWritten = 0;
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const huge: Server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      const pump = (): void => {
        // Stop at 64 MiB so that a client that reads everything still ends the test.
        while (bytesWritten < 64 * 1024 * 1024 && !response.destroyed) {
          bytesWritten += chunk.length;
          if (!response.write(chunk)) {
            response.once('drain', pump);
            return;
          }
        }
        response.end();
      };
      pump();
    });
    await new Promise<void>((resolve) => huge.listen(0, '127.0.0.1', resolve));
    const { port } = huge.address() as AddressInfo;
    const message = await newTarget({ baseUrl: `http://127.0.0.1:${port}/Kinetic` });

    await monitor.checkConnection(message, recordInvocation().invocation, { dequeueCount: 1 });
    huge.closeAllConnections();
    await new Promise((resolve) => huge.close(resolve));

    expect((await openOutages(message.applicationId)).map((outage) => outage.LastErrorClass)).toEqual(['notJson']);
    expect(bytesWritten).toBeLessThan(64 * 1024 * 1024);
  });

  it('loopback refused when not allowed', async () => {
    const strict = createMonitor(
      { ...fixture.services, settings: { ...fixture.services.settings, Epicor__AllowLoopback: false } },
      { emailSender: sender },
    );
    const message = await newTarget({ instance: 'guarded' });

    await strict.checkConnection(message, recordInvocation().invocation, { dequeueCount: 1 });

    expect((await openOutages(message.applicationId)).map((outage) => outage.LastErrorClass)).toEqual(['blockedAddress']);
    expect(fixture.simulator.calls('guarded')).toHaveLength(0);
  });

  it.each([
    ['not JSON', 'check the Kinetic connection'],
    ['empty object', {}],
    ['unknown environment', { customerId: '3f2c5b1e-0000-4000-8000-000000000001', applicationId: '3f2c5b1e-0000-4000-8000-000000000002', environment: 'Prod', scheduledFor }],
    ['invalid GUID', { customerId: 'customer-1', applicationId: '3f2c5b1e-0000-4000-8000-000000000002', environment: 'Live', scheduledFor }],
    ['missing time', { customerId: '3f2c5b1e-0000-4000-8000-000000000001', applicationId: '3f2c5b1e-0000-4000-8000-000000000002', environment: 'Live' }],
    ['array', [1, 2, 3]],
  ])('malformed message (%s) is dropped', async (_case, queueItem) => {
    const recorded = recordInvocation();

    const outcome = await monitor.checkConnection(queueItem, recorded.invocation, { dequeueCount: 1 });

    expect(outcome).toBe('malformed');
    expect(recorded.lines.filter((line) => line.level === 'warn' && line.text.startsWith('Dropped a malformed check message'))).toHaveLength(1);
  });

  it('malformed message log is capped', async () => {
    const recorded = recordInvocation();

    await monitor.checkConnection(`{"customerId":"${'x'.repeat(5000)}"`, recorded.invocation, { dequeueCount: 1 });

    const line = recorded.lines.find((entry) => entry.text.startsWith('Dropped a malformed check message'));
    expect(line?.text).toContain('x'.repeat(400));
    expect(line?.text).not.toContain('x'.repeat(600));
  });

  it('stale message is skipped', async () => {
    const message = await newTarget({ instance: 'stale-target' });
    fixture.clock.set('2026-12-04T19:56:10.000Z');
    const recorded = recordInvocation();

    const outcome = await monitor.checkConnection(message, recorded.invocation, { dequeueCount: 1 });

    expect(outcome).toBe('stale');
    expect(fixture.simulator.calls('stale-target')).toHaveLength(0);
    expect(await checkRow(message.applicationId)).toBeUndefined();
  });

  it('message within interval and timeout runs', async () => {
    const message = await newTarget({ instance: 'late-target' });
    fixture.clock.set('2026-12-04T19:55:00.500Z');

    const outcome = await monitor.checkConnection(message, recordInvocation().invocation, { dequeueCount: 1 });

    expect(outcome).toBe('checked');
  });

  it('duplicate message checks once', async () => {
    const message = await newTarget({ instance: 'duplicate-target' });

    const first = await monitor.checkConnection(message, recordInvocation().invocation, { dequeueCount: 1 });
    const second = await monitor.checkConnection({ ...message }, recordInvocation().invocation, { dequeueCount: 1 });

    expect([first, second]).toEqual(['checked', 'duplicate']);
    expect(fixture.simulator.calls('duplicate-target')).toHaveLength(1);
  });

  it.each([
    ['missing API key secret', 'secret', { apiKeySecretName: 'no-such-api-key' }, null],
    ['missing database secret', 'secret', {}, 'no-such-database-secret'],
    ['unreachable customer database', 'customerDatabase', {}, 'broken-database'],
  ])('%s is a monitor fault', async (_case, stage, seed, customerSecret) => {
    fixture.setSecret('broken-database', `sqlite:${fixture.databases.directory}/no-such-folder/customer.db`);
    const faultyCustomer = customerSecret === null ? customerId : await fixture.addCustomer({ secretName: customerSecret });
    const message = { ...(await newTarget({ instance: 'fault-target', ...seed })), customerId: faultyCustomer };
    const recorded = recordInvocation();

    const outcome = await monitor.checkConnection(message, recorded.invocation, { dequeueCount: 1 });

    expect(outcome).toBe('monitorFault');
    expect(recorded.events('MonitorFault')).toEqual([expect.objectContaining({ customerId: faultyCustomer, stage })]);
    expect(await openOutages(message.applicationId)).toHaveLength(0);
    expect(sender.attempts).toBe(0);
    expect(fixture.simulator.calls('fault-target')).toHaveLength(0);
  });

  it('inactive customer is skipped', async () => {
    const inactive = await fixture.addCustomer({ isActive: false });
    const message = { ...(await newTarget({ instance: 'inactive-target' })), customerId: inactive };

    const outcome = await monitor.checkConnection(message, recordInvocation().invocation, { dequeueCount: 1 });

    expect(outcome).toBe('skipped');
    expect(fixture.simulator.calls('inactive-target')).toHaveLength(0);
  });

  it('disabled connection is skipped', async () => {
    const message = await newTarget({ instance: 'disabled-target', enabled: false });

    const outcome = await monitor.checkConnection(message, recordInvocation().invocation, { dequeueCount: 1 });

    expect(outcome).toBe('skipped');
    expect(fixture.simulator.calls('disabled-target')).toHaveLength(0);
  });

  it('portal database fault rejects for redelivery', async () => {
    // A database without the portal's tables fails every query, as an unreachable one does.
    const emptyPortal = await openDatabase<PortalDatabase>(`sqlite:${fixture.databases.directory}/empty-portal.db`);
    const broken = createMonitor({ ...fixture.services, portalDb: emptyPortal.db }, { emailSender: sender });
    const message = await newTarget({ instance: 'portal-down' });
    const recorded = recordInvocation();

    const checking = broken.checkConnection(message, recorded.invocation, { dequeueCount: 1 });

    // Matched by shape: the native SQLite driver's errors may come from another test file's realm.
    await expect(checking).rejects.toMatchObject({ message: expect.stringContaining('no such table: ConnectionChecks') as unknown });
    await emptyPortal.close();
    expect(recorded.events('MonitorFault')).toEqual([expect.objectContaining({ customerId, stage: 'check' })]);
    expect(fixture.simulator.calls('portal-down')).toHaveLength(0);
  });
});
