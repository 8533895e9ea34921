import { randomUUID } from 'node:crypto';
import { listFailedMessages } from '../../src/functions/listFailedMessages';
import { listMessageResends } from '../../src/functions/listMessageResends';
import { resendFailedMessages } from '../../src/functions/resendFailedMessages';
import type { FailedMessagePage } from '../../src/resend/failedMessages';
import type { ResendHistoryItem } from '../../src/resend/resendHistory';
import type { ResendReport } from '../../src/resend/resendMessages';
import { callHandler, createApiHarness, ids, insertMessage, type ApiHarness, type MessageSeed } from './http/apiHarness';

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
  await harness.customerA.db.deleteFrom('MessageResends').execute();
  await harness.customerA.db.deleteFrom('MessageLogs').execute();
  await harness.customerB.db.deleteFrom('MessageLogs').execute();
  await harness.services.portalDb.deleteFrom('SyncLogs').execute();
  for (const instance of ['a-live', 'a-test', 'b-live']) {
    harness.simulator.setScenario(instance, 'healthy');
  }
  harness.simulator.clearCalls();
});

function resend(body: unknown, customerId: string = ids.customerA) {
  return callHandler<ResendReport>(resendFailedMessages, {
    method: 'POST',
    path: `customers/${customerId}/failed-messages/resend`,
    params: { customerId },
    token,
    body: JSON.stringify(body),
  });
}

function list(query = '') {
  return callHandler<FailedMessagePage>(listFailedMessages, {
    method: 'GET',
    path: `customers/${ids.customerA}/failed-messages${query}`,
    params: { customerId: ids.customerA },
    token,
  });
}

/** Inserts a message whose body names it, so simulator calls show which message arrived. */
async function insertNamed(name: string, seed: Omit<MessageSeed, 'RequestBody'>): Promise<string> {
  return String(await insertMessage(harness.customerA, { ...seed, RequestBody: JSON.stringify({ name }) }));
}

function receivedNames(instance: string): string[] {
  return harness.simulator.calls(instance).map((call) => (JSON.parse(call.body ?? '{}') as { name: string }).name);
}

async function retriesOf(id: string): Promise<number> {
  const row = await harness.customerA.db.selectFrom('MessageLogs').select('Retries').where('ID', '=', Number(id)).executeTakeFirstOrThrow();
  return row.Retries;
}

describe('POST resend', () => {
  it('sends in timestamp then id order', async () => {
    const late1 = await insertNamed('late1', { Timestamp: '2026-11-26T10:00:00.000Z' });
    const early = await insertNamed('early', { Timestamp: '2026-11-26T09:00:00.000Z' });
    const late2 = await insertNamed('late2', { Timestamp: '2026-11-26T10:00:00.000Z' });
    const middle = await insertNamed('middle', { Timestamp: '2026-11-26T09:30:00.000Z' });

    const response = await resend({ ids: [late2, late1, early, middle] });

    expect(response.status).toBe(200);
    expect(response.json.results.map((result) => result.id)).toEqual([early, middle, late1, late2]);
    expect(response.json.results.map((result) => result.outcome)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(response.json.summary).toEqual({ sent: 4, failed: 0, skipped: 0, notEligible: 0 });
    expect(receivedNames('a-live')).toEqual(['early', 'middle', 'late1', 'late2']);
  });

  it('replays method, endpoint and credentials', async () => {
    const id = await insertNamed('patch', { Timestamp: '2026-11-26T09:00:00.000Z', HttpMethod: 'PATCH', Endpoint: '/api/v2/odata/EPIC06/Erp.BO.PartSvc/Parts(\'ABC\')' });

    await resend({ ids: [id] });

    const [call] = harness.simulator.calls('a-live');
    expect(call?.method).toBe('PATCH');
    expect(call?.path).toBe('api/v2/odata/EPIC06/Erp.BO.PartSvc/Parts(\'ABC\')');
    expect(call?.userName).toBe('integration');
    expect(call?.apiKeyPresent).toBe(true);
  });

  it('records the attempt and leaves the grid', async () => {
    const id = await insertNamed('one', { Timestamp: '2026-11-26T09:00:00.000Z' });

    await resend({ ids: [id] });

    expect((await list()).json.total).toBe(0);
    const resends = await harness.customerA.db.selectFrom('MessageResends').selectAll().execute();
    expect(resends).toHaveLength(1);
    expect(resends[0]).toMatchObject({ MessageLogID: Number(id), RequestedBy: 'alice@a.example', Outcome: 'sent', ErrorSummary: null, AttemptedTime: '2026-11-27T12:00:00.000Z' });
    const copy = await harness.customerA.db.selectFrom('MessageLogs').selectAll().where('ID', '=', Number(resends[0]?.RetryMessageLogID)).executeTakeFirstOrThrow();
    expect(copy).toMatchObject({ Success: 1, Incoming: 0, Retries: 1, HttpMethod: 'POST', RequestBody: '{"name":"one"}', Environment: 'Live' });
    expect(copy.StatusCode).toBeGreaterThanOrEqual(200);
    expect(await retriesOf(id)).toBe(1);
  });

  it('stops at the first failure and releases the rest', async () => {
    harness.simulator.setScenario('a-test', 'rejectBusiness');
    const first = await insertNamed('first', { Timestamp: '2026-11-26T09:00:00.000Z' });
    const failing = await insertNamed('failing', { Timestamp: '2026-11-26T09:01:00.000Z', Environment: 'Test' });
    const third = await insertNamed('third', { Timestamp: '2026-11-26T09:02:00.000Z' });
    const fourth = await insertNamed('fourth', { Timestamp: '2026-11-26T09:03:00.000Z' });

    const response = await resend({ ids: [first, failing, third, fourth] });

    expect(response.json.results.map((result) => result.outcome)).toEqual(['sent', 'failed', 'skipped', 'skipped']);
    expect(response.json.results[1]).toMatchObject({ id: failing, statusCode: 400 });
    expect(response.json.results[1]!.error).toEqual(expect.any(String));
    expect(response.json.results[2]!.reason).toContain(failing);
    expect(response.json.summary).toEqual({ sent: 1, failed: 1, skipped: 2, notEligible: 0 });
    expect(receivedNames('a-live')).toEqual(['first']);
    expect(await retriesOf(third)).toBe(0);
    expect(await retriesOf(fourth)).toBe(0);
    expect((await list()).json.items.map((item) => item.id)).toEqual([fourth, third]);
  });

  it('continues after a failure when asked', async () => {
    harness.simulator.setScenario('a-test', 'rejectBusiness');
    const first = await insertNamed('first', { Timestamp: '2026-11-26T09:00:00.000Z' });
    const failing = await insertNamed('failing', { Timestamp: '2026-11-26T09:01:00.000Z', Environment: 'Test' });
    const third = await insertNamed('third', { Timestamp: '2026-11-26T09:02:00.000Z' });

    const response = await resend({ ids: [first, failing, third], continueOnFailure: true });

    expect(response.json.results.map((result) => result.outcome)).toEqual(['sent', 'failed', 'sent']);
    expect(receivedNames('a-live')).toEqual(['first', 'third']);
  });

  it('shows a failed resend with includeResent', async () => {
    harness.simulator.setScenario('a-live', 'serverError');
    const id = await insertNamed('failing', { Timestamp: '2026-11-26T09:00:00.000Z' });

    await resend({ ids: [id] });
    const defaultList = await list();
    const withResent = await list('?includeResent=true');

    expect(defaultList.json.total).toBe(0);
    expect(withResent.json.items.map((item) => item.id)).toEqual([id]);
    expect(withResent.json.items[0]!.retries).toBe(1);
    expect(withResent.json.items[0]!.lastResend).toMatchObject({ attemptedAt: '2026-11-27T12:00:00.000Z', outcome: 'failed', statusCode: 500, requestedBy: 'alice@a.example' });
    expect(withResent.json.total).toBe(1);
  });

  it('resends a failed resend again', async () => {
    harness.simulator.setScenario('a-live', 'serverError');
    const id = await insertNamed('again', { Timestamp: '2026-11-26T09:00:00.000Z' });
    await resend({ ids: [id] });
    harness.simulator.setScenario('a-live', 'healthy');

    const second = await resend({ ids: [id] });
    const third = await resend({ ids: [id] });

    expect(second.json.results).toEqual([{ id, outcome: 'sent', statusCode: expect.any(Number) }]);
    expect(third.json.results[0]).toMatchObject({ id, outcome: 'notEligible' });
    expect(third.json.results[0]!.reason).toContain('Already resent successfully');
    expect(receivedNames('a-live')).toEqual(['again', 'again']);
    expect(await retriesOf(id)).toBe(2);
    expect((await list('?includeResent=true')).json.total).toBe(0);
  });

  it('sends each row once under concurrency', async () => {
    const idsToSend: string[] = [];
    for (let n = 0; n < 12; n += 1) {
      idsToSend.push(await insertNamed(`row${n}`, { Timestamp: `2026-11-26T09:${String(n).padStart(2, '0')}:00.000Z` }));
    }

    const [one, two] = await Promise.all([resend({ ids: idsToSend }), resend({ ids: [...idsToSend].reverse() })]);

    const sentBy = (response: typeof one) => response.json.results.filter((result) => result.outcome === 'sent').map((result) => result.id);
    expect([...sentBy(one), ...sentBy(two)].sort()).toEqual([...idsToSend].sort());
    expect(one.json.summary.sent + two.json.summary.sent).toBe(12);
    expect(one.json.summary.notEligible + two.json.summary.notEligible).toBe(12);
    expect(harness.simulator.calls('a-live')).toHaveLength(12);
    expect(new Set(receivedNames('a-live')).size).toBe(12);
  });

  it('resends a failed row once under concurrency', async () => {
    harness.simulator.setScenario('a-live', 'serverError');
    const id = await insertNamed('retry', { Timestamp: '2026-11-26T09:00:00.000Z' });
    await resend({ ids: [id] });
    harness.simulator.setScenario('a-live', 'healthy');
    harness.simulator.clearCalls();

    const responses = await Promise.all([resend({ ids: [id] }), resend({ ids: [id] }), resend({ ids: [id] })]);

    const outcomes = responses.map((response) => response.json.results[0]!.outcome).sort();
    expect(outcomes).toEqual(['notEligible', 'notEligible', 'sent']);
    expect(harness.simulator.calls('a-live')).toHaveLength(1);
  });

  it('selects by filter on the server', async () => {
    await insertNamed('before', { Timestamp: '2026-11-25T23:59:59.999Z' });
    const inside1 = await insertNamed('inside1', { Timestamp: '2026-11-26T00:00:00.000Z' });
    await insertNamed('otherEnvironment', { Timestamp: '2026-11-26T01:00:00.000Z', Environment: 'Test' });
    const inside2 = await insertNamed('inside2', { Timestamp: '2026-11-26T23:59:59.999Z' });
    await insertNamed('after', { Timestamp: '2026-11-27T00:00:00.000Z' });

    const response = await resend({ filter: { from: '2026-11-26T00:00:00.000Z', to: '2026-11-27T00:00:00.000Z', environment: 'Live', applicationId: ids.fieldService } });

    expect(response.status).toBe(200);
    expect(response.json.results.map((result) => result.id)).toEqual([inside1, inside2]);
    expect(receivedNames('a-live')).toEqual(['inside1', 'inside2']);
    expect(harness.simulator.calls('a-test')).toHaveLength(0);
  });

  it('selects failed resends by filter with includeResent', async () => {
    harness.simulator.setScenario('a-live', 'serverError');
    const failedBefore = await insertNamed('failedBefore', { Timestamp: '2026-11-26T08:00:00.000Z' });
    await resend({ ids: [failedBefore] });
    harness.simulator.setScenario('a-live', 'healthy');
    const fresh = await insertNamed('fresh', { Timestamp: '2026-11-26T09:00:00.000Z' });
    const filter = { from: '2026-11-26T00:00:00.000Z', to: '2026-11-27T00:00:00.000Z' };

    const without = await resend({ filter });
    const withResent = await resend({ filter: { ...filter, includeResent: true } });

    expect(without.json.results.map((result) => result.id)).toEqual([fresh]);
    expect(withResent.json.results).toEqual([{ id: failedBefore, outcome: 'sent', statusCode: expect.any(Number) }]);
  });

  it.each([
    ['not found', () => Promise.resolve('999999'), 'Not found'],
    ['incoming', () => insertNamed('incoming', { Timestamp: '2026-11-26T09:00:00.000Z', Incoming: true }), 'Incoming'],
    ['succeeded', () => insertNamed('succeeded', { Timestamp: '2026-11-26T09:00:00.000Z', Success: true }), 'succeeded'],
    ['already resent', () => insertNamed('resent', { Timestamp: '2026-11-26T09:00:00.000Z', Retries: 1 }), 'Already resent'],
  ])('reports %s as notEligible', async (_name, arrange, reason) => {
    const id = await arrange();

    const response = await resend({ ids: [id] });

    expect(response.json.results).toEqual([{ id, outcome: 'notEligible', reason: expect.stringContaining(reason) }]);
    expect(response.json.summary).toEqual({ sent: 0, failed: 0, skipped: 0, notEligible: 1 });
    expect(harness.simulator.calls()).toHaveLength(0);
  });

  it('never resends a retry copy', async () => {
    harness.simulator.setScenario('a-live', 'serverError');
    const id = await insertNamed('original', { Timestamp: '2026-11-26T09:00:00.000Z' });
    await resend({ ids: [id] });
    const attempt = await harness.customerA.db.selectFrom('MessageResends').select('RetryMessageLogID').executeTakeFirstOrThrow();
    const copyId = String(attempt.RetryMessageLogID);
    harness.simulator.setScenario('a-live', 'healthy');
    harness.simulator.clearCalls();

    const response = await resend({ ids: [copyId] });
    const listed = await list('?includeResent=true');

    expect(response.json.results[0]).toMatchObject({ id: copyId, outcome: 'notEligible' });
    expect(response.json.results[0]!.reason).toContain('copy');
    expect(listed.json.items.map((item) => item.id)).toEqual([id]);
    expect(harness.simulator.calls()).toHaveLength(0);
  });

  it('lists eligible results first', async () => {
    const eligible = await insertNamed('eligible', { Timestamp: '2026-11-26T10:00:00.000Z' });
    const incoming = await insertNamed('incoming', { Timestamp: '2026-11-26T09:00:00.000Z', Incoming: true });

    const response = await resend({ ids: ['999999', incoming, eligible] });

    expect(response.json.results.map((result) => `${result.id}:${result.outcome}`)).toEqual([
      `${eligible}:sent`,
      `${incoming}:notEligible`,
      '999999:notEligible',
    ]);
  });

  it('fails a row whose connection is disabled', async () => {
    const disabled = await insertNamed('timesheet', { Timestamp: '2026-11-26T09:00:00.000Z', ApplicationID: ids.timesheets });
    const later = await insertNamed('later', { Timestamp: '2026-11-26T09:01:00.000Z' });

    const response = await resend({ ids: [disabled, later] });

    expect(response.json.results[0]).toMatchObject({ id: disabled, outcome: 'failed', statusCode: null });
    expect(response.json.results[0]!.error).toBe('The Epicor connection for Mobile Timesheets (Live) is disabled; enable it, then resend.');
    expect(response.json.results[1]).toMatchObject({ id: later, outcome: 'skipped' });
    expect(harness.simulator.calls()).toHaveLength(0);
  });

  it('refuses with 409 during an open outage', async () => {
    const outageId = randomUUID();
    await harness.services.portalDb
      .insertInto('SyncLogs')
      .values({
        ID: outageId,
        CustomerID: ids.customerA,
        ApplicationID: ids.fieldService,
        Environment: 'Live',
        FirstErrorTime: new Date('2026-11-27T11:00:00.000Z'),
        LastErrorTime: new Date('2026-11-27T11:55:00.000Z'),
        Success: false,
        FailureCount: 12,
        LastErrorClass: 'serviceUnavailable',
        LastErrorMessage: 'Epicor returned 503.',
        LastStatusCode: 503,
      })
      .execute();
    const id = await insertNamed('blocked', { Timestamp: '2026-11-26T09:00:00.000Z' });

    const refused = await resend({ ids: [id] });

    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('conflict');
    expect(refused.json.error.message).toContain('ignoreOpenOutage');
    expect(refused.json.error.outages).toEqual([
      {
        outageId,
        applicationId: ids.fieldService,
        applicationName: 'Mobile Field Service',
        environment: 'Live',
        since: '2026-11-27T11:00:00.000Z',
        failureClass: 'serviceUnavailable',
        lastError: 'Epicor returned 503.',
      },
    ]);
    expect(harness.simulator.calls()).toHaveLength(0);
    expect(await retriesOf(id)).toBe(0);

    const forced = await resend({ ids: [id], ignoreOpenOutage: true });

    expect(forced.status).toBe(200);
    expect(forced.json.summary.sent).toBe(1);
  });

  it('ignores outages of uninvolved connections', async () => {
    await harness.services.portalDb
      .insertInto('SyncLogs')
      .values({
        ID: randomUUID(),
        CustomerID: ids.customerA,
        ApplicationID: ids.fieldService,
        Environment: 'Test',
        FirstErrorTime: new Date('2026-11-27T11:00:00.000Z'),
        LastErrorTime: new Date('2026-11-27T11:00:00.000Z'),
        Success: false,
      })
      .execute();
    const id = await insertNamed('live', { Timestamp: '2026-11-26T09:00:00.000Z' });

    const response = await resend({ ids: [id] });

    expect(response.status).toBe(200);
    expect(response.json.summary.sent).toBe(1);
  });

  it('treats another customer\'s ids as not found', async () => {
    await insertMessage(harness.customerB, { ID: 9001, Timestamp: '2026-11-26T09:00:00.000Z' });

    const response = await resend({ ids: ['9001'] });

    expect(response.json.results).toEqual([{ id: '9001', outcome: 'notEligible', reason: expect.stringContaining('Not found') }]);
    expect(harness.simulator.calls()).toHaveLength(0);
    const untouched = await harness.customerB.db.selectFrom('MessageLogs').select('Retries').where('ID', '=', 9001).executeTakeFirstOrThrow();
    expect(untouched.Retries).toBe(0);
  });

  it('emits ResendCompleted telemetry', async () => {
    const id = await insertNamed('telemetry', { Timestamp: '2026-11-26T09:00:00.000Z' });

    const response = await resend({ ids: [id] });

    const line = response.logs.map((log) => log.line).find((text) => text.startsWith('SyncGuardEvent ResendCompleted '));
    expect(JSON.parse(line!.slice('SyncGuardEvent ResendCompleted '.length))).toEqual({
      event: 'ResendCompleted',
      customerId: ids.customerA,
      requestedBy: ids.adminA,
      sent: 1,
      failed: 0,
      skipped: 0,
      invocationId: 'test-invocation',
    });
  });
});

describe('GET resends of a message', () => {
  function history(id: string) {
    return callHandler<{ items: ResendHistoryItem[] }>(listMessageResends, {
      method: 'GET',
      path: `customers/${ids.customerA}/failed-messages/${id}/resends`,
      params: { customerId: ids.customerA, id },
      token,
    });
  }

  it('lists attempts newest first', async () => {
    harness.simulator.setScenario('a-live', 'serverError');
    const id = await insertNamed('history', { Timestamp: '2026-11-26T09:00:00.000Z' });
    await resend({ ids: [id] });
    harness.simulator.setScenario('a-live', 'healthy');
    harness.testClock.set('2026-11-27T12:05:00.000Z');
    await resend({ ids: [id] });
    harness.testClock.set('2026-11-27T12:00:00.000Z');

    const response = await history(id);

    expect(response.status).toBe(200);
    expect(response.json.items).toHaveLength(2);
    expect(response.json.items[0]).toMatchObject({ attemptedAt: '2026-11-27T12:05:00.000Z', requestedBy: 'alice@a.example', outcome: 'sent', errorSummary: null });
    expect(response.json.items[1]).toMatchObject({ attemptedAt: '2026-11-27T12:00:00.000Z', outcome: 'failed', statusCode: 500 });
    expect(response.json.items[1]!.errorSummary).toEqual(expect.any(String));
    expect(response.json.items[0]!.retryMessageId).toMatch(/^[0-9]+$/);
  });

  it('returns 404 for an unknown message', async () => {
    const response = await history('424242');

    expect(response.status).toBe(404);
    expect(response.json.error.message).toContain('424242');
  });
});
