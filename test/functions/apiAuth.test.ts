import { SignJWT } from 'jose';
import { getMe } from '../../src/functions/getMe';
import { listConnections } from '../../src/functions/listConnections';
import { listCustomers } from '../../src/functions/listCustomers';
import { listFailedMessages } from '../../src/functions/listFailedMessages';
import { listMessageResends } from '../../src/functions/listMessageResends';
import { listSyncLogs } from '../../src/functions/listSyncLogs';
import { resendFailedMessages } from '../../src/functions/resendFailedMessages';
import { testConnection } from '../../src/functions/testConnection';
import { createLocalTokenIssuer } from '../../src/auth/localTokenIssuer';
import { join } from 'node:path';
import { audienceName, callHandler, createApiHarness, ids, insertMessage, issuerName, users, type ApiHarness, type CallInit } from './http/apiHarness';

let harness: ApiHarness;

beforeAll(async () => {
  harness = await createApiHarness();
});

afterAll(async () => {
  await harness.close();
});

beforeEach(() => {
  harness.testClock.set('2026-11-27T12:00:00.000Z');
  harness.simulator.clearCalls();
});

describe('authentication', () => {
  it.each([
    ['a missing header', {}, 'missing'],
    ['another scheme', { authorization: 'Basic dXNlcjpwYXNzd29yZA==' }, 'malformed'],
    ['a malformed token', { authorization: 'Bearer not-a-token' }, 'malformed'],
  ])('returns 401 for %s', async (_name, headers, expected) => {
    const response = await callHandler(getMe, { method: 'GET', path: 'me', ...headers });

    expect(response.status).toBe(401);
    expect(response.json.error.code).toBe('unauthenticated');
    expect(response.json.error.message).toContain(expected);
    expect(response.headers['www-authenticate']).toContain('Bearer');
    expect(response.text).not.toContain('dXNlcjpwYXNzd29yZA');
  });

  it('returns 401 for an expired token', async () => {
    const token = await harness.tokenFor('adminA');
    harness.testClock.set('2026-11-28T12:00:00.000Z');

    const response = await callHandler(getMe, { method: 'GET', path: 'me', token });

    expect(response.status).toBe(401);
    expect(response.json.error.message).toContain('expired');
    expect(response.text).not.toContain(token);
  });

  it('returns 401 for the wrong audience', async () => {
    const other = await createLocalTokenIssuer({ directory: join(harness.databases.directory, 'auth'), issuer: issuerName, audience: 'api://another-service', clock: harness.testClock.clock });
    const { token } = await other.sign(users.adminA);

    const response = await callHandler(getMe, { method: 'GET', path: 'me', token });

    expect(response.status).toBe(401);
    expect(response.json.error.message).toContain(audienceName);
    expect(response.text).not.toContain(token);
  });

  it('returns 401 for a token signed elsewhere', async () => {
    const token = await new SignJWT({ role: 'vendorSupport', name: 'Mallory', email: 'm@example.com' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(ids.support)
      .setIssuer(issuerName)
      .setAudience(audienceName)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!'));

    const response = await callHandler(getMe, { method: 'GET', path: 'me', token });

    expect(response.status).toBe(401);
  });

  it('returns the user from /me', async () => {
    const response = await callHandler(getMe, { method: 'GET', path: 'me', token: await harness.tokenFor('adminA') });

    expect(response.status).toBe(200);
    expect(response.json).toEqual({ userId: ids.adminA, customerId: ids.customerA, role: 'customerAdministrator', name: 'Alice Admin', email: 'alice@a.example' });
    expect(response.headers['content-type']).toContain('application/json');
  });
});

describe('GET customers', () => {
  it('lists all active customers for vendor support', async () => {
    const response = await callHandler(listCustomers, { method: 'GET', path: 'customers', token: await harness.tokenFor('support') });

    expect(response.json).toEqual({ customers: [{ id: ids.customerA, name: 'Alpha Ltd' }, { id: ids.customerB, name: 'Beta plc' }] });
  });

  it('lists only the own customer for an administrator', async () => {
    const response = await callHandler(listCustomers, { method: 'GET', path: 'customers', token: await harness.tokenFor('adminB') });

    expect(response.json).toEqual({ customers: [{ id: ids.customerB, name: 'Beta plc' }] });
  });
});

type Route = [name: string, handler: Parameters<typeof callHandler>[0], init: (customerId: string) => Omit<CallInit, 'token'>];

const customerRoutes: Route[] = [
  ['failed-messages', listFailedMessages, (customerId) => ({ method: 'GET', path: `customers/${customerId}/failed-messages`, params: { customerId } })],
  ['resend', resendFailedMessages, (customerId) => ({ method: 'POST', path: `customers/${customerId}/failed-messages/resend`, params: { customerId }, body: '{"ids":["1"]}' })],
  ['resends of a message', listMessageResends, (customerId) => ({ method: 'GET', path: `customers/${customerId}/failed-messages/1/resends`, params: { customerId, id: '1' } })],
  ['connections', listConnections, (customerId) => ({ method: 'GET', path: `customers/${customerId}/connections`, params: { customerId } })],
  ['sync-logs', listSyncLogs, (customerId) => ({ method: 'GET', path: `customers/${customerId}/sync-logs`, params: { customerId } })],
  [
    'connection test',
    testConnection,
    (customerId) => ({ method: 'POST', path: `customers/${customerId}/connections/${ids.fieldService}/Live/test`, params: { customerId, applicationId: ids.fieldService, environment: 'Live' } }),
  ],
];

describe('tenant isolation', () => {
  beforeAll(async () => {
    await insertMessage(harness.customerB, { ID: 1, Timestamp: '2026-11-26T09:00:00.000Z' });
  });

  it.each(customerRoutes)('returns 403 on %s of another customer', async (_name, handler, init) => {
    const response = await callHandler(handler, { ...init(ids.customerB), token: await harness.tokenFor('adminA') });

    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe('forbidden');
    const warning = response.logs.find((log) => log.level === 'warning');
    expect(warning?.line).toContain(`userId=${ids.adminA}`);
    expect(warning?.line).toContain(`userCustomerId=${ids.customerA}`);
    expect(warning?.line).toContain(`requestedCustomerId=${ids.customerB}`);
    expect(harness.simulator.calls()).toHaveLength(0);
  });

  it.each(customerRoutes)('returns 401 on %s without a token', async (_name, handler, init) => {
    const response = await callHandler(handler, init(ids.customerA));

    expect(response.status).toBe(401);
  });

  it.each(customerRoutes)('lets vendor support use %s', async (_name, handler, init) => {
    const response = await callHandler(handler, { ...init(ids.customerB), token: await harness.tokenFor('support') });

    expect(response.status).toBe(200);
  });
});
