import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpRequest, HttpResponse, type HttpResponseInit } from '@azure/functions';
import { writeLocalLog } from './consoleLog';
import type { RegisteredFunction } from './functionsCore';
import { createInvocationContext } from './invocation';
import { triggerOf } from './loadFunctionApp';
import type { LocalQueueStore } from './localQueue';
import { flushQueueOutputs } from './queueHost';
import { compileRoute, type RouteMatcher } from './routeTemplate';

interface HttpRoute {
  registered: RegisteredFunction;
  methods: string[];
  matcher: RouteMatcher;
}

/** A route the local host itself serves, outside the function app. */
export type LocalRouteHandler = (request: IncomingMessage, body: Buffer, response: ServerResponse) => Promise<void> | void;

/** Largest request body the local host accepts, like the Functions host's limit but smaller. */
const maxRequestBytes = 10 * 1024 * 1024;

/** Serves every HTTP-triggered function under the route prefix, on 127.0.0.1. */
export class HttpHost {
  readonly #routes: HttpRoute[] = [];
  readonly #localRoutes = new Map<string, LocalRouteHandler>();
  #server: Server | undefined;

  constructor(
    functions: readonly RegisteredFunction[],
    routePrefix: string,
    private readonly store: LocalQueueStore,
    private readonly verbose = false,
  ) {
    for (const registered of functions) {
      const trigger = triggerOf(registered);
      if (trigger.type !== 'httpTrigger') {
        continue;
      }
      const route = typeof trigger.route === 'string' ? trigger.route : registered.name;
      const methods = Array.isArray(trigger.methods) ? trigger.methods.map((method) => String(method).toUpperCase()) : ['GET', 'POST'];
      this.#routes.push({ registered, methods, matcher: compileRoute(`${routePrefix}/${route}`) });
    }
  }

  /** Adds a route served by the local host itself, keyed by "METHOD /path". */
  addLocalRoute(method: string, path: string, handler: LocalRouteHandler): void {
    this.#localRoutes.set(`${method.toUpperCase()} ${path}`, handler);
  }

  /** Returns one line per route, for the start-up summary. */
  describe(): string[] {
    return this.#routes.map((route) => `${route.methods.join(',').padEnd(8)} /${route.matcher.template}  (${route.registered.name})`);
  }

  async listen(port: number): Promise<string> {
    const server = createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        writeLocalLog('error', 'http', `Unhandled error for ${request.method} ${request.url}: ${String(error)}`);
        if (!response.headersSent) {
          response.writeHead(500, { 'content-type': 'application/json' });
        }
        response.end(JSON.stringify({ error: { code: 'internal', message: 'The local host failed to handle the request' } }));
      });
    });
    this.#server = server;
    await new Promise<void>((resolveListen, rejectListen) => {
      server.once('error', rejectListen);
      server.listen(port, '127.0.0.1', () => resolveListen());
    });
    const address = server.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  async #readBody(request: IncomingMessage): Promise<Buffer | undefined> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > maxRequestBytes) {
        return undefined;
      }
      chunks.push(buffer);
    }
    return Buffer.concat(chunks);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = (request.method ?? 'GET').toUpperCase();
    const body = await this.#readBody(request);
    if (body === undefined) {
      response.writeHead(413, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 'payloadTooLarge', message: `Request bodies are limited to ${maxRequestBytes} bytes` } }));
      return;
    }

    const local = this.#localRoutes.get(`${method} ${url.pathname}`);
    if (local) {
      await local(request, body, response);
      return;
    }

    const found = this.#findRoute(method, url.pathname);
    if (!found) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 'notFound', message: `No function serves ${method} ${url.pathname}` } }));
      return;
    }
    await this.#invoke(found.route, found.params, method, url, request, body, response);
  }

  #findRoute(method: string, pathname: string): { route: HttpRoute; params: Record<string, string> } | undefined {
    for (const route of this.#routes) {
      const params = route.matcher.match(pathname);
      if (params && route.methods.includes(method)) {
        return { route, params };
      }
    }
    return undefined;
  }

  async #invoke(
    route: HttpRoute,
    params: Record<string, string>,
    method: string,
    url: URL,
    request: IncomingMessage,
    body: Buffer,
    response: ServerResponse,
  ): Promise<void> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) {
        headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
    }
    const httpRequest = new HttpRequest({
      method,
      url: url.toString(),
      headers,
      params,
      body: body.length > 0 ? { bytes: body } : undefined,
    });
    const context = createInvocationContext(route.registered, { verbose: this.verbose });
    const started = Date.now();
    let result: HttpResponse;
    try {
      const returned = (await route.registered.handler(httpRequest, context)) as HttpResponseInit | HttpResponse | undefined;
      flushQueueOutputs(route.registered, context, undefined, this.store);
      result = returned instanceof HttpResponse ? returned : new HttpResponse(returned ?? { status: 204 });
    } catch (error) {
      context.error(`Function threw: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      result = new HttpResponse({ status: 500, jsonBody: { error: { code: 'internal', message: 'The function failed; see the host log' } } });
    }

    const payload = Buffer.from(await result.arrayBuffer());
    const responseHeaders: Record<string, string> = {};
    result.headers.forEach((value, name) => {
      responseHeaders[name] = value;
    });
    response.writeHead(result.status, responseHeaders);
    response.end(payload);
    writeLocalLog('info', 'http', `${method} ${url.pathname} ${result.status} ${Date.now() - started} ms`);
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (!server) {
      return;
    }
    server.closeAllConnections();
    await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
  }
}
