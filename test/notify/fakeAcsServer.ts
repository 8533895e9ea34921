import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake service received. */
export interface AcsRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** Scripted response to one request: a status, headers and a JSON body, or none at all. */
export type AcsAnswer = { status: number; headers?: Record<string, string>; body?: unknown } | 'hang';

/**
 * Plays the Communication Services email REST API on 127.0.0.1: `POST
 * /emails:send` and `GET /emails/operations/{id}`. Each request takes the
 * next scripted response for its kind. Without one, a send is accepted (202)
 * and a poll reports `Succeeded`.
 */
export class FakeAcsServer {
  readonly requests: AcsRequest[] = [];
  readonly sendAnswers: AcsAnswer[] = [];
  readonly pollAnswers: AcsAnswer[] = [];
  #operationCount = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeAcsServer> {
    const server = createServer();
    const fake = new FakeAcsServer(server);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => fake.#handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  sends(): AcsRequest[] {
    return this.requests.filter((request) => request.method === 'POST');
  }

  polls(): AcsRequest[] {
    return this.requests.filter((request) => request.method === 'GET');
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  #handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      this.requests.push({ method: request.method ?? '', path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (request.method === 'POST' && path.startsWith('/emails:send')) {
        this.#operationCount += 1;
        const id = `operation-${this.#operationCount}`;
        this.#answer(response, this.sendAnswers.shift() ?? {
          status: 202,
          headers: { 'operation-location': `${this.endpoint}/emails/operations/${id}?api-version=2025-09-01` },
          body: { id, status: 'Running' },
        });
        return;
      }
      const operation = /^\/emails\/operations\/([^?]+)/.exec(path);
      if (request.method === 'GET' && operation) {
        this.#answer(response, this.pollAnswers.shift() ?? { status: 200, body: { id: operation[1], status: 'Succeeded' } });
        return;
      }
      this.#answer(response, { status: 404, body: { error: { code: 'NotFound', message: `No route ${path}` } } });
    });
  }

  #answer(response: ServerResponse, answer: AcsAnswer): void {
    if (answer === 'hang') {
      return;
    }
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  }
}
