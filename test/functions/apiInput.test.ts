import { sql } from 'kysely';
import { createLocalTokenIssuer } from '../../src/auth/localTokenIssuer';
import { listFailedMessages } from '../../src/functions/listFailedMessages';
import { listMessageResends } from '../../src/functions/listMessageResends';
import { resendFailedMessages } from '../../src/functions/resendFailedMessages';
import { join } from 'node:path';
import type { FailedMessagePage } from '../../src/resend/failedMessages';
import type { ResendHistoryItem } from '../../src/resend/resendHistory';
import type { ResendReport } from '../../src/resend/resendMessages';
import { audienceName, callHandler, createApiHarness, ids, insertMessage, issuerName, users, type ApiHarness } from './http/apiHarness';

const sqlInjection = '\'; DROP TABLE MessageLogs;--';
const htmlInjection = '<script>alert("x")</script>';

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
  harness.simulator.clearCalls();
});

function resend(body: string, headers: Record<string, string> = {}) {
  return callHandler<ResendReport>(resendFailedMessages, {
    method: 'POST',
    path: `customers/${ids.customerA}/failed-messages/resend`,
    params: { customerId: ids.customerA },
    token,
    body,
    headers,
  });
}

async function tableNames(): Promise<string[]> {
  const result = await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(harness.customerA.db);
  return result.rows.map((row) => row.name);
}

describe('injection strings', () => {
  it('stores and returns stored strings as data', async () => {
    const id = await insertMessage(harness.customerA, {
      Timestamp: '2026-11-26T09:00:00.000Z',
      Endpoint: `api/v2/odata/EPIC06/Erp.BO.PartSvc/Parts('${sqlInjection}')`,
      ResponseText: htmlInjection,
      StatusCode: 500,
    });

    const response = await callHandler<FailedMessagePage>(listFailedMessages, { method: 'GET', path: 'x', params: { customerId: ids.customerA }, token });

    expect(response.json.items[0]).toMatchObject({
      id: String(id),
      endpoint: `api/v2/odata/EPIC06/Erp.BO.PartSvc/Parts('${sqlInjection}')`,
      errorSummary: `HTTP 500: ${htmlInjection}`,
    });
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(await tableNames()).toContain('MessageLogs');
  });

  it.each([
    ['customer id', { customerId: sqlInjection }, ''],
    ['application id', { customerId: ids.customerA }, `?applicationId=${encodeURIComponent(sqlInjection)}`],
    ['environment', { customerId: ids.customerA }, `?environment=${encodeURIComponent(htmlInjection)}`],
    ['cursor', { customerId: ids.customerA }, `?cursor=${encodeURIComponent(sqlInjection)}`],
    ['from', { customerId: ids.customerA }, `?from=${encodeURIComponent(htmlInjection)}`],
  ])('rejects an injected %s', async (_name, params, query) => {
    const response = await callHandler(listFailedMessages, { method: 'GET', path: `x${query}`, params, token });

    expect(response.status).toBe(400);
    expect(response.text).not.toContain('DROP TABLE');
    expect(response.text).not.toContain('<script>');
    expect(await tableNames()).toContain('MessageLogs');
  });

  it('rejects an injected message id', async () => {
    const response = await callHandler(listMessageResends, { method: 'GET', path: 'x', params: { customerId: ids.customerA, id: `1${sqlInjection}` }, token });

    expect(response.status).toBe(400);
    expect(response.json.error.message).toContain('"id"');
  });

  it.each([
    ['ids', { ids: [`1${sqlInjection}`] }, 'ids[0]'],
    ['filter application', { filter: { from: '2026-11-26T00:00:00Z', to: '2026-11-27T00:00:00Z', applicationId: htmlInjection } }, 'filter.applicationId'],
    ['filter environment', { filter: { from: '2026-11-26T00:00:00Z', to: '2026-11-27T00:00:00Z', environment: sqlInjection } }, 'filter.environment'],
  ])('rejects injected %s in the body', async (_name, body, named) => {
    const response = await resend(JSON.stringify(body));

    expect(response.status).toBe(400);
    expect(response.json.error.message).toContain(`"${named}"`);
    expect(await tableNames()).toContain('MessageLogs');
  });

  it('keeps injected user names as data', async () => {
    const issuer = await createLocalTokenIssuer({ directory: join(harness.databases.directory, 'auth'), issuer: issuerName, audience: audienceName, clock: harness.testClock.clock });
    const { token: injectedToken } = await issuer.sign({ ...users.adminA, name: htmlInjection, email: `${sqlInjection}${htmlInjection}` });
    const id = String(await insertMessage(harness.customerA, { Timestamp: '2026-11-26T09:00:00.000Z' }));

    await callHandler(resendFailedMessages, { method: 'POST', path: 'x', params: { customerId: ids.customerA }, token: injectedToken, body: JSON.stringify({ ids: [id] }) });
    const history = await callHandler<{ items: ResendHistoryItem[] }>(listMessageResends, { method: 'GET', path: 'x', params: { customerId: ids.customerA, id }, token });

    expect(history.json.items[0]!.requestedBy).toBe(`${sqlInjection}${htmlInjection}`);
    expect(await tableNames()).toEqual(expect.arrayContaining(['MessageLogs', 'MessageResends']));
  });
});

describe('resend body', () => {
  it.each([
    ['not JSON', '{"ids": ["1"]', 'not valid JSON'],
    ['empty', '', 'empty'],
    ['a JSON array', '["1"]', 'JSON object'],
    ['an unknown field', '{"ids":["1"],"force":true}', '"force" is not accepted'],
    ['an unknown filter field', '{"filter":{"from":"2026-11-26T00:00:00Z","to":"2026-11-27T00:00:00Z","status":"all"}}', '"filter.status" is not accepted'],
    ['ids and filter', '{"ids":["1"],"filter":{"from":"2026-11-26T00:00:00Z","to":"2026-11-27T00:00:00Z"}}', 'either "ids"'],
    ['neither ids nor filter', '{"continueOnFailure":true}', 'either "ids"'],
    ['empty ids', '{"ids":[]}', '"ids"'],
    ['numeric ids', '{"ids":[1]}', '"ids[0]"'],
    ['a filter without to', '{"filter":{"from":"2026-11-26T00:00:00Z"}}', '"filter.to" is required'],
    ['a text flag', '{"ids":["1"],"continueOnFailure":"yes"}', '"continueOnFailure"'],
  ])('rejects %s with 400', async (_name, body, expected) => {
    const response = await resend(body);

    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('validation');
    expect(response.json.error.message).toContain(expected);
    expect(harness.simulator.calls()).toHaveLength(0);
  });

  it('rejects more than 1000 ids', async () => {
    const tooMany = Array.from({ length: 1001 }, (_unused, index) => String(index + 1));

    const response = await resend(JSON.stringify({ ids: tooMany }));

    expect(response.status).toBe(400);
    expect(response.json.error.message).toContain('1 to 1000 message ids');
  });

  it('rejects a body over 256 KB with 413', async () => {
    const body = JSON.stringify({ ids: ['1'], padding: 'x'.repeat(300 * 1024) });

    const response = await resend(body);

    expect(response.status).toBe(413);
    expect(response.json.error.code).toBe('payloadTooLarge');
  });

  it('rejects a declared length over 256 KB', async () => {
    const response = await resend('{"ids":["1"]}', { 'content-length': String(300 * 1024) });

    expect(response.status).toBe(413);
  });

  it('rejects a filter matching over 1000 messages', async () => {
    const rows = Array.from({ length: 1001 }, (_unused, index) => ({
      Timestamp: new Date(Date.parse('2026-11-26T00:00:00.000Z') + index * 1000),
      ApplicationID: ids.fieldService,
      Environment: 'Live',
      Incoming: false,
      Success: false,
      Retries: 0,
      HttpMethod: 'POST',
      Endpoint: 'api/v2/odata/EPIC06/Erp.BO.SalesOrderSvc/SalesOrders',
      RequestBody: '{}',
      ResponseText: null,
      StatusCode: null,
    }));
    for (let start = 0; start < rows.length; start += 200) {
      await harness.customerA.db.insertInto('MessageLogs').values(rows.slice(start, start + 200)).execute();
    }

    const response = await resend(JSON.stringify({ filter: { from: '2026-11-26T00:00:00Z', to: '2026-11-27T00:00:00Z' } }));

    expect(response.status).toBe(400);
    expect(response.json.error.message).toContain('more than 1000 messages');
    expect(harness.simulator.calls()).toHaveLength(0);
  });
});
