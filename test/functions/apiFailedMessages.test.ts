import Database from 'better-sqlite3';
import { listFailedMessages } from '../../src/functions/listFailedMessages';
import { selectFailedMessages } from '../../src/resend/failedMessageQuery';
import { afterCursor } from '../../src/resend/failedMessageQuery';
import type { FailedMessagePage } from '../../src/resend/failedMessages';
import { callHandler, createApiHarness, ids, insertMessage, type ApiHarness } from './http/apiHarness';

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
});

function list(query: string, customerId: string = ids.customerA) {
  return callHandler<FailedMessagePage>(listFailedMessages, {
    method: 'GET',
    path: `customers/${customerId}/failed-messages${query}`,
    params: { customerId },
    token,
  });
}

describe('GET failed-messages', () => {
  it('lists newest first with equal timestamps', async () => {
    const first = await insertMessage(harness.customerA, { Timestamp: '2026-11-26T10:00:00.000Z' });
    const second = await insertMessage(harness.customerA, { Timestamp: '2026-11-26T10:00:00.000Z' });
    const newest = await insertMessage(harness.customerA, { Timestamp: '2026-11-26T11:00:00.000Z' });

    const response = await list('');

    expect(response.status).toBe(200);
    expect(response.json.items.map((item) => item.id)).toEqual([String(newest), String(second), String(first)]);
    expect(response.json.total).toBe(3);
    expect(response.json.nextCursor).toBeNull();
  });

  it('returns the item fields', async () => {
    const id = await insertMessage(harness.customerA, {
      Timestamp: '2026-11-26T10:00:00.000Z',
      Environment: 'Test',
      HttpMethod: 'PATCH',
      Endpoint: 'api/v2/odata/EPIC06/Erp.BO.PartSvc/Parts',
      ResponseText: '{"HttpStatus":400,"ReasonPhrase":"REST API Exception","ErrorMessage":"Part ABC is on hold.","CorrelationId":"x"}',
      StatusCode: 400,
    });

    const response = await list('');

    expect(response.json.items).toEqual([
      {
        id: String(id),
        timestamp: '2026-11-26T10:00:00.000Z',
        applicationId: ids.fieldService,
        applicationName: 'Mobile Field Service',
        environment: 'Test',
        method: 'PATCH',
        endpoint: 'api/v2/odata/EPIC06/Erp.BO.PartSvc/Parts',
        statusCode: 400,
        errorSummary: 'Part ABC is on hold.',
        retries: 0,
        lastResend: null,
      },
    ]);
  });

  it('keeps only failed outgoing never-resent rows', async () => {
    const failed = await insertMessage(harness.customerA, { Timestamp: '2026-11-26T10:00:00.000Z' });
    await insertMessage(harness.customerA, { Timestamp: '2026-11-26T10:01:00.000Z', Success: true });
    await insertMessage(harness.customerA, { Timestamp: '2026-11-26T10:02:00.000Z', Incoming: true });
    await insertMessage(harness.customerA, { Timestamp: '2026-11-26T10:03:00.000Z', Retries: 1 });

    const response = await list('');

    expect(response.json.items.map((item) => item.id)).toEqual([String(failed)]);
    expect(response.json.total).toBe(1);
  });

  it('filters by application and environment', async () => {
    await insertMessage(harness.customerA, { Timestamp: '2026-11-26T10:00:00.000Z', Environment: 'Test' });
    await insertMessage(harness.customerA, { Timestamp: '2026-11-26T10:01:00.000Z', ApplicationID: ids.timesheets });
    const match = await insertMessage(harness.customerA, { Timestamp: '2026-11-26T10:02:00.000Z' });

    const response = await list(`?applicationId=${ids.fieldService.toUpperCase()}&environment=Live`);

    expect(response.json.items.map((item) => item.id)).toEqual([String(match)]);
  });

  it('defaults to the seven days before now', async () => {
    await insertMessage(harness.customerA, { Timestamp: '2026-11-20T11:59:59.999Z' });
    const inside = await insertMessage(harness.customerA, { Timestamp: '2026-11-20T12:00:00.000Z' });
    await insertMessage(harness.customerA, { Timestamp: '2026-11-27T12:00:00.000Z' });

    const response = await list('');

    expect(response.json.items.map((item) => item.id)).toEqual([String(inside)]);
  });

  it('pages to the last page', async () => {
    const inserted: number[] = [];
    for (let n = 0; n < 25; n += 1) {
      // Groups of five share a timestamp, so page boundaries fall inside a group.
      const minute = String(Math.floor(n / 5)).padStart(2, '0');
      inserted.push(await insertMessage(harness.customerA, { Timestamp: `2026-11-26T10:${minute}:00.000Z` }));
    }
    const expected = [...inserted].reverse().map(String);

    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const response = await list(`?pageSize=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      expect(response.json.total).toBe(25);
      seen.push(...response.json.items.map((item) => item.id));
      cursor = response.json.nextCursor;
      pages += 1;
    }

    expect(pages).toBe(4);
    expect(seen).toEqual(expected);
  });

  it('returns no cursor when a page ends exactly', async () => {
    for (let n = 0; n < 4; n += 1) {
      await insertMessage(harness.customerA, { Timestamp: `2026-11-26T10:0${n}:00.000Z` });
    }

    const firstPage = await list('?pageSize=2');
    const lastPage = await list(`?pageSize=2&cursor=${firstPage.json.nextCursor}`);

    expect(firstPage.json.nextCursor).not.toBeNull();
    expect(lastPage.json.items).toHaveLength(2);
    expect(lastPage.json.nextCursor).toBeNull();
  });

  it.each([
    ['spring forward: 29 March 2026 is 23 hours', '2026-03-29T00:00:00.000Z', '2026-03-29T23:00:00.000Z',
      ['2026-03-28T23:59:59.999Z', '2026-03-29T00:00:00.000Z', '2026-03-29T00:59:59.999Z', '2026-03-29T01:00:00.000Z', '2026-03-29T22:59:59.999Z', '2026-03-29T23:00:00.000Z'],
      ['2026-03-29T22:59:59.999Z', '2026-03-29T01:00:00.000Z', '2026-03-29T00:59:59.999Z', '2026-03-29T00:00:00.000Z']],
    ['fall back: 25 October 2026 is 25 hours', '2026-10-24T23:00:00.000Z', '2026-10-26T00:00:00.000Z',
      ['2026-10-24T22:59:59.999Z', '2026-10-24T23:00:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z', '2026-10-25T23:59:59.999Z', '2026-10-26T00:00:00.000Z'],
      ['2026-10-25T23:59:59.999Z', '2026-10-25T01:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-24T23:00:00.000Z']],
  ])('London day range, %s', async (_name, from, to, timestamps, expected) => {
    for (const timestamp of timestamps) {
      await insertMessage(harness.customerA, { Timestamp: timestamp });
    }

    const response = await list(`?from=${from}&to=${to}`);

    expect(response.status).toBe(200);
    expect(response.json.items.map((item) => item.timestamp)).toEqual(expected);
    expect(response.json.total).toBe(expected.length);
  });

  it('treats zone offsets as the same instants', async () => {
    await insertMessage(harness.customerA, { Timestamp: '2026-03-29T22:59:59.999Z' });
    await insertMessage(harness.customerA, { Timestamp: '2026-03-29T23:00:00.000Z' });

    // Local midnights in London on both sides of the spring change, written with their offsets.
    const response = await list(`?from=${encodeURIComponent('2026-03-29T00:00:00+00:00')}&to=${encodeURIComponent('2026-03-30T00:00:00.000+01:00')}`);

    expect(response.json.items.map((item) => item.timestamp)).toEqual(['2026-03-29T22:59:59.999Z']);
  });

  it.each([
    ['from', '?from=yesterday', 'from'],
    ['to without zone', '?to=2026-11-27T00:00:00', 'to'],
    ['from after to', '?from=2026-11-27T00:00:00Z&to=2026-11-26T00:00:00Z', 'from'],
    ['range over 366 days', '?from=2025-01-01T00:00:00Z&to=2026-11-26T00:00:00Z', '366 days'],
    ['applicationId', '?applicationId=abc', 'applicationId'],
    ['environment', '?environment=Prod', 'environment'],
    ['includeResent', '?includeResent=yes', 'includeResent'],
    ['pageSize zero', '?pageSize=0', 'pageSize'],
    ['pageSize over 500', '?pageSize=501', 'pageSize'],
    ['pageSize text', '?pageSize=ten', 'pageSize'],
    ['cursor', '?cursor=not-a-cursor', 'cursor'],
    ['unknown parameter', '?page_size=10', 'page_size'],
    ['repeated parameter', '?pageSize=10&pageSize=20', 'pageSize'],
  ])('rejects invalid %s', async (_name, query, named) => {
    const response = await list(query);

    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('validation');
    expect(response.json.error.message).toContain(named);
  });

  it('treats empty parameters as not given', async () => {
    await insertMessage(harness.customerA, { Timestamp: '2026-11-26T10:00:00.000Z' });

    const response = await list('?applicationId=&environment=&pageSize=');

    expect(response.status).toBe(200);
    expect(response.json.items).toHaveLength(1);
  });

  it('returns 404 for an inactive customer', async () => {
    harness.testClock.set('2026-11-27T12:00:00.000Z');
    const supportToken = await harness.tokenFor('support');

    const response = await callHandler<FailedMessagePage>(listFailedMessages, {
      method: 'GET',
      path: `customers/${ids.inactiveCustomer}/failed-messages`,
      params: { customerId: ids.inactiveCustomer },
      token: supportToken,
    });

    expect(response.status).toBe(404);
    expect(response.json.error.code).toBe('notFound');
  });
});

describe('failed-messages query plan', () => {
  it('uses IX_MessageLogs_Failed', () => {
    const query = afterCursor(
      selectFailedMessages(harness.customerA.db, 'sqlite', 'neverResent', {
        range: { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-27T00:00:00Z') },
        environment: 'Live',
        includeResent: false,
      }),
      'sqlite',
      { timestamp: new Date('2026-11-20T00:00:00Z'), id: 100 },
    )
      .select(['ID', 'Timestamp'])
      .orderBy('Timestamp', 'desc')
      .orderBy('ID', 'desc')
      .limit(101)
      .compile();
    const file = new Database(harness.databases.customerConnectionString.slice('sqlite:'.length), { readonly: true });

    const plan = file.prepare(`explain query plan ${query.sql}`).all(...query.parameters) as { detail: string }[];
    file.close();

    const details = plan.map((step) => step.detail).join('\n');
    expect(details).toContain('IX_MessageLogs_Failed');
    expect(details).not.toContain('TEMP B-TREE');
  });
});
