import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';

/** A server started by a test on 127.0.0.1 with a free port. */
export interface LocalServer {
  /** Origin such as `http://127.0.0.1:51234`. */
  url: string;
  port: number;
  /** Number of TCP connections accepted so far. */
  connections(): number;
  /** Number of accepted connections that have closed. */
  closedConnections(): number;
  close(): Promise<void>;
}

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

/** Starts an HTTP server, or HTTPS with `tls`, that runs `handler` for each request. */
export async function startLocalServer(handler: Handler, tls?: { cert: string; key: string }): Promise<LocalServer> {
  const server = tls === undefined ? http.createServer(handler) : https.createServer(tls, handler);
  const sockets = new Set<Socket>();
  let accepted = 0;
  let closed = 0;
  server.on('connection', (socket: Socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('close', () => {
      closed += 1;
      sockets.delete(socket);
    });
  });
  // A client that gives up during the TLS handshake is expected here, not a test failure.
  server.on('tlsClientError', () => undefined);

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('The test server is not listening on a TCP port.');
  }
  const scheme = tls === undefined ? 'http' : 'https';

  return {
    url: `${scheme}://127.0.0.1:${address.port}`,
    port: address.port,
    connections: () => accepted,
    closedConnections: () => closed,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}

/** Returns a port on 127.0.0.1 that nothing listens on: bound, then released. */
export async function findClosedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('The probe server is not listening on a TCP port.');
  }
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address.port;
}

/** Resolves once `condition` holds, checking every 10 ms for at most `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`Condition not met within ${timeoutMs} ms.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
