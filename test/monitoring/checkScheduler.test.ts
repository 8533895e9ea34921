import type { Customer } from '../../src/data/portalDirectory';
import { CheckScheduler } from '../../src/monitoring/checkScheduler';
import { createMonitor } from '../../src/monitoring/createMonitor';
import { MonitorFixture, RecordingEmailSender, recordInvocation } from './monitorFixture';

describe('CheckScheduler', () => {
  let fixture: MonitorFixture;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    fixture = await MonitorFixture.start();
    const mobile = await fixture.addApplication('Mobile Field Service');
    const portal = await fixture.addApplication('Service Portal');
    const otherDatabase = await fixture.addCustomerDatabase('customer-b-database');
    fixture.setSecret('unreachable-database', `sqlite:${fixture.databases.directory}/no-such-folder/customer.db`);

    ids.mobile = mobile;
    ids.portal = portal;
    ids.customerA = await fixture.addCustomer({ name: 'A' });
    ids.customerB = await fixture.addCustomer({ name: 'B', secretName: 'customer-b-database' });
    ids.inactive = await fixture.addCustomer({ name: 'Inactive', isActive: false });
    ids.missingSecret = await fixture.addCustomer({ name: 'Missing secret', secretName: 'no-such-secret' });
    ids.unreachable = await fixture.addCustomer({ name: 'Unreachable', secretName: 'unreachable-database' });

    await fixture.addConnection({ applicationId: mobile, environment: 'Live', instance: 'a-mobile-live' });
    await fixture.addConnection({ applicationId: mobile, environment: 'Test', instance: 'a-mobile-test' });
    await fixture.addConnection({ applicationId: portal, environment: 'Live', instance: 'a-portal-live', enabled: false });
    await fixture.addConnection({ applicationId: mobile, environment: 'Live', instance: 'b-mobile-live' }, otherDatabase.db);
  });

  afterAll(async () => {
    await fixture.close();
  });

  it('fan-out enqueues enabled connections of active customers', async () => {
    fixture.clock.set('2026-12-04T19:50:00.120Z');
    const recorded = recordInvocation();
    const scheduler = new CheckScheduler(fixture.services);

    const cycle = await scheduler.scheduleCycle(recorded.invocation);

    const keys = cycle.messages.map((message) => `${message.customerId}/${message.applicationId}/${message.environment}`).sort();
    expect(keys).toEqual(
      [`${ids.customerA}/${ids.mobile}/Live`, `${ids.customerA}/${ids.mobile}/Test`, `${ids.customerB}/${ids.mobile}/Live`].sort(),
    );
    expect(new Set(cycle.messages.map((message) => message.scheduledFor))).toEqual(new Set(['2026-12-04T19:50:00.000Z']));
    expect(cycle).toMatchObject({ customerCount: 4, faultCount: 2 });
    expect(recorded.events('CheckCycleScheduled')).toEqual([
      expect.objectContaining({ scheduledFor: '2026-12-04T19:50:00.000Z', messageCount: 3, customerCount: 4, faultCount: 2, invocationId: recorded.invocation.invocationId }),
    ]);
  });

  it('customer faults are monitor faults', async () => {
    const recorded = recordInvocation();

    await new CheckScheduler(fixture.services).scheduleCycle(recorded.invocation);

    const faults = recorded.events('MonitorFault').map((event) => [event.customerId, event.stage]);
    expect(faults).toEqual(expect.arrayContaining([[ids.missingSecret, 'secret'], [ids.unreachable, 'customerDatabase']]));
    expect(faults).toHaveLength(2);
  });

  it('customer databases are read with bounded parallelism', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const tenants = {
      forCustomer: async (customer: Customer) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          // Holding each call for a moment lets the workers overlap.
          await new Promise((resolve) => setTimeout(resolve, 5));
          return await fixture.services.tenants.forCustomer(customer);
        } finally {
          inFlight -= 1;
        }
      },
    };
    const many = Array.from({ length: 12 }, (_, index) => ({ id: `customer-${index}`, name: `C${index}`, isActive: true, databaseSecretName: 'customer-a-database', timeZone: null }));
    const scheduler = new CheckScheduler({
      settings: { ...fixture.services.settings, FanOutConcurrency: 3 },
      clock: fixture.clock.now,
      directory: { listActiveCustomers: () => Promise.resolve(many) },
      tenants,
    });

    const cycle = await scheduler.scheduleCycle(recordInvocation().invocation);

    expect(maxInFlight).toBe(3);
    expect(cycle.messages).toHaveLength(24);
  });

  it('portal failure rejects with a monitor fault', async () => {
    const recorded = recordInvocation();
    const scheduler = new CheckScheduler({
      ...fixture.services,
      directory: { listActiveCustomers: () => Promise.reject(new Error('Login failed for user (test)')) },
    });

    const scheduling = scheduler.scheduleCycle(recorded.invocation);

    await expect(scheduling).rejects.toThrow('Login failed for user (test)');
    expect(recorded.events('MonitorFault')).toEqual([expect.objectContaining({ customerId: null, stage: 'fanOut' })]);
    expect(recorded.events('CheckCycleScheduled')).toHaveLength(0);
  });

  it('duplicate timer run checks each target once', async () => {
    const monitor = createMonitor(fixture.services, { emailSender: new RecordingEmailSender() });
    fixture.simulator.clearCalls();
    fixture.clock.set('2026-12-04T20:10:00.050Z');
    const first = await monitor.scheduleChecks(recordInvocation().invocation);
    fixture.clock.set('2026-12-04T20:12:30.000Z');
    const second = await monitor.scheduleChecks(recordInvocation().invocation);

    const outcomes = await Promise.all(
      [...first.messages, ...second.messages].map((message) => monitor.checkConnection(message, recordInvocation().invocation, { dequeueCount: 1 })),
    );

    expect(second.scheduledFor).toEqual(first.scheduledFor);
    expect(outcomes.filter((outcome) => outcome === 'checked')).toHaveLength(3);
    expect(outcomes.filter((outcome) => outcome === 'duplicate')).toHaveLength(3);
    expect(fixture.simulator.calls().map((call) => call.instance).sort()).toEqual(['a-mobile-live', 'a-mobile-test', 'b-mobile-live']);
  });
});
