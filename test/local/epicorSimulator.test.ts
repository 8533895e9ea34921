import * as http from 'node:http';
import { scenarios, startEpicorSimulator, type EpicorSimulator, type Scenario } from '../../src/local/epicorSimulator';

const credentials = { 'x-api-key': 'key-1', authorization: `Basic ${Buffer.from('integration:secret-1').toString('base64')}` };
const companiesPath = 'api/v2/odata/EPIC06/Erp.BO.CompanySvc/Companies';

interface SimpleResponse {
  statusCode: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Sends one request to the simulator and reads the whole response. */
function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string; chunked?: boolean } = {}): Promise<SimpleResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.body !== undefined && init.chunked !== true) {
      headers['content-length'] = String(Buffer.byteLength(init.body));
    }
    const request = http.request(url, { method: init.method ?? 'GET', headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ statusCode: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(init.body);
  });
}

function json(response: SimpleResponse): unknown {
  return JSON.parse(response.body);
}

describe('startEpicorSimulator', () => {
  let simulator: EpicorSimulator;

  beforeEach(async () => {
    simulator = await startEpicorSimulator({ slowMs: 50, maxBodyBytes: 1000, now: () => new Date('2026-01-05T10:00:00.000Z') });
  });

  afterEach(async () => {
    await simulator.close();
  });

  it('listens on loopback only', () => {
    const url = simulator.url;

    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(simulator.baseUrlFor('Kinetic2025_2')).toBe(`${url}/Kinetic2025_2`);
  });

  it('serves company list when healthy', async () => {
    const response = await send(`${simulator.baseUrlFor('Kinetic')}/${companiesPath}?$top=1`, { headers: credentials });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    expect(json(response)).toEqual({
      '@odata.context': `${simulator.baseUrlFor('Kinetic')}/api/v2/odata/EPIC06/Erp.BO.CompanySvc/$metadata#Companies`,
      value: [{ Company: 'EPIC06', Name: 'EPIC06 Simulated Company' }],
    });
  });

  it.each([
    ['missing API key', { authorization: credentials.authorization }, 'Invalid API Key for company EPIC06.'],
    ['wrong API key', { ...credentials, 'x-api-key': 'wrong-api-key' }, 'Invalid API Key for company EPIC06.'],
    ['missing credentials', { 'x-api-key': 'key-1' }, 'Invalid username or password.'],
    ['wrong password', { ...credentials, authorization: `Basic ${Buffer.from('integration:wrong-password').toString('base64')}` }, 'Invalid username or password.'],
  ])('healthy rejects %s', async (_case, headers, errorMessage) => {
    const response = await send(`${simulator.baseUrlFor('Kinetic')}/${companiesPath}`, { headers });

    expect(response.statusCode).toBe(401);
    expect(json(response)).toMatchObject({ HttpStatus: 401, ReasonPhrase: 'REST API Exception', ErrorMessage: errorMessage, ErrorType: 'System.UnauthorizedAccessException' });
  });

  it.each<[Scenario, number, string, RegExp]>([
    ['healthy', 200, 'application/json', /"value"/],
    ['invalidCredentials', 401, 'application/json', /"ErrorMessage":"Invalid username or password\."/],
    ['invalidApiKey', 401, 'application/json', /"ErrorMessage":"Invalid API Key for company EPIC06\."/],
    ['accessDenied', 401, 'application/json', /"ErrorMessage":"Access denied \(Erp\.BO\.Company\.GetRows\)\."/],
    ['forbidden', 403, 'application/json', /"HttpStatus":403/],
    ['notFound', 404, 'application/json', /"HttpStatus":404/],
    ['conversionsPending', 503, 'application/json', /ConversionsPendingException/],
    ['appPoolStopped', 503, 'text/html', /HTTP Error 503\. The service is unavailable\./],
    ['serverError', 500, 'application/json', /"HttpStatus":500/],
    ['htmlPage', 200, 'text/html', /<title>Network access policy<\/title>/],
    ['rejectBusiness', 200, 'application/json', /"value"/],
  ])('plays %s scenario', async (scenario, statusCode, contentType, bodyPattern) => {
    simulator.setScenario('Kinetic', scenario);

    const response = await send(`${simulator.baseUrlFor('Kinetic')}/${companiesPath}`, { headers: credentials });

    expect(response.statusCode).toBe(statusCode);
    expect(response.headers['content-type']).toContain(contentType);
    expect(response.body).toMatch(bodyPattern);
  });

  it('redirects to login page', async () => {
    simulator.setScenario('Kinetic', 'redirectToLogin');

    const redirect = await send(`${simulator.baseUrlFor('Kinetic')}/${companiesPath}`, { headers: credentials });
    const login = await send(redirect.headers.location ?? '');

    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toMatch(new RegExp(`^${simulator.url}/_simulator/login\\?returnUrl=`));
    expect(login.statusCode).toBe(200);
    expect(login.body).toContain('<title>Sign in</title>');
  });

  it('answers slow scenario late', async () => {
    simulator.setScenario('Kinetic', 'slow');

    const response = await send(`${simulator.baseUrlFor('Kinetic')}/${companiesPath}`, { headers: credentials });

    expect(response.statusCode).toBe(200);
  });

  it.each([
    ['POST', companiesPath, 201],
    ['PATCH', `${companiesPath}('EPIC06')`, 200],
    ['PUT', `${companiesPath}('EPIC06')`, 200],
    ['POST', 'api/v2/efx/EPIC06/OrderLib/ReleaseOrder', 200],
  ])('accepts %s to %s', async (method, path, statusCode) => {
    const response = await send(`${simulator.baseUrlFor('Kinetic')}/${path}`, { method, headers: credentials, body: '{"Name":"New"}' });

    expect(response.statusCode).toBe(statusCode);
    expect(response.headers['content-type']).toContain('application/json');
  });

  it.each(['POST', 'PATCH', 'PUT'])('rejectBusiness rejects %s', async (method) => {
    simulator.setScenario('Kinetic', 'rejectBusiness');

    const response = await send(`${simulator.baseUrlFor('Kinetic')}/${companiesPath}`, { method, headers: credentials, body: '{}' });

    expect(response.statusCode).toBe(400);
    expect(json(response)).toMatchObject({ HttpStatus: 400, ErrorType: 'Ice.Common.BusinessObjectException' });
  });

  it('rejects invalid JSON body', async () => {
    const response = await send(`${simulator.baseUrlFor('Kinetic')}/${companiesPath}`, { method: 'POST', headers: credentials, body: '{not json' });

    expect(response.statusCode).toBe(400);
  });

  it.each([
    ['declared length', false],
    ['chunked body', true],
  ])('rejects large body with %s', async (_case, chunked) => {
    const response = await send(`${simulator.baseUrlFor('Kinetic')}/${companiesPath}`, { method: 'POST', headers: credentials, body: `"${'x'.repeat(1200)}"`, chunked });

    expect(response.statusCode).toBe(413);
    expect(simulator.calls()).toEqual([]);
  });

  it('returns 404 outside instances', async () => {
    const response = await send(`${simulator.url}/`);

    expect(response.statusCode).toBe(404);
  });

  it('records calls in order', async () => {
    await send(`${simulator.baseUrlFor('A')}/${companiesPath}?$top=1`, { headers: credentials });
    await send(`${simulator.baseUrlFor('B')}/${companiesPath}`, { method: 'POST', headers: credentials, body: '{"n":1}' });
    await send(`${simulator.baseUrlFor('A')}/${companiesPath}`, { method: 'POST', headers: { 'x-api-key': 'key-1' }, body: '{"n":2}' });

    const calls = simulator.calls();

    expect(calls).toEqual([
      { sequence: 1, instance: 'A', method: 'GET', path: `${companiesPath}?$top=1`, body: null, receivedAt: '2026-01-05T10:00:00.000Z', userName: 'integration', apiKeyPresent: true },
      { sequence: 2, instance: 'B', method: 'POST', path: companiesPath, body: '{"n":1}', receivedAt: '2026-01-05T10:00:00.000Z', userName: 'integration', apiKeyPresent: true },
      { sequence: 3, instance: 'A', method: 'POST', path: companiesPath, body: '{"n":2}', receivedAt: '2026-01-05T10:00:00.000Z', userName: null, apiKeyPresent: true },
    ]);
    expect(simulator.calls('A').map((call) => call.sequence)).toEqual([1, 3]);
    expect(JSON.stringify(calls)).not.toContain('secret-1');
    expect(JSON.stringify(calls)).not.toContain('key-1');
  });

  it('clears recorded calls', async () => {
    await send(`${simulator.baseUrlFor('A')}/${companiesPath}`, { headers: credentials });

    simulator.clearCalls();

    expect(simulator.calls()).toEqual([]);
  });

  it('applies initial scenarios', async () => {
    const configured = await startEpicorSimulator({ initialScenarios: { Down: 'appPoolStopped' } });

    const scenario = configured.getScenario('Down');
    const other = configured.getScenario('Other');
    await configured.close();

    expect(scenario).toBe('appPoolStopped');
    expect(other).toBe('healthy');
  });

  it.each(['', '_simulator', 'a/b', '../x'])('rejects instance name "%s"', (instance) => {
    const setScenario = (): void => simulator.setScenario(instance, 'healthy');

    expect(setScenario).toThrow(/Invalid instance name/);
  });

  describe('control API', () => {
    it('sets and lists scenarios', async () => {
      const put = await send(`${simulator.url}/_simulator/scenarios/Kinetic`, { method: 'PUT', body: '{"scenario":"appPoolStopped"}' });
      const list = await send(`${simulator.url}/_simulator/scenarios`);

      expect(put.statusCode).toBe(200);
      expect(json(put)).toEqual({ instance: 'Kinetic', scenario: 'appPoolStopped' });
      expect(json(list)).toEqual({ scenarios: { Kinetic: 'appPoolStopped' }, defaultScenario: 'healthy', available: [...scenarios] });
      expect(simulator.getScenario('Kinetic')).toBe('appPoolStopped');
    });

    it.each([
      ['unknown scenario', '{"scenario":"broken"}', `Unknown scenario "broken"; valid scenarios: ${scenarios.join(', ')}.`],
      ['non-JSON body', 'appPoolStopped', 'The request body is not JSON; send {"scenario":"healthy"}.'],
      ['missing field', '{"name":"healthy"}', 'The request body must be an object with a "scenario" string, such as {"scenario":"healthy"}.'],
    ])('rejects %s', async (_case, body, error) => {
      const response = await send(`${simulator.url}/_simulator/scenarios/Kinetic`, { method: 'PUT', body });

      expect(response.statusCode).toBe(400);
      expect(json(response)).toEqual({ error });
      expect(simulator.getScenario('Kinetic')).toBe('healthy');
    });

    it('lists and clears calls', async () => {
      await send(`${simulator.baseUrlFor('A')}/${companiesPath}`, { headers: credentials });
      await send(`${simulator.baseUrlFor('B')}/${companiesPath}`, { headers: credentials });

      const listed = await send(`${simulator.url}/_simulator/calls?instance=B`);
      const cleared = await send(`${simulator.url}/_simulator/calls`, { method: 'DELETE' });

      expect(json(listed)).toEqual({ calls: [expect.objectContaining({ instance: 'B', sequence: 2 })] });
      expect(cleared.statusCode).toBe(204);
      expect(simulator.calls()).toEqual([]);
    });

    it('returns 404 for unknown route', async () => {
      const response = await send(`${simulator.url}/_simulator/reset`, { method: 'POST' });

      expect(response.statusCode).toBe(404);
    });
  });

  describe('latency', () => {
    it.each<[string, Scenario, number]>([
      ['healthy', 'healthy', 200],
      ['failing', 'appPoolStopped', 503],
      ['slow', 'slow', 200],
    ])('answers %s scenario after latency', async (_case, scenario, statusCode) => {
      simulator.setScenario('Kinetic', scenario);
      simulator.setLatency('Kinetic', 20);

      const response = await send(`${simulator.baseUrlFor('Kinetic')}/${companiesPath}`, { headers: credentials });

      expect(response.statusCode).toBe(statusCode);
    });

    it('withholds answer during latency', async () => {
      const delayed = await startEpicorSimulator({ latencyMs: 60_000 });
      const pending = send(`${delayed.baseUrlFor('Kinetic')}/${companiesPath}`, { headers: credentials });
      await waitForCalls(delayed, 1);

      await delayed.close();

      await expect(pending).rejects.toThrow(/socket hang up/);
    });

    it('overrides option per instance', async () => {
      const delayed = await startEpicorSimulator({ latencyMs: 60_000 });
      delayed.setLatency('Quick', 0);

      const response = await send(`${delayed.baseUrlFor('Quick')}/${companiesPath}`, { headers: credentials });
      await delayed.close();

      expect(response.statusCode).toBe(200);
    });

    it.each([
      ['negative', -1],
      ['not a number', Number.NaN],
      ['infinite', Number.POSITIVE_INFINITY],
    ])('rejects %s latency', (_case, latencyMs) => {
      const setLatency = (): void => simulator.setLatency('Kinetic', latencyMs);

      expect(setLatency).toThrow(/Invalid latency for instance "Kinetic"/);
    });

    it('rejects negative latency option', async () => {
      const starting = startEpicorSimulator({ latencyMs: -5 });

      await expect(starting).rejects.toThrow(/Invalid latencyMs -5/);
    });
  });

  describe('hang scenario', () => {
    it('ends hanging request on close', async () => {
      simulator.setScenario('Stuck', 'hang');
      const pending = send(`${simulator.baseUrlFor('Stuck')}/${companiesPath}`, { headers: credentials });
      await waitForCalls(simulator, 1);

      await simulator.close();

      await expect(pending).rejects.toThrow(/socket hang up/);
    });

    it('drops request after hangMs', async () => {
      const quick = await startEpicorSimulator({ hangMs: 50, initialScenarios: { Stuck: 'hang' } });

      const outcome = send(`${quick.baseUrlFor('Stuck')}/${companiesPath}`, { headers: credentials });

      await expect(outcome).rejects.toThrow(/socket hang up/);
      await quick.close();
    });
  });
});

async function waitForCalls(simulator: EpicorSimulator, count: number): Promise<void> {
  for (let attempt = 0; attempt < 200 && simulator.calls().length < count; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
