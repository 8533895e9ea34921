import { request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';

/** One plain HTTP request of a baseline loop. */
export interface RawRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
}

/** Outcome of one raw request: its status, or null when it timed out or failed. */
export interface RawOutcome {
  statusCode: number | null;
  durationMs: number;
}

/**
 * Sends one request with Node's `http` module and a fresh connection (no
 * pooled agent, as the Epicor client does), reads the whole response and
 * gives up after `timeoutMs` milliseconds. Never rejects.
 */
export function sendRaw(request: RawRequest, timeoutMs: number): Promise<RawOutcome> {
  const started = performance.now();
  return new Promise((resolveOutcome) => {
    let settled = false;
    const settle = (statusCode: number | null): void => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        resolveOutcome({ statusCode, durationMs: performance.now() - started });
      }
    };
    const headers = request.body === null ? request.headers : { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) };
    const outgoing = httpRequest(request.url, { method: request.method, headers, agent: false }, (response) => {
      response.on('data', () => undefined);
      response.on('end', () => settle(response.statusCode ?? null));
      response.on('error', () => settle(null));
    });
    const timer = setTimeout(() => {
      outgoing.destroy();
      settle(null);
    }, timeoutMs);
    outgoing.on('error', () => settle(null));
    outgoing.end(request.body ?? undefined);
  });
}

/**
 * Sends every request, at most `concurrency` at a time, and returns the wall
 * time in milliseconds and each outcome in request order.
 */
export async function runRawLoop(
  requests: readonly RawRequest[],
  options: { concurrency: number; timeoutMs: number },
): Promise<{ wallMs: number; outcomes: RawOutcome[] }> {
  const outcomes = new Array<RawOutcome>(requests.length);
  // The workers share one iterator, so each request is sent by exactly one of them.
  const entries = requests.entries();
  const started = performance.now();
  const worker = async (): Promise<void> => {
    for (const [index, request] of entries) {
      outcomes[index] = await sendRaw(request, options.timeoutMs);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, requests.length) }, worker));
  return { wallMs: performance.now() - started, outcomes };
}
