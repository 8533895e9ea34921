import { epicorCallSettings } from '../../src/app/epicorTargets';
import { testConnection } from '../../src/epicor/testConnection';
import { AlertNotifier } from '../../src/monitoring/alertNotifier';
import type { CheckTarget } from '../../src/monitoring/checkMessage';
import { createMonitor, type Monitor } from '../../src/monitoring/createMonitor';
import { OutageStore } from '../../src/monitoring/outageStore';
import { OutageTracker } from '../../src/monitoring/outageTracker';
import { OutboxEmailSender } from '../../src/notify/outboxEmailSender';
import { MonitorFixture, RecordingEmailSender, recordInvocation, type RecordedInvocation } from './monitorFixture';

describe('outage lifecycle', () => {
  let fixture: MonitorFixture;
  let sender: RecordingEmailSender;
  let customerId: string;

  beforeAll(async () => {
    fixture = await MonitorFixture.start();
    customerId = await fixture.addCustomer({ name: 'Contoso <Engineering>' });
    await fixture.addUser(customerId, 'admin@contoso.example');
    await fixture.addUser(customerId, 'ADMIN@contoso.example');
    await fixture.addUser(customerId, 'second.admin@contoso.example');
    await fixture.addUser(customerId, 'former.admin@contoso.example', { isActive: false });
    await fixture.addUser(customerId, 'user@contoso.example', { isAdministrator: false });
  });

  beforeEach(() => {
    sender = new RecordingEmailSender();
  });

  afterAll(async () => {
    await fixture.close();
  });

  /** Seeds a connection on its own simulator instance and returns its target. */
  async function newTarget(scenario: 'healthy' | 'invalidApiKey', owner = customerId): Promise<CheckTarget & { instance: string }> {
    const applicationId = await fixture.addApplication('Mobile Field Service');
    const instance = `instance-${applicationId.slice(0, 8)}`;
    fixture.simulator.setScenario(instance, scenario);
    await fixture.addConnection({ applicationId, environment: 'Test', instance });
    return { customerId: owner, applicationId, environment: 'Test', instance };
  }

  function monitorWith(settings: Partial<typeof fixture.services.settings> = {}): Monitor {
    return createMonitor({ ...fixture.services, settings: { ...fixture.services.settings, ...settings } }, { emailSender: sender });
  }

  /** Runs the check of one schedule occurrence, ten seconds after it. */
  async function check(monitor: Monitor, target: CheckTarget, occurrence: string): Promise<RecordedInvocation> {
    fixture.clock.set(new Date(new Date(occurrence).getTime() + 10_000));
    const recorded = recordInvocation();
    const message = { customerId: target.customerId, applicationId: target.applicationId, environment: target.environment, scheduledFor: occurrence };
    await monitor.checkConnection(message, recorded.invocation, { dequeueCount: 1 });
    return recorded;
  }

  async function outagesOf(target: CheckTarget) {
    return fixture.portalDb.selectFrom('SyncLogs').selectAll().where('ApplicationID', '=', target.applicationId).execute();
  }

  it('outage email lists deduplicated administrators', async () => {
    const target = await newTarget('invalidApiKey');

    const recorded = await check(monitorWith(), target, '2026-12-04T19:50:00.000Z');

    const recipients = sender.ofKind('outage').map((email) => email.to.map((address) => address.toLowerCase()).sort());
    expect(recipients).toEqual([['admin@contoso.example', 'second.admin@contoso.example']]);
    const [outage] = await outagesOf(target);
    expect(outage).toMatchObject({ FailureCount: 1, Success: 0, LastErrorClass: 'invalidApiKey', AlertEmailRecipients: sender.sent[0]?.to.join('; ') });
    expect(outage?.AlertEmailSentTime).toBe('2026-12-04T19:50:10.000Z');
    expect(recorded.events('AlertEmailSent')).toEqual([
      expect.objectContaining({ customerId, applicationId: target.applicationId, environment: 'Test', outageId: outage?.ID, kind: 'outage', recipientCount: 2 }),
    ]);
  });

  it('further failures update the open row', async () => {
    const target = await newTarget('invalidApiKey');
    const monitor = monitorWith();

    await check(monitor, target, '2026-12-04T19:50:00.000Z');
    fixture.simulator.setScenario(target.instance, 'notFound');
    await check(monitor, target, '2026-12-04T19:55:00.000Z');

    const outages = await outagesOf(target);
    expect(outages).toHaveLength(1);
    expect(outages[0]).toMatchObject({
      FirstErrorTime: '2026-12-04T19:50:10.000Z',
      LastErrorTime: '2026-12-04T19:55:10.000Z',
      FailureCount: 2,
      LastErrorClass: 'notFound',
      LastStatusCode: 404,
    });
    expect(sender.sent).toHaveLength(1);
  });

  it('twenty concurrent duplicate messages check once', async () => {
    const target = await newTarget('invalidApiKey');
    const monitor = monitorWith();
    fixture.clock.set('2026-12-04T19:50:10.000Z');
    const message = { customerId: target.customerId, applicationId: target.applicationId, environment: target.environment, scheduledFor: '2026-12-04T19:50:00.000Z' };

    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => monitor.checkConnection({ ...message }, recordInvocation().invocation, { dequeueCount: 1 })),
    );

    expect(outcomes.filter((outcome) => outcome === 'checked')).toHaveLength(1);
    expect(fixture.simulator.calls(target.instance)).toHaveLength(1);
    expect(await outagesOf(target)).toHaveLength(1);
    expect(sender.sent).toHaveLength(1);
  });

  it('twenty concurrent failed checks give one row and one email', async () => {
    const target = await newTarget('invalidApiKey');
    const customer = await fixture.services.directory.getCustomer(customerId);
    const outages = new OutageStore(fixture.portalDb);
    const outbox = new OutboxEmailSender(fixture.outboxDirectory, recordInvocation().invocation.logger, fixture.clock.now);
    const notifier = new AlertNotifier(outages, fixture.services.directory, outbox, fixture.services.settings, fixture.clock.now);
    const tracker = new OutageTracker(outages, notifier, fixture.clock.now);
    const connection = {
      baseUrl: fixture.simulator.baseUrlFor(target.instance),
      company: 'EPIC06',
      userName: 'integration',
      password: 'test-password',
      apiKey: 'test-api-key',
      testPath: null,
      trustedCaCertificate: null,
    };
    const outboxBefore = fixture.outbox().length;
    const invocations = Array.from({ length: 20 }, () => recordInvocation());

    // The tests finish first and the results are recorded together, so the writes race.
    const results = await Promise.all(invocations.map(() => testConnection(connection, epicorCallSettings(fixture.services.settings))));
    await Promise.all(
      invocations.map(({ invocation }, index) =>
        tracker.record(
          { target, customer: customer!, applicationName: 'Mobile Field Service', invocation, countFailedTransactions: () => Promise.resolve(0) },
          results[index]!,
        ),
      ),
    );

    const rows = await outagesOf(target);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ FailureCount: 20, Success: 0 });
    expect(fixture.outbox().slice(outboxBefore)).toHaveLength(1);
    expect(invocations.flatMap((recorded) => recorded.events('OutageOpened'))).toHaveLength(1);
    expect(fixture.simulator.calls(target.instance)).toHaveLength(20);
  });

  it('failed email is retried and sent once', async () => {
    const target = await newTarget('invalidApiKey');
    const monitor = monitorWith();
    sender.failures = 1;

    const first = await check(monitor, target, '2026-12-04T19:50:00.000Z');
    const afterFailure = await outagesOf(target);
    await check(monitor, target, '2026-12-04T19:55:00.000Z');
    await check(monitor, target, '2026-12-04T20:00:00.000Z');

    expect(first.events('AlertEmailFailed')).toEqual([expect.objectContaining({ kind: 'outage', recipientCount: 2, error: expect.not.stringContaining('admin@contoso.example') as unknown })]);
    expect(afterFailure[0]).toMatchObject({ AlertEmailClaimedTime: null, AlertEmailSentTime: null });
    expect(sender.attempts).toBe(2);
    expect(sender.ofKind('outage')).toHaveLength(1);
    expect((await outagesOf(target))[0]?.AlertEmailSentTime).toBe('2026-12-04T19:55:10.000Z');
  });

  it('claim held elsewhere delays email until it expires', async () => {
    const target = await newTarget('invalidApiKey');
    const monitor = monitorWith();
    sender.failures = 1;
    await check(monitor, target, '2026-12-04T19:50:00.000Z');
    // Another check claimed the email and died before sending it.
    await fixture.portalDb.updateTable('SyncLogs').set({ AlertEmailClaimedTime: new Date('2026-12-04T19:55:05.000Z') }).where('ApplicationID', '=', target.applicationId).execute();

    await check(monitor, target, '2026-12-04T19:55:00.000Z');
    const whileClaimed = sender.ofKind('outage').length;
    await check(monitor, target, '2026-12-04T20:00:00.000Z');

    expect(whileClaimed).toBe(0);
    expect(sender.ofKind('outage')).toHaveLength(1);
  });

  it('FailuresBeforeAlert delays email, not record', async () => {
    const target = await newTarget('invalidApiKey');
    const monitor = monitorWith({ FailuresBeforeAlert: 3 });

    await check(monitor, target, '2026-12-04T19:50:00.000Z');
    const afterFirst = await outagesOf(target);
    await check(monitor, target, '2026-12-04T19:55:00.000Z');
    const emailsAfterSecond = sender.sent.length;
    await check(monitor, target, '2026-12-04T20:00:00.000Z');
    await check(monitor, target, '2026-12-04T20:05:00.000Z');

    expect(afterFirst).toHaveLength(1);
    expect(afterFirst[0]).toMatchObject({ FailureCount: 1, AlertEmailSentTime: null });
    expect(emailsAfterSecond).toBe(0);
    expect(sender.ofKind('outage')).toHaveLength(1);
    expect(sender.sent[0]?.text).toContain('Failed checks:');
    expect(sender.sent[0]?.text).toMatch(/Failed checks:\s+3/);
  });

  it('recovery closes row and emails once', async () => {
    const target = await newTarget('invalidApiKey');
    const monitor = monitorWith();
    await seedMessageLogs(target.applicationId);
    await check(monitor, target, '2026-12-04T19:50:00.000Z');
    await check(monitor, target, '2026-12-04T19:55:00.000Z');
    fixture.simulator.setScenario(target.instance, 'healthy');

    const recovered = await check(monitor, target, '2026-12-04T20:00:00.000Z');
    await check(monitor, target, '2026-12-04T20:05:00.000Z');

    const [outage] = await outagesOf(target);
    expect(outage).toMatchObject({ Success: 1, RecoveredTime: '2026-12-04T20:00:10.000Z', RecoveryEmailSentTime: '2026-12-04T20:00:10.000Z' });
    expect(recovered.events('OutageClosed')).toEqual([
      expect.objectContaining({ customerId, applicationId: target.applicationId, environment: 'Test', outageId: outage?.ID, durationSeconds: 600 }),
    ]);
    const recoveries = sender.ofKind('recovery');
    expect(recoveries).toHaveLength(1);
    expect(recoveries[0]?.to).toEqual(sender.ofKind('outage')[0]?.to);
    expect(recoveries[0]?.to).toHaveLength(2);
    expect(recoveries[0]?.text).toMatch(/Failed transactions:\s+3 outgoing transactions since the last successful check before the outage/);
    expect(recoveries[0]?.text).toContain('4 Dec 2026, 19:50 GMT (Europe/London)');
    expect(recoveries[0]?.text).toContain('4 Dec 2026, 19:55 GMT (Europe/London)');
    expect(recoveries[0]?.text).toContain('10 min');
    expect(recoveries[0]?.text).toContain(
      `http://127.0.0.1:7071/portal/?customerId=${customerId}&applicationId=${target.applicationId}&environment=Test&from=2026-12-04T19%3A45%3A10.000Z&to=2026-12-04T20%3A00%3A10.000Z`,
    );
    expect(recoveries[0]?.html).toContain('Contoso &lt;Engineering&gt;');
  });

  it('no recovery email without outage email', async () => {
    const target = await newTarget('invalidApiKey');
    const monitor = monitorWith({ FailuresBeforeAlert: 3 });
    await check(monitor, target, '2026-12-04T19:50:00.000Z');
    fixture.simulator.setScenario(target.instance, 'healthy');

    await check(monitor, target, '2026-12-04T19:55:00.000Z');

    expect((await outagesOf(target))[0]).toMatchObject({ Success: 1, AlertEmailSentTime: null, RecoveryEmailSentTime: null });
    expect(sender.sent).toHaveLength(0);
  });

  it('failed recovery email is retried once', async () => {
    const target = await newTarget('invalidApiKey');
    const monitor = monitorWith();
    await check(monitor, target, '2026-12-04T19:50:00.000Z');
    fixture.simulator.setScenario(target.instance, 'healthy');
    sender.failures = 1;

    const failed = await check(monitor, target, '2026-12-04T19:55:00.000Z');
    await check(monitor, target, '2026-12-04T20:00:00.000Z');
    await check(monitor, target, '2026-12-04T20:05:00.000Z');

    expect(failed.events('AlertEmailFailed')).toEqual([expect.objectContaining({ kind: 'recovery' })]);
    expect(sender.ofKind('recovery')).toHaveLength(1);
    expect((await outagesOf(target))[0]?.RecoveryEmailSentTime).toBe('2026-12-04T20:00:10.000Z');
  });

  it('recovery retried while target fails again', async () => {
    const target = await newTarget('invalidApiKey');
    const monitor = monitorWith();
    await check(monitor, target, '2026-12-04T19:50:00.000Z');
    fixture.simulator.setScenario(target.instance, 'healthy');
    sender.failures = 1;
    await check(monitor, target, '2026-12-04T19:55:00.000Z');
    fixture.simulator.setScenario(target.instance, 'invalidApiKey');

    await check(monitor, target, '2026-12-04T20:00:00.000Z');

    expect(await outagesOf(target)).toHaveLength(2);
    expect(sender.ofKind('recovery')).toHaveLength(1);
    expect(sender.ofKind('outage')).toHaveLength(2);
  });

  it('without administrators email goes to support', async () => {
    const lonely = await fixture.addCustomer({ name: 'Fabrikam' });
    const target = await newTarget('invalidApiKey', lonely);

    const recorded = await check(monitorWith(), target, '2026-12-04T19:50:00.000Z');

    expect(sender.sent.map((email) => email.to)).toEqual([['support@vendor.example']]);
    expect(recorded.lines.some((line) => line.level === 'warn' && line.text.includes('no active administrator'))).toBe(true);
  });

  it('no recipients is a monitor fault', async () => {
    const lonely = await fixture.addCustomer({ name: 'Northwind' });
    const target = await newTarget('invalidApiKey', lonely);

    const recorded = await check(monitorWith({ Email__SupportAddress: undefined }), target, '2026-12-04T19:50:00.000Z');

    expect(sender.attempts).toBe(0);
    expect(recorded.events('MonitorFault')).toEqual([expect.objectContaining({ customerId: lonely, stage: 'recipients' })]);
    expect(await outagesOf(target)).toEqual([expect.objectContaining({ Success: 0, AlertEmailClaimedTime: null, AlertEmailSentTime: null })]);
  });

  it('emails use the customer time zone', async () => {
    const chicago = await fixture.addCustomer({ name: 'Tailspin', timeZone: 'America/Chicago' });
    await fixture.addUser(chicago, 'ops@tailspin.example');
    const target = await newTarget('invalidApiKey', chicago);

    await check(monitorWith(), target, '2026-12-04T19:50:00.000Z');

    expect(sender.sent[0]?.text).toContain('4 Dec 2026, 13:50 GMT-6 (America/Chicago)');
  });

  async function seedMessageLogs(applicationId: string): Promise<void> {
    const row = {
      ApplicationID: applicationId,
      Environment: 'Test',
      Incoming: false,
      Success: false,
      Retries: 0,
      HttpMethod: 'POST',
      Endpoint: 'api/v2/odata/EPIC06/Erp.BO.SalesOrderSvc/SalesOrders',
      RequestBody: '{}',
      ResponseText: null,
      StatusCode: null,
    };
    await fixture.customerDb
      .insertInto('MessageLogs')
      .values([
        { ...row, Timestamp: new Date('2026-12-04T19:40:00.000Z') },
        // Failed after the last successful check (one interval before the first failed one) but before the outage was detected.
        { ...row, Timestamp: new Date('2026-12-04T19:47:00.000Z') },
        { ...row, Timestamp: new Date('2026-12-04T19:51:00.000Z') },
        { ...row, Timestamp: new Date('2026-12-04T19:58:00.000Z') },
        { ...row, Timestamp: new Date('2026-12-04T19:52:00.000Z'), Incoming: true },
        { ...row, Timestamp: new Date('2026-12-04T19:52:00.000Z'), Success: true },
        { ...row, Timestamp: new Date('2026-12-04T19:52:00.000Z'), Retries: 1 },
        { ...row, Timestamp: new Date('2026-12-04T19:52:00.000Z'), Environment: 'Live' },
      ])
      .execute();
  }
});
