import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EpicorCallOptions, EpicorConnectionTarget } from '../../src/epicor/testConnection';
import { testConnection } from '../../src/epicor/testConnection';
import { startEpicorSimulator, type EpicorSimulator, type Scenario } from '../../src/local/epicorSimulator';
import { findClosedPort, startLocalServer, type LocalServer } from './localServer';
import { generateTestCertificates, type TestCertificates } from './tlsCertificates';

const password = 'Pa55-word-7781';
const apiKey = 'ak_live_93c1d7e2f0';
const basicToken = Buffer.from(`integration:${password}`).toString('base64');
const checkedAt = new Date('2026-01-05T10:00:00.000Z');

const options: EpicorCallOptions = {
  timeoutMs: 2000,
  maxResponseBytes: 65536,
  addressPolicy: { allowLoopback: true, allowPrivate: false },
  now: () => checkedAt,
};

function targetFor(baseUrl: string, overrides: Partial<EpicorConnectionTarget> = {}): EpicorConnectionTarget {
  return {
    baseUrl,
    company: 'EPIC06',
    userName: 'integration',
    password,
    apiKey,
    testPath: null,
    trustedCaCertificate: null,
    ...overrides,
  };
}

function expectNoSecret(value: unknown): void {
  const text = JSON.stringify(value);
  expect(text).not.toContain(password);
  expect(text).not.toContain(apiKey);
  expect(text).not.toContain(basicToken);
}

describe('testConnection', () => {
  let simulator: EpicorSimulator;
  const servers: LocalServer[] = [];
  const start = async (handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<LocalServer> => {
    const server = await startLocalServer(handler);
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    simulator = await startEpicorSimulator({ slowMs: 50 });
  });

  afterAll(async () => {
    await simulator.close();
  });

  afterEach(async () => {
    simulator.clearCalls();
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('succeeds against healthy Epicor', async () => {
    simulator.setScenario('Healthy', 'healthy');

    const result = await testConnection(targetFor(simulator.baseUrlFor('Healthy')), options);

    expect(result).toEqual({
      ok: true,
      checkedAt: '2026-01-05T10:00:00.000Z',
      durationMs: 0,
      url: `${simulator.baseUrlFor('Healthy')}/api/v2/odata/EPIC06/Erp.BO.CompanySvc/Companies?$top=1`,
      statusCode: 200,
      failureClass: null,
      message: 'Epicor returned 200 with JSON: the connection works.',
      hint: null,
      epicorError: null,
    });
  });

  it('sends one GET with credentials', async () => {
    simulator.setScenario('Healthy', 'healthy');

    await testConnection(targetFor(simulator.baseUrlFor('Healthy')), options);

    expect(simulator.calls('Healthy')).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: 'api/v2/odata/EPIC06/Erp.BO.CompanySvc/Companies?$top=1',
        userName: 'integration',
        apiKeyPresent: true,
      }),
    ]);
  });

  it('uses configured test path', async () => {
    const target = targetFor(`${simulator.baseUrlFor('Healthy')}/`, { testPath: '/api/v2/odata/EPIC06/Erp.BO.PartSvc/Parts?$top=1' });

    const result = await testConnection(target, options);

    expect(result.ok).toBe(true);
    expect(simulator.calls('Healthy').map((call) => call.path)).toEqual(['api/v2/odata/EPIC06/Erp.BO.PartSvc/Parts?$top=1']);
  });

  it('succeeds against slow Epicor', async () => {
    simulator.setScenario('Slow', 'slow');

    const result = await testConnection(targetFor(simulator.baseUrlFor('Slow')), options);

    expect(result.ok).toBe(true);
  });

  it.each<[Scenario, number, string, string]>([
    ['invalidCredentials', 401, 'invalidCredentials', 'Epicor returned 401: Invalid username or password.'],
    ['invalidApiKey', 401, 'invalidApiKey', 'Epicor returned 401: Invalid API Key for company EPIC06.'],
    ['accessDenied', 401, 'accessDenied', 'Epicor returned 401: Access denied (Erp.BO.Company.GetRows).'],
    ['forbidden', 403, 'forbidden', 'Epicor returned 403: '],
    ['notFound', 404, 'notFound', 'Epicor returned 404: '],
    ['conversionsPending', 503, 'conversionsPending', 'Epicor returned 503: '],
    ['appPoolStopped', 503, 'serviceUnavailable', 'The server returned 503 Service Unavailable with an HTML page titled "Service Unavailable".'],
    ['serverError', 500, 'serverError', 'Epicor returned 500: Object reference not set'],
    ['htmlPage', 200, 'notJson', 'The server returned 200 with an HTML page titled "Network access policy"'],
    ['redirectToLogin', 302, 'redirect', `redirecting to ${'URL'}/_simulator/login`],
  ])('reports %s scenario', async (scenario, statusCode, failureClass, messageStart) => {
    simulator.setScenario(scenario, scenario);

    const result = await testConnection(targetFor(simulator.baseUrlFor(scenario)), options);

    expect(result.ok).toBe(false);
    expect(result.statusCode).toBe(statusCode);
    expect(result.failureClass).toBe(failureClass);
    expect(result.message).toContain(messageStart.replace('URL', simulator.url));
    expect(result.hint).toEqual(expect.any(String));
  });

  it('parses Epicor error fields', async () => {
    simulator.setScenario('Denied', 'accessDenied');

    const result = await testConnection(targetFor(simulator.baseUrlFor('Denied')), options);

    expect(result.epicorError).toEqual({
      errorMessage: 'Access denied (Erp.BO.Company.GetRows).',
      errorType: 'System.UnauthorizedAccessException',
      correlationId: expect.any(String),
    });
    expect(result.hint).toContain('test path to a service the user can read');
  });

  it.each([
    ['wrong password', { password: 'wrong-password' }, 'invalidCredentials'],
    ['wrong API key', { apiKey: 'wrong-api-key' }, 'invalidApiKey'],
    ['missing API key', { apiKey: null }, 'invalidApiKey'],
    ['missing user', { userName: null }, 'invalidCredentials'],
  ])('reports %s', async (_case, overrides, failureClass) => {
    simulator.setScenario('Healthy', 'healthy');

    const result = await testConnection(targetFor(simulator.baseUrlFor('Healthy'), overrides), options);

    expect(result.failureClass).toBe(failureClass);
  });

  it('times out hanging Epicor', async () => {
    simulator.setScenario('Hang', 'hang');

    const result = await testConnection(targetFor(simulator.baseUrlFor('Hang')), { ...options, timeoutMs: 300 });

    expect(result.failureClass).toBe('timeout');
    expect(result.statusCode).toBeNull();
    expect(result.hint).toContain('0.3 s');
  });

  it.each<[string, number, string, string, string]>([
    ['session timeout', 410, 'application/json', '{"ErrorMessage":"Session has timed out."}', 'sessionExpired'],
    ['bad request', 400, 'application/json', '{"ErrorMessage":"Invalid $filter.","ErrorType":"Ice.BLException"}', 'badRequest'],
    ['other 401', 401, 'application/json', '{"ErrorMessage":"Token expired."}', 'unauthorized'],
    ['bare 401', 401, 'text/plain', '', 'unauthorized'],
    ['teapot', 418, 'text/plain', 'no', 'unexpectedStatus'],
    ['no content', 204, 'application/json', '', 'unexpectedStatus'],
    ['broken JSON', 200, 'application/json', '{"value": [', 'notJson'],
    ['plain text', 200, 'text/plain', 'OK', 'notJson'],
    ['gateway error', 502, 'text/html', '<html><title>Bad Gateway</title></html>', 'serverError'],
    ['OData error', 404, 'application/json', '{"error":{"code":"","message":"Resource not found for the segment Companys."}}', 'notFound'],
  ])('classifies %s', async (_case, statusCode, contentType, body, failureClass) => {
    const server = await start((_request, response) => response.writeHead(statusCode, { 'content-type': contentType }).end(body));

    const result = await testConnection(targetFor(`${server.url}/Kinetic`), options);

    expect(result.failureClass).toBe(failureClass);
    expect(result.statusCode).toBe(statusCode);
  });

  it('reads OData error message', async () => {
    const body = '{"error":{"code":"","message":"Resource not found for the segment Companys."}}';
    const server = await start((_request, response) => response.writeHead(404, { 'content-type': 'application/json' }).end(body));

    const result = await testConnection(targetFor(`${server.url}/Kinetic`), options);

    expect(result.message).toBe('Epicor returned 404: Resource not found for the segment Companys.');
    expect(result.epicorError).toEqual({ errorMessage: 'Resource not found for the segment Companys.', errorType: null, correlationId: null });
  });

  it('accepts truncated JSON body', async () => {
    const server = await start((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json; odata.metadata=minimal' });
      response.end(JSON.stringify({ value: Array.from({ length: 500 }, (_unused, index) => ({ Company: `C${index}` })) }));
    });

    const result = await testConnection(targetFor(`${server.url}/Kinetic`), { ...options, maxResponseBytes: 100 });

    expect(result.ok).toBe(true);
  });

  it('notes redirect to another host', async () => {
    const server = await start((_request, response) =>
      response.writeHead(302, { location: 'https://login.example.net/sso/start?state=abc123' }).end(),
    );

    const result = await testConnection(targetFor(`${server.url}/Kinetic`), options);

    expect(result.failureClass).toBe('redirect');
    expect(result.message).toBe(
      'The server returned 302 Found, redirecting to https://login.example.net/sso/start, on another host (login.example.net). The redirect was not followed.',
    );
  });

  it('reports unknown host as dns', async () => {
    const result = await testConnection(targetFor('https://epicor.invalid/Kinetic'), options);

    expect(result.failureClass).toBe('dns');
    expect(result.message).toContain('epicor.invalid');
  });

  it('reports refused connection', async () => {
    const port = await findClosedPort();

    const result = await testConnection(targetFor(`http://127.0.0.1:${port}/Kinetic`), options);

    expect(result.failureClass).toBe('refused');
  });

  it('reports dropped connection as network', async () => {
    const server = await start((request) => request.socket.destroy());

    const result = await testConnection(targetFor(`${server.url}/Kinetic`), options);

    expect(result.failureClass).toBe('network');
  });

  it('blocks loopback when not allowed', async () => {
    const policy = { allowLoopback: false, allowPrivate: true };

    const result = await testConnection(targetFor(simulator.baseUrlFor('Healthy')), { ...options, addressPolicy: policy });

    expect(result.failureClass).toBe('blockedAddress');
    expect(result.message).toContain('loopback');
    expect(simulator.calls()).toEqual([]);
  });

  it.each([
    ['no scheme', 'erp.example.com/Kinetic', {}],
    ['other scheme', 'ftp://erp.example.com/Kinetic', {}],
    ['credentials in URL', `https://integration:${password}@erp.example.com/Kinetic`, {}],
    ['query', 'https://erp.example.com/Kinetic?company=EPIC06', {}],
    ['fragment', 'https://erp.example.com/Kinetic#top', {}],
    ['missing company', 'https://erp.example.com/Kinetic', { company: ' ' }],
    ['absolute test path', 'https://erp.example.com/Kinetic', { testPath: 'https://other.example.com/x' }],
    ['protocol-relative test path', 'https://erp.example.com/Kinetic', { testPath: '//other.example.com/x' }],
    ['escaping test path', 'https://erp.example.com/Kinetic', { testPath: '../Other/api/v2/odata' }],
    ['encoded escaping test path', 'https://erp.example.com/Kinetic', { testPath: '%2e%2e/Other/api' }],
  ])('rejects %s as invalidUrl', async (_case, baseUrl, overrides) => {
    const result = await testConnection(targetFor(baseUrl, overrides), options);

    expect(result.failureClass).toBe('invalidUrl');
    expect(result.statusCode).toBeNull();
    expectNoSecret(result);
  });

  it('rejects control character in API key', async () => {
    const result = await testConnection(targetFor(simulator.baseUrlFor('Healthy'), { apiKey: `${apiKey}\n` }), options);

    expect(result.failureClass).toBe('invalidApiKey');
    expect(simulator.calls()).toEqual([]);
    expectNoSecret(result);
  });

  describe('secrets', () => {
    it('keeps Epicor message for short password', async () => {
      simulator.setScenario('invalidCredentials', 'invalidCredentials');

      const result = await testConnection(targetFor(simulator.baseUrlFor('invalidCredentials'), { password: 'p' }), options);

      expect(result.failureClass).toBe('invalidCredentials');
      expect(result.message).toContain('Invalid username or password.');
    });

    it('redacts short secret as word', async () => {
      const server = await start((request, response) =>
        response
          .writeHead(401, { 'content-type': 'application/json' })
          .end(JSON.stringify({ ErrorMessage: `Unknown key ${String(request.headers['x-api-key'])}.` })),
      );

      const result = await testConnection(targetFor(`${server.url}/Kinetic`, { apiKey: 'k1' }), options);

      expect(result.message).toBe('Epicor returned 401: Unknown key [redacted].');
    });

    it.each<[string, (request: IncomingMessage, response: ServerResponse) => void]>([
      [
        'echoed in Epicor error',
        (request, response) =>
          response
            .writeHead(401, { 'content-type': 'application/json' })
            .end(JSON.stringify({ ErrorMessage: `Bad key ${String(request.headers['x-api-key'])} for ${String(request.headers.authorization)} (${password})`, ErrorType: apiKey, CorrelationId: password })),
      ],
      ['echoed in HTML title', (_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(`<title>Hello ${password} ${apiKey}</title>`)],
      ['echoed in redirect', (_request, response) => response.writeHead(302, { location: `/login/${apiKey}/${encodeURIComponent(password)}` }).end()],
      ['echoed in 503 page', (_request, response) => response.writeHead(503, { 'content-type': 'text/html' }).end(`<title>${basicToken}</title>`)],
    ])('never returned when %s', async (_case, handler) => {
      const server = await start(handler);

      const result = await testConnection(targetFor(`${server.url}/Kinetic`), options);

      expect(result.ok).toBe(false);
      expect(result.message).toContain('[redacted]');
      expectNoSecret(result);
    });

    it('redacts API key in test path', async () => {
      const target = targetFor(simulator.baseUrlFor('Healthy'), { testPath: `api/v2/odata/EPIC06/Erp.BO.CompanySvc/Companies?api-key=${apiKey}` });

      const result = await testConnection(target, options);

      expect(result.ok).toBe(true);
      expect(result.url).toContain('api-key=[redacted]');
      expectNoSecret(result);
    });

    it.each<Scenario>(['invalidCredentials', 'invalidApiKey', 'accessDenied', 'serverError', 'redirectToLogin', 'hang'])(
      'never returned for %s',
      async (scenario) => {
        simulator.setScenario(scenario, scenario);

        const result = await testConnection(targetFor(simulator.baseUrlFor(scenario)), { ...options, timeoutMs: 300 });

        expect(result.ok).toBe(false);
        expectNoSecret(result);
      },
    );
  });

  describe('TLS', () => {
    let certificates: TestCertificates;
    const answerCompanies = (_request: IncomingMessage, response: ServerResponse): void => {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"value":[{"Company":"EPIC06"}]}');
    };
    const invalidPem = '-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----';

    beforeAll(() => {
      certificates = generateTestCertificates();
    });

    it.each<[string, 'valid' | 'expired' | 'wrongName', 'none' | 'testCa' | 'invalid', string]>([
      ['untrusted CA', 'valid', 'none', 'tlsUntrusted'],
      ['expired certificate', 'expired', 'testCa', 'tlsExpired'],
      ['wrong name', 'wrongName', 'testCa', 'tlsWrongName'],
      ['invalid CA text', 'valid', 'invalid', 'tls'],
    ])('reports %s', async (_case, serverCertificate, trust, failureClass) => {
      const server = await startLocalServer(answerCompanies, certificates[serverCertificate]);
      servers.push(server);
      const trustedCaCertificate = { none: null, testCa: certificates.caCertificate, invalid: invalidPem }[trust];

      const result = await testConnection(targetFor(`${server.url}/Kinetic`, { trustedCaCertificate }), options);

      expect(result.failureClass).toBe(failureClass);
      expect(result.hint).toEqual(expect.any(String));
    });

    it('succeeds with trusted CA', async () => {
      const server = await startLocalServer(answerCompanies, certificates.valid);
      servers.push(server);

      const result = await testConnection(targetFor(`${server.url}/Kinetic`, { trustedCaCertificate: certificates.caCertificate }), options);

      expect(result.ok).toBe(true);
    });
  });
});
