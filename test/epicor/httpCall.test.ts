import { httpCall, type HttpCallOptions, type HttpCallOutcome } from '../../src/epicor/httpCall';
import { findClosedPort, startLocalServer, waitFor, type LocalServer } from './localServer';
import { generateTestCertificates, type TestCertificates } from './tlsCertificates';

const options: HttpCallOptions = {
  timeoutMs: 2000,
  maxResponseBytes: 1024,
  addressPolicy: { allowLoopback: true, allowPrivate: false },
  trustedCaCertificate: null,
};

function get(url: string, overrides: Partial<HttpCallOptions> = {}): Promise<HttpCallOutcome> {
  return httpCall({ method: 'GET', url: new URL(url), headers: { accept: 'application/json' }, body: null }, { ...options, ...overrides });
}

describe('httpCall', () => {
  const servers: LocalServer[] = [];
  const start = async (...args: Parameters<typeof startLocalServer>): Promise<LocalServer> => {
    const server = await startLocalServer(...args);
    servers.push(server);
    return server;
  };

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('sends method, headers and body', async () => {
    const server = await start((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        response.writeHead(201, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ method: request.method, path: request.url, apiKey: request.headers['x-api-key'], body }));
      });
    });

    const outcome = await httpCall(
      { method: 'POST', url: new URL(`${server.url}/Kinetic/api/v2/efx/EPIC06/Lib/Fn?x=1`), headers: { 'x-api-key': 'k1' }, body: '{"a":1}' },
      options,
    );

    expect(outcome).toEqual({
      kind: 'response',
      statusCode: 201,
      contentType: 'application/json',
      location: null,
      body: JSON.stringify({ method: 'POST', path: '/Kinetic/api/v2/efx/EPIC06/Lib/Fn?x=1', apiKey: 'k1', body: '{"a":1}' }),
      truncated: false,
    });
  });

  it('times out silent server', async () => {
    const server = await start(() => undefined);

    const outcome = await get(`${server.url}/`, { timeoutMs: 300 });

    expect(outcome).toMatchObject({ kind: 'failure', failureClass: 'timeout' });
    await waitFor(() => server.closedConnections() === 1);
  });

  it('times out trickling server', async () => {
    const timers: NodeJS.Timeout[] = [];
    const server = await start((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      timers.push(setInterval(() => response.write(' '), 20));
    });

    const outcome = await get(`${server.url}/`, { timeoutMs: 300, maxResponseBytes: 1_000_000 });

    timers.forEach((timer) => clearInterval(timer));
    expect(outcome).toMatchObject({ kind: 'failure', failureClass: 'timeout' });
  });

  it('caps huge body and disconnects', async () => {
    const server = await start((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = (): void => {
        while (response.write(chunk)) {
          // Write until the socket buffer is full, then continue on drain.
        }
      };
      response.on('drain', pump);
      pump();
    });

    const outcome = await get(`${server.url}/`, { maxResponseBytes: 5000 });

    expect(outcome).toMatchObject({ kind: 'response', statusCode: 200, truncated: true });
    expect(outcome.kind === 'response' ? outcome.body.length : -1).toBe(5000);
    await waitFor(() => server.closedConnections() === 1);
  });

  it('returns redirect without following', async () => {
    let requests = 0;
    const server = await start((_request, response) => {
      requests += 1;
      response.writeHead(302, { location: '/login?returnUrl=%2F' }).end();
    });

    const outcome = await get(`${server.url}/Kinetic/`);

    expect(outcome).toMatchObject({ kind: 'response', statusCode: 302, location: '/login?returnUrl=%2F' });
    expect(requests).toBe(1);
  });

  it('reports refused connection', async () => {
    const port = await findClosedPort();

    const outcome = await get(`http://127.0.0.1:${port}/`);

    expect(outcome).toMatchObject({ kind: 'failure', failureClass: 'refused', errorCode: 'ECONNREFUSED' });
  });

  it('reports unknown host as dns', async () => {
    const outcome = await get('http://epicor.invalid/Kinetic/', { addressPolicy: { allowLoopback: false, allowPrivate: false } });

    expect(outcome).toMatchObject({ kind: 'failure', failureClass: 'dns' });
  });

  it('reports reset connection as network', async () => {
    const server = await start((request) => request.socket.destroy());

    const outcome = await get(`${server.url}/`);

    expect(outcome).toMatchObject({ kind: 'failure', failureClass: 'network', errorCode: 'ECONNRESET' });
  });

  it('reports cut body as network', async () => {
    const server = await start((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      response.write('{"value":');
      setTimeout(() => response.socket?.destroy(), 20);
    });

    const outcome = await get(`${server.url}/`);

    expect(outcome).toMatchObject({ kind: 'failure', failureClass: 'network' });
  });

  it('rejects unsupported scheme', async () => {
    const outcome = await get('ftp://127.0.0.1/file');

    expect(outcome).toMatchObject({ kind: 'failure', failureClass: 'invalidUrl' });
  });

  it.each([
    ['127.0.0.1', (port: number) => `http://127.0.0.1:${port}/`],
    ['decimal host', (port: number) => `http://2130706433:${port}/`],
    ['hex host', (port: number) => `http://0x7f.1:${port}/`],
    ['octal host', (port: number) => `http://017700000001:${port}/`],
    ['mapped IPv6', (port: number) => `http://[::ffff:127.0.0.1]:${port}/`],
    ['localhost name', (port: number) => `http://localhost:${port}/`],
  ])('blocks loopback %s before connecting', async (_case, urlFor) => {
    const server = await start((_request, response) => response.end('{}'));

    const outcome = await get(urlFor(server.port), { addressPolicy: { allowLoopback: false, allowPrivate: true } });

    expect(outcome).toMatchObject({ kind: 'failure', failureClass: 'blockedAddress' });
    expect(server.connections()).toBe(0);
  });

  describe('TLS', () => {
    let certificates: TestCertificates;
    const answerJson = (_request: unknown, response: { end(text: string): void }): void => response.end('{}');

    beforeAll(() => {
      certificates = generateTestCertificates();
    });

    it('rejects private CA by default', async () => {
      const server = await start(answerJson, certificates.valid);

      const outcome = await get(`${server.url}/`);

      expect(outcome).toMatchObject({ kind: 'failure', failureClass: 'tlsUntrusted', errorCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    });

    it('trusts per-connection CA', async () => {
      const server = await start(answerJson, certificates.valid);

      const outcome = await get(`${server.url}/`, { trustedCaCertificate: certificates.caCertificate });

      expect(outcome).toMatchObject({ kind: 'response', statusCode: 200, body: '{}' });
    });

    it('reports expired certificate', async () => {
      const server = await start(answerJson, certificates.expired);

      const outcome = await get(`${server.url}/`, { trustedCaCertificate: certificates.caCertificate });

      expect(outcome).toMatchObject({ kind: 'failure', failureClass: 'tlsExpired', errorCode: 'CERT_HAS_EXPIRED' });
    });

    it('reports certificate for wrong name', async () => {
      const server = await start(answerJson, certificates.wrongName);

      const outcome = await get(`${server.url}/`, { trustedCaCertificate: certificates.caCertificate });

      expect(outcome).toMatchObject({ kind: 'failure', failureClass: 'tlsWrongName', errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    });

    it('reports invalid CA text', async () => {
      const server = await start(answerJson, certificates.valid);

      const outcome = await get(`${server.url}/`, { trustedCaCertificate: 'not a certificate' });

      expect(outcome).toMatchObject({ kind: 'failure', failureClass: 'tls' });
      expect(server.connections()).toBe(0);
    });

    it('reports plain HTTP server as tls', async () => {
      const server = await start(answerJson);

      const outcome = await get(server.url.replace('http:', 'https:'));

      expect(outcome).toMatchObject({ kind: 'failure', failureClass: 'tls' });
    });
  });
});
