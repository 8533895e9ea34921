import type { CheckTarget } from '../../src/monitoring/checkMessage';
import { OutageStore } from '../../src/monitoring/outageStore';
import { createTestDatabases, testEngines, type TestDatabases } from '../support/databases';

const engines = testEngines().filter((entry) => entry.engine === 'sqlite' || entry.connectionString !== undefined);

const target: CheckTarget = {
  customerId: '8f6b1c2a-3d4e-4f50-9a1b-2c3d4e5f6a7b',
  applicationId: '0b1c2d3e-4f50-4a1b-8c2d-3e4f5a6b7c8d',
  environment: 'Test',
};

const failure = { failureClass: 'timeout', message: 'Epicor did not answer within 15 s.', statusCode: null };
const at = (time: string): Date => new Date(`2026-12-04T${time}Z`);

describe.each(engines)('OutageStore on $engine', (entry) => {
  let databases: TestDatabases;
  let store: OutageStore;

  beforeEach(async () => {
    databases = await createTestDatabases(entry);
    store = new OutageStore(databases.portal.db);
  });

  afterEach(async () => {
    await databases.close();
  });

  it('first failure opens, next one counts', async () => {
    const first = await store.recordFailure(target, failure, at('19:50:00'));
    const second = await store.recordFailure(target, { ...failure, failureClass: 'refused', statusCode: 0 }, at('19:55:00'));

    expect(first).toMatchObject({ opened: true, outage: { failureCount: 1, firstErrorTime: at('19:50:00'), success: false } });
    expect(second).toMatchObject({
      opened: false,
      outage: { id: first.outage.id, failureCount: 2, firstErrorTime: at('19:50:00'), lastErrorTime: at('19:55:00'), lastErrorClass: 'refused' },
    });
  });

  it('environments have separate outages', async () => {
    const test = await store.recordFailure(target, failure, at('19:50:00'));
    const live = await store.recordFailure({ ...target, environment: 'Live' }, failure, at('19:50:00'));

    expect(live.opened).toBe(true);
    expect(live.outage.id).not.toBe(test.outage.id);
  });

  it('concurrent closes have one winner', async () => {
    await store.recordFailure(target, failure, at('19:50:00'));

    const closes = await Promise.all(Array.from({ length: 5 }, () => store.close(target, at('19:55:00'))));

    const closed = closes.filter((outage) => outage !== undefined);
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ success: true, recoveredTime: at('19:55:00') });
    expect(await store.findOpen(target)).toBeUndefined();
  });

  it('failure after close opens a new outage', async () => {
    const first = await store.recordFailure(target, failure, at('19:50:00'));
    await store.close(target, at('19:55:00'));

    const second = await store.recordFailure(target, failure, at('20:00:00'));

    expect(second.opened).toBe(true);
    expect(second.outage.id).not.toBe(first.outage.id);
  });

  it('outage email is claimed once', async () => {
    const { outage } = await store.recordFailure(target, failure, at('19:50:00'));
    const expiry = at('19:48:00');

    const first = await store.claimEmail(outage.id, 'outage', at('19:50:00'), expiry);
    const second = await store.claimEmail(outage.id, 'outage', at('19:50:01'), expiry);
    const afterExpiry = await store.claimEmail(outage.id, 'outage', at('19:53:00'), at('19:51:00'));

    expect([first, second, afterExpiry]).toEqual([true, false, true]);
  });

  it('released claim can be claimed again', async () => {
    const { outage } = await store.recordFailure(target, failure, at('19:50:00'));
    await store.claimEmail(outage.id, 'outage', at('19:50:00'), at('19:48:00'));

    await store.releaseEmailClaim(outage.id, 'outage');
    const reclaimed = await store.claimEmail(outage.id, 'outage', at('19:50:01'), at('19:48:00'));

    expect(reclaimed).toBe(true);
  });

  it('sent email is never claimed again', async () => {
    const { outage } = await store.recordFailure(target, failure, at('19:50:00'));
    await store.claimEmail(outage.id, 'outage', at('19:50:00'), at('19:48:00'));

    await store.markEmailSent(outage.id, 'outage', ['a@contoso.example', 'b@contoso.example'], at('19:50:02'));
    const again = await store.claimEmail(outage.id, 'outage', at('20:50:00'), at('20:49:00'));

    expect(again).toBe(false);
    expect(await store.get(outage.id)).toMatchObject({ alertEmailSentTime: at('19:50:02'), alertEmailRecipients: ['a@contoso.example', 'b@contoso.example'] });
  });

  it('outage email is not claimed once closed', async () => {
    const { outage } = await store.recordFailure(target, failure, at('19:50:00'));
    await store.close(target, at('19:55:00'));

    const claimed = await store.claimEmail(outage.id, 'outage', at('19:55:01'), at('19:53:00'));

    expect(claimed).toBe(false);
  });

  it('recovery claim needs a sent outage email', async () => {
    const { outage } = await store.recordFailure(target, failure, at('19:50:00'));
    await store.close(target, at('19:55:00'));
    const withoutOutageEmail = await store.claimEmail(outage.id, 'recovery', at('19:55:01'), at('19:53:00'));
    await databases.portal.db.updateTable('SyncLogs').set({ AlertEmailSentTime: at('19:50:01') }).where('ID', '=', outage.id).execute();

    const withOutageEmail = await store.claimEmail(outage.id, 'recovery', at('19:55:02'), at('19:53:00'));

    expect([withoutOutageEmail, withOutageEmail]).toEqual([false, true]);
  });

  it('lists closed outages with unsent recovery', async () => {
    const first = await store.recordFailure(target, failure, at('19:50:00'));
    await store.markEmailSent(first.outage.id, 'outage', ['a@contoso.example'], at('19:50:01'));
    await store.close(target, at('19:55:00'));
    const second = await store.recordFailure(target, failure, at('20:00:00'));
    await store.markEmailSent(second.outage.id, 'outage', ['a@contoso.example'], at('20:00:01'));

    const pending = await store.listUnsentRecoveries(target);
    await store.markEmailSent(first.outage.id, 'recovery', [], at('20:01:00'));
    const afterSend = await store.listUnsentRecoveries(target);

    expect(pending.map((outage) => outage.id)).toEqual([first.outage.id]);
    expect(afterSend).toEqual([]);
  });

  it('stores as many recipients as fit', async () => {
    const { outage } = await store.recordFailure(target, failure, at('19:50:00'));
    const recipients = Array.from({ length: 300 }, (_, index) => `administrator.${String(index).padStart(3, '0')}@contoso.example`);

    await store.markEmailSent(outage.id, 'outage', recipients, at('19:50:02'));

    const stored = (await store.get(outage.id))?.alertEmailRecipients ?? [];
    expect(stored.length).toBeGreaterThan(100);
    expect(stored.length).toBeLessThan(300);
    expect(stored).toEqual(recipients.slice(0, stored.length));
  });
});
