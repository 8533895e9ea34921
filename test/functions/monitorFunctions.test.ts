import { randomUUID } from 'node:crypto';
import { InvocationContext, type Timer } from '@azure/functions';
import { setServices } from '../../src/app/services';
import { openDatabase } from '../../src/data/openDatabase';
import type { PortalDatabase } from '../../src/data/portalSchema';
import { checkEpicorConnection } from '../../src/functions/checkEpicorConnection';
import { recordPoisonCheck } from '../../src/functions/recordPoisonCheck';
import { checkQueueOutput, scheduleConnectionChecks } from '../../src/functions/scheduleConnectionChecks';
import { telemetryEventFields } from '../../src/telemetry/events';
import { eventsIn, MonitorFixture } from '../monitoring/monitorFixture';

/** Creates an invocation context like the host's and collects its log lines. */
function createContext(functionName: string, triggerMetadata?: Record<string, unknown>): { context: InvocationContext; lines: string[] } {
  const lines: string[] = [];
  const context = new InvocationContext({
    invocationId: randomUUID(),
    functionName,
    triggerMetadata,
    logHandler: (_level, ...args) => {
      lines.push(args.map(String).join(' '));
    },
  });
  return { context, lines };
}

function timerFor(occurrence: string): Timer {
  const last = new Date(new Date(occurrence).getTime() - 300_000).toISOString();
  const next = new Date(new Date(occurrence).getTime() + 300_000).toISOString();
  return { isPastDue: false, schedule: { adjustForDST: false }, scheduleStatus: { last, next, lastUpdated: occurrence } };
}

describe('monitor functions', () => {
  let fixture: MonitorFixture;
  let customerId: string;
  const instances = { healthy: 'demo-healthy', apiKey: 'demo-api-key', appPool: 'demo-app-pool' };

  beforeAll(async () => {
    fixture = await MonitorFixture.start();
    customerId = await fixture.addCustomer({ name: 'Contoso' });
    await fixture.addUser(customerId, 'admin@contoso.example');
    const mobile = await fixture.addApplication('Mobile Field Service');
    const portal = await fixture.addApplication('Service Portal');
    fixture.simulator.setScenario(instances.apiKey, 'invalidApiKey');
    fixture.simulator.setScenario(instances.appPool, 'appPoolStopped');
    await fixture.addConnection({ applicationId: mobile, environment: 'Live', instance: instances.healthy });
    await fixture.addConnection({ applicationId: mobile, environment: 'Test', instance: instances.apiKey });
    await fixture.addConnection({ applicationId: portal, environment: 'Live', instance: instances.appPool });
    setServices(Promise.resolve(fixture.services));
  });

  afterAll(async () => {
    setServices(undefined);
    await fixture.close();
  });

  /** Runs one timer cycle and delivers each queued message, as the host would. */
  async function runCycle(occurrence: string): Promise<{ messages: unknown[]; timerLines: string[] }> {
    fixture.clock.set(new Date(new Date(occurrence).getTime() + 200));
    const timer = createContext('scheduleConnectionChecks');
    await scheduleConnectionChecks(timerFor(occurrence), timer.context);
    const messages = timer.context.extraOutputs.get(checkQueueOutput);
    if (!Array.isArray(messages)) {
      throw new Error('The timer set no array on its queue output');
    }

    fixture.clock.set(new Date(new Date(occurrence).getTime() + 5_000));
    for (const message of messages) {
      const queue = createContext('checkEpicorConnection', { dequeueCount: 1 });
      await checkEpicorConnection(JSON.parse(JSON.stringify(message)), queue.context);
    }
    return { messages, timerLines: timer.lines };
  }

  it('timer sets one array of messages', async () => {
    fixture.clock.set('2026-12-04T19:00:00.300Z');
    const { context, lines } = createContext('scheduleConnectionChecks');

    await scheduleConnectionChecks(timerFor('2026-12-04T19:00:00.000Z'), context);

    const messages = context.extraOutputs.get(checkQueueOutput);
    expect(messages).toEqual(
      expect.arrayContaining([expect.objectContaining({ customerId, environment: 'Live', scheduledFor: '2026-12-04T19:00:00.000Z' })]),
    );
    expect(messages).toHaveLength(3);
    expect(eventsIn(lines, 'CheckCycleScheduled')).toEqual([expect.objectContaining({ messageCount: 3, invocationId: context.invocationId })]);
  });

  it('two cycles give one outage and one email each, recovery one more', async () => {
    const outboxBefore = fixture.outbox().length;

    await runCycle('2026-12-04T19:50:00.000Z');
    await runCycle('2026-12-04T19:55:00.000Z');
    const openAfterTwoCycles = await fixture.portalDb.selectFrom('SyncLogs').selectAll().where('Success', '=', false).execute();
    const outagesEmails = fixture.outbox().slice(outboxBefore);
    fixture.simulator.setScenario(instances.apiKey, 'healthy');
    fixture.simulator.setScenario(instances.appPool, 'healthy');
    await runCycle('2026-12-04T20:00:00.000Z');

    expect(openAfterTwoCycles.map((row) => [row.LastErrorClass, row.FailureCount]).sort()).toEqual([
      ['invalidApiKey', 2],
      ['serviceUnavailable', 2],
    ]);
    expect(outagesEmails.map((email) => email.kind)).toEqual(['outage', 'outage']);
    expect(outagesEmails.every((email) => email.to.join() === 'admin@contoso.example')).toBe(true);
    expect(await fixture.portalDb.selectFrom('SyncLogs').selectAll().where('Success', '=', false).execute()).toHaveLength(0);
    expect(fixture.outbox().slice(outboxBefore).map((email) => email.kind)).toEqual(['outage', 'outage', 'recovery', 'recovery']);
  });

  it('malformed message completes without retry', async () => {
    const { context, lines } = createContext('checkEpicorConnection', { dequeueCount: 1 });

    await checkEpicorConnection('not a check message', context);

    expect(lines.some((line) => line.startsWith('Dropped a malformed check message'))).toBe(true);
  });

  it('portal fault rejects so the host retries', async () => {
    const emptyPortal = await openDatabase<PortalDatabase>(`sqlite:${fixture.databases.directory}/empty-portal.db`);
    setServices(Promise.resolve({ ...fixture.services, portalDb: emptyPortal.db }));
    const { context, lines } = createContext('checkEpicorConnection', { dequeueCount: 2 });
    const message = { customerId, applicationId: randomUUID(), environment: 'Live', scheduledFor: '2026-12-04T20:05:00.000Z' };
    fixture.clock.set('2026-12-04T20:05:01.000Z');

    const checking = checkEpicorConnection(message, context);

    // Matched by shape: the native SQLite driver's errors may come from another test file's realm.
    await expect(checking).rejects.toMatchObject({ message: expect.stringContaining('no such table: ConnectionChecks') as unknown });
    setServices(Promise.resolve(fixture.services));
    await emptyPortal.close();
    expect(eventsIn(lines, 'MonitorFault')).toEqual([expect.objectContaining({ customerId, stage: 'check', invocationId: context.invocationId })]);
  });

  it('poison message is recorded with preview', () => {
    const { context, lines } = createContext('recordPoisonCheck');

    recordPoisonCheck({ customerId, padding: 'p'.repeat(2000) }, context);

    const [event] = eventsIn(lines, 'PoisonMessage');
    expect(event).toMatchObject({ queueName: 'epicor-connection-checks-poison', invocationId: context.invocationId });
    expect(String(event?.messagePreview)).toContain(customerId);
    expect(String(event?.messagePreview).length).toBeLessThanOrEqual(501);
  });
});

describe('monitor telemetry', () => {
  it('emits every documented field of each event', async () => {
    const fixture = await MonitorFixture.start();
    try {
      const customerId = await fixture.addCustomer({ name: 'Fields Ltd' });
      await fixture.addUser(customerId, 'admin@fields.example');
      const applicationId = await fixture.addApplication('Mobile Field Service');
      fixture.simulator.setScenario('fields-live', 'appPoolStopped');
      await fixture.addConnection({ applicationId, environment: 'Live', instance: 'fields-live' });
      setServices(Promise.resolve(fixture.services));
      const lines: string[] = [];
      const context = (functionName: string, triggerMetadata?: Record<string, unknown>) =>
        new InvocationContext({
          invocationId: randomUUID(),
          functionName,
          triggerMetadata,
          logHandler: (_level, ...args) => {
            lines.push(args.map(String).join(' '));
          },
        });
      const cycle = async (occurrence: string) => {
        fixture.clock.set(new Date(new Date(occurrence).getTime() + 200));
        const timer = context('scheduleConnectionChecks');
        await scheduleConnectionChecks(timerFor(occurrence), timer);
        fixture.clock.set(new Date(new Date(occurrence).getTime() + 5_000));
        for (const message of timer.extraOutputs.get(checkQueueOutput) as unknown[]) {
          await checkEpicorConnection(JSON.parse(JSON.stringify(message)), context('checkEpicorConnection', { dequeueCount: 1 }));
        }
      };

      await cycle('2026-12-05T10:00:00.000Z');
      fixture.simulator.setScenario('fields-live', 'healthy');
      await cycle('2026-12-05T10:05:00.000Z');
      recordPoisonCheck('not json', context('recordPoisonCheck'));

      const events = lines
        .map((line) => /^SyncGuardEvent (\w+) (\{.*\})$/.exec(line))
        .filter((match): match is RegExpExecArray => match !== null)
        .map((match) => ({ name: match[1] as keyof typeof telemetryEventFields, fields: JSON.parse(match[2] ?? '{}') as Record<string, unknown> }));
      const names = new Set(events.map((event) => event.name));
      expect([...names].sort()).toEqual(
        ['AlertEmailSent', 'CheckCycleScheduled', 'ConnectionCheckCompleted', 'OutageClosed', 'OutageOpened', 'PoisonMessage'].sort(),
      );
      for (const event of events) {
        for (const field of telemetryEventFields[event.name]) {
          expect([event.name, field, field in event.fields]).toEqual([event.name, field, true]);
        }
      }
    } finally {
      setServices(undefined);
      await fixture.close();
    }
  });
});
