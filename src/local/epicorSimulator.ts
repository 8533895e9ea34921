import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { respondAsEpicor, type CredentialRules } from './simulator/respondAsEpicor';
import { CallLog, type RecordedCall } from './simulator/callLog';
import { controlPrefix, handleControlRequest, instanceNamePattern } from './simulator/controlApi';
import { decodePathSegment } from './simulator/decodePathSegment';
import { sendJson } from './simulator/responses';
import { defaultScenario, isScenario, scenarios, type Scenario } from './simulator/scenarios';

export { scenarios, type Scenario } from './simulator/scenarios';
export type { RecordedCall } from './simulator/callLog';

/** Settings of a simulator; every field has a default. */
export interface EpicorSimulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Listening address: loopback only. */
  host?: '127.0.0.1';
  /** Scenario per instance name; unlisted instances are `healthy`. */
  initialScenarios?: Record<string, Scenario>;
  /** Delay of the `slow` scenario in milliseconds; default 2000. */
  slowMs?: number;
  /** Time in milliseconds after which a `hang` request's connection is closed without a response; default 300000. */
  hangMs?: number;
  /**
   * Delay in milliseconds before an instance responds; default 0. It applies
   * to every scenario but `hang`, and `slow` waits `slowMs` on top of it.
   * `setLatency` overrides it per instance.
   */
  latencyMs?: number;
  /** Password that a healthy instance rejects as invalid; default `wrong-password`. */
  wrongPassword?: string;
  /** API key that a healthy instance rejects as invalid; default `wrong-api-key`. */
  wrongApiKey?: string;
  /** Maximum request body in bytes; a larger body gets 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Maximum number of recorded calls kept, oldest dropped first; default 10000. */
  maxRecordedCalls?: number;
  /** Clock for recorded call times; defaults to the system clock. */
  now?: () => Date;
}

/** A running simulator of Epicor servers, one per instance path. */
export interface EpicorSimulator {
  /** Origin of the simulator, such as `http://127.0.0.1:51234`. */
  url: string;
  /** Returns the base URL of a simulated Epicor instance, such as `http://127.0.0.1:51234/Kinetic2025_2`. */
  baseUrlFor(instance: string): string;
  setScenario(instance: string, scenario: Scenario): void;
  getScenario(instance: string): Scenario;
  /** Sets the delay in milliseconds before one instance responds, replacing the `latencyMs` option for it. */
  setLatency(instance: string, latencyMs: number): void;
  /** Returns the recorded calls, oldest first, of one instance when given. */
  calls(instance?: string): RecordedCall[];
  clearCalls(): void;
  /** Stops listening and ends every open connection, including hanging ones. */
  close(): Promise<void>;
}

type BodyResult = { tooLarge: false; body: string | null } | { tooLarge: true };

function readBody(request: IncomingMessage, maxBytes: number, done: (result: BodyResult) => void): void {
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > maxBytes) {
    done({ tooLarge: true });
    return;
  }

  const chunks: Buffer[] = [];
  let received = 0;
  let finished = false;
  request.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (finished) return;
    if (received > maxBytes) {
      finished = true;
      done({ tooLarge: true });
      return;
    }
    chunks.push(chunk);
  });
  request.on('end', () => {
    if (finished) return;
    finished = true;
    done({ tooLarge: false, body: received === 0 ? null : Buffer.concat(chunks).toString('utf8') });
  });
}

function validateInstance(instance: string): void {
  if (!instanceNamePattern.test(instance)) {
    throw new Error(`Invalid instance name "${instance}": use letters, digits, ".", "_" and "-", starting with a letter or digit.`);
  }
}

function validateLatency(latencyMs: number, name: string): number {
  if (!Number.isFinite(latencyMs) || latencyMs < 0) {
    throw new Error(`Invalid ${name} ${latencyMs}: use a number of milliseconds of 0 or more.`);
  }
  return latencyMs;
}

/**
 * Starts a simulator of Epicor REST servers on 127.0.0.1 for tests and the
 * local demo. Each first path segment is an instance with its own scenario;
 * `/_simulator/...` is the control API. Resolves once the server listens.
 */
export async function startEpicorSimulator(options: EpicorSimulatorOptions = {}): Promise<EpicorSimulator> {
  const host = options.host ?? '127.0.0.1';
  const slowMs = options.slowMs ?? 2000;
  const hangMs = options.hangMs ?? 300_000;
  const defaultLatencyMs = validateLatency(options.latencyMs ?? 0, 'latencyMs');
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const now = options.now ?? ((): Date => new Date());
  const rules: CredentialRules = {
    wrongPassword: options.wrongPassword ?? 'wrong-password',
    wrongApiKey: options.wrongApiKey ?? 'wrong-api-key',
  };
  const log = new CallLog(options.maxRecordedCalls ?? 10_000);
  const scenarioByInstance = new Map<string, Scenario>();
  const latencyByInstance = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let origin = '';

  const setScenario = (instance: string, scenario: Scenario): void => {
    validateInstance(instance);
    if (!isScenario(scenario)) {
      throw new Error(`Unknown scenario "${String(scenario)}"; valid scenarios: ${scenarios.join(', ')}.`);
    }
    scenarioByInstance.set(instance, scenario);
  };
  for (const [instance, scenario] of Object.entries(options.initialScenarios ?? {})) {
    setScenario(instance, scenario);
  }
  const getScenario = (instance: string): Scenario => scenarioByInstance.get(instance) ?? defaultScenario;
  const setLatency = (instance: string, latencyMs: number): void => {
    validateInstance(instance);
    latencyByInstance.set(instance, validateLatency(latencyMs, `latency for instance "${instance}"`));
  };

  /** Runs `action` after `delayMs` unless the response closes first. */
  const later = (response: ServerResponse, delayMs: number, action: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, delayMs);
    timers.add(timer);
    response.on('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  };

  const handleInstance = (request: IncomingMessage, url: URL, body: string | null, response: ServerResponse): void => {
    const [, rawInstance = '', ...rest] = url.pathname.split('/');
    const instance = decodePathSegment(rawInstance);
    if (!instanceNamePattern.test(instance)) {
      sendJson(response, 404, { error: `No simulated Epicor instance at ${url.pathname}; use /{instance}/api/v2/odata/...` });
      return;
    }

    const path = rest.join('/');
    const method = request.method ?? 'GET';
    const authorization = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const credentials = authorization === undefined ? null : Buffer.from(authorization, 'base64').toString('utf8');
    log.record({
      instance,
      method,
      path: `${path}${url.search}`,
      body,
      receivedAt: now().toISOString(),
      userName: credentials === null ? null : credentials.split(':')[0] ?? null,
      apiKeyPresent: typeof request.headers['x-api-key'] === 'string',
    });

    const instanceRequest = {
      method,
      path,
      headers: request.headers,
      body,
      baseUrl: `${origin}/${instance}`,
      loginUrl: `${origin}${controlPrefix}/login`,
      correlationId: randomUUID(),
    };
    const scenario = getScenario(instance);
    const latencyMs = latencyByInstance.get(instance) ?? defaultLatencyMs;
    if (scenario === 'hang') {
      // Never respond: the connection ends when the client gives up, at hangMs, or at close().
      later(response, hangMs, () => response.destroy());
    } else if (scenario === 'slow') {
      later(response, latencyMs + slowMs, () => respondAsEpicor('healthy', instanceRequest, response, rules));
    } else if (latencyMs > 0) {
      later(response, latencyMs, () => respondAsEpicor(scenario, instanceRequest, response, rules));
    } else {
      respondAsEpicor(scenario, instanceRequest, response, rules);
    }
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    readBody(request, maxBodyBytes, (result) => {
      if (result.tooLarge) {
        sendJson(response, 413, { error: `The request body is larger than ${maxBodyBytes} bytes.` }, { connection: 'close' });
        return;
      }
      if (url.pathname === controlPrefix || url.pathname.startsWith(`${controlPrefix}/`)) {
        handleControlRequest(request.method ?? 'GET', url, result.body, response, {
          listScenarios: () => Object.fromEntries(scenarioByInstance),
          setScenario,
          calls: (instance) => log.list(instance),
          clearCalls: () => log.clear(),
        });
        return;
      }
      handleInstance(request, url, result.body, response);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error(`The Epicor simulator is not listening on a TCP port (address: ${String(address)}).`);
  }
  origin = `http://${host}:${address.port}`;

  let closing: Promise<void> | null = null;
  return {
    url: origin,
    baseUrlFor: (instance) => {
      validateInstance(instance);
      return `${origin}/${instance}`;
    },
    setScenario,
    getScenario,
    setLatency,
    calls: (instance) => log.list(instance),
    clearCalls: () => log.clear(),
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        timers.forEach((timer) => clearTimeout(timer));
        timers.clear();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
