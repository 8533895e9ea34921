import type { IncomingHttpHeaders } from 'node:http';
import type { EpicorCallOptions, EpicorConnectionTarget } from '../../src/epicor/epicorTarget';
import { replayCall } from '../../src/epicor/replayCall';
import { startEpicorSimulator, type EpicorSimulator } from '../../src/local/epicorSimulator';
import { startLocalServer, type LocalServer } from './localServer';

const password = 'Pa55-word-7781';
const apiKey = 'ak_live_93c1d7e2f0';
const orderPath = 'api/v2/odata/EPIC06/Erp.BO.SalesOrderSvc/SalesOrders';

const options: EpicorCallOptions = {
  timeoutMs: 2000,
  maxResponseBytes: 65536,
  addressPolicy: { allowLoopback: true, allowPrivate: false },
  now: () => new Date('2026-01-05T10:00:00.000Z'),
};

function targetFor(baseUrl: string, overrides: Partial<EpicorConnectionTarget> = {}): EpicorConnectionTarget {
  return { baseUrl, company: 'EPIC06', userName: 'integration', password, apiKey, testPath: null, trustedCaCertificate: null, ...overrides };
}

describe('replayCall', () => {
  let simulator: EpicorSimulator;
  const servers: LocalServer[] = [];

  beforeAll(async () => {
    simulator = await startEpicorSimulator();
  });

  afterAll(async () => {
    await simulator.close();
  });

  afterEach(async () => {
    simulator.clearCalls();
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('posts logged call to Epicor', async () => {
    const call = { method: 'POST', endpoint: orderPath, body: '{"OrderNum":0,"CustNum":12}' };

    const result = await replayCall(targetFor(simulator.baseUrlFor('Orders')), call, options);

    expect(result).toEqual({
      ok: true,
      statusCode: 201,
      failureClass: null,
      message: 'Epicor accepted the call with 201 Created.',
      responseText: expect.stringContaining('"CustNum":12'),
      durationMs: 0,
      epicorError: null,
    });
    expect(simulator.calls('Orders')).toEqual([
      expect.objectContaining({ method: 'POST', path: orderPath, body: '{"OrderNum":0,"CustNum":12}', userName: 'integration', apiKeyPresent: true }),
    ]);
  });

  it('sends JSON content type with body', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = await startLocalServer((request, response) => {
      seen.push(request.headers);
      request.resume();
      request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    servers.push(server);

    await replayCall(targetFor(`${server.url}/Kinetic`), { method: 'PATCH', endpoint: orderPath, body: '{"a":1}' }, options);
    await replayCall(targetFor(`${server.url}/Kinetic`), { method: 'DELETE', endpoint: orderPath, body: null }, options);

    expect(seen[0]).toMatchObject({ 'content-type': 'application/json', accept: 'application/json', 'x-api-key': apiKey });
    expect(seen[1]?.['content-type']).toBeUndefined();
  });

  it('keeps order of resent calls', async () => {
    const calls = [1, 2, 3].map((number) => ({ method: 'POST', endpoint: `/${orderPath}`, body: `{"OrderNum":${number}}` }));

    for (const call of calls) {
      await replayCall(targetFor(simulator.baseUrlFor('Orders')), call, options);
    }

    const recorded = simulator.calls('Orders');
    expect(recorded.map((call) => call.body)).toEqual(calls.map((call) => call.body));
    expect(recorded.map((call) => call.sequence)).toEqual([...recorded.map((call) => call.sequence)].sort((a, b) => a - b));
  });

  it.each([
    ['POST', 200, 'api/v2/efx/EPIC06/OrderLib/ReleaseOrder'],
    ['PUT', 200, orderPath],
    ['post', 201, orderPath],
    ['DELETE', 204, `${orderPath}('EPIC06',5)`],
  ])('accepts %s to endpoint', async (method, statusCode, endpoint) => {
    const result = await replayCall(targetFor(simulator.baseUrlFor('Orders')), { method, endpoint, body: method === 'DELETE' ? null : '{}' }, options);

    expect(result.ok).toBe(true);
    expect(result.statusCode).toBe(statusCode);
  });

  it.each(['POST', 'PATCH', 'PUT'])('reports business rejection of %s', async (method) => {
    simulator.setScenario('Business', 'rejectBusiness');

    const result = await replayCall(targetFor(simulator.baseUrlFor('Business')), { method, endpoint: orderPath, body: '{"OrderQty":0}' }, options);

    expect(result.ok).toBe(false);
    expect(result.statusCode).toBe(400);
    expect(result.failureClass).toBe('badRequest');
    expect(result.message).toContain('Epicor returned 400: Order quantity must be greater than zero.');
    expect(result.epicorError?.errorType).toBe('Ice.Common.BusinessObjectException');
  });

  it('reads despite business scenario', async () => {
    simulator.setScenario('Business', 'rejectBusiness');

    const result = await replayCall(targetFor(simulator.baseUrlFor('Business')), { method: 'GET', endpoint: orderPath, body: null }, options);

    expect(result.ok).toBe(true);
  });

  it.each([
    ['appPoolStopped', 'serviceUnavailable'],
    ['htmlPage', 'notJson'],
    ['invalidCredentials', 'invalidCredentials'],
    ['redirectToLogin', 'redirect'],
  ] as const)('reports %s scenario', async (scenario, failureClass) => {
    simulator.setScenario(scenario, scenario);

    const result = await replayCall(targetFor(simulator.baseUrlFor(scenario)), { method: 'POST', endpoint: orderPath, body: '{}' }, options);

    expect(result.ok).toBe(false);
    expect(result.failureClass).toBe(failureClass);
  });

  it('times out hanging Epicor', async () => {
    simulator.setScenario('Hang', 'hang');

    const result = await replayCall(targetFor(simulator.baseUrlFor('Hang')), { method: 'POST', endpoint: orderPath, body: '{}' }, { ...options, timeoutMs: 300 });

    expect(result.failureClass).toBe('timeout');
    expect(result.responseText).toBe('');
  });

  it.each([
    ['absolute URL', 'https://evil.example.com/api/v2/odata/EPIC06/X'],
    ['other scheme', 'javascript:alert(1)'],
    ['protocol-relative', '//evil.example.com/api'],
    ['backslashes', '\\\\evil.example.com\\api'],
    ['parent segments', '../Other/api/v2/odata/EPIC06/X'],
    ['deep parent segments', 'api/v2/../../../Other'],
    ['encoded parent segments', '%2e%2e/Other/api'],
  ])('rejects %s endpoint', async (_case, endpoint) => {
    const result = await replayCall(targetFor(simulator.baseUrlFor('Orders')), { method: 'POST', endpoint, body: '{}' }, options);

    expect(result.failureClass).toBe('invalidRequest');
    expect(result.statusCode).toBeNull();
    expect(simulator.calls()).toEqual([]);
  });

  it('rejects unknown method', async () => {
    const result = await replayCall(targetFor(simulator.baseUrlFor('Orders')), { method: 'TRACE', endpoint: orderPath, body: null }, options);

    expect(result.failureClass).toBe('invalidRequest');
    expect(result.message).toBe('The logged method "TRACE" cannot be resent; expected one of GET, POST, PATCH, PUT, DELETE.');
  });

  it('blocks loopback when not allowed', async () => {
    const policy = { allowLoopback: false, allowPrivate: false };

    const result = await replayCall(targetFor(simulator.baseUrlFor('Orders')), { method: 'POST', endpoint: orderPath, body: '{}' }, { ...options, addressPolicy: policy });

    expect(result.failureClass).toBe('blockedAddress');
    expect(simulator.calls()).toEqual([]);
  });

  it('caps and redacts response text', async () => {
    const server = await startLocalServer((request, response) => {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ErrorMessage: `Rejected ${String(request.headers['x-api-key'])}`, Detail: 'x'.repeat(5000) }));
    });
    servers.push(server);

    const result = await replayCall(targetFor(`${server.url}/Kinetic`), { method: 'POST', endpoint: orderPath, body: '{}' }, { ...options, maxResponseBytes: 200 });

    expect(Buffer.byteLength(result.responseText)).toBeLessThanOrEqual(200);
    expect(result.responseText).toContain('Rejected [redacted]');
    expect(result.responseText).not.toContain(apiKey);
    expect(result.failureClass).toBe('badRequest');
  });
});
