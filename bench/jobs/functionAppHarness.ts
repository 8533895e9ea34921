import { join } from 'node:path';
import { HttpRequest, HttpResponse } from '@azure/functions';
import { z } from 'zod';
import { applyLocalSettings } from '../../src/config/settings';
import type { RegisteredFunction } from '../../src/local/functionsCore';
import { readHostConfig, type LocalHostConfig } from '../../src/local/hostConfig';
import { createInvocationContext } from '../../src/local/invocation';
import { loadFunctionApp, type LoadedFunctionApp } from '../../src/local/loadFunctionApp';
import { LocalQueueStore } from '../../src/local/localQueue';
import { QueueHost } from '../../src/local/queueHost';
import { TimerHost } from '../../src/local/timerHost';
import { builtAppFile, repositoryRoot } from '../support/paths';

/** One call of an HTTP function. */
export interface HttpCall {
  method: string;
  url: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
}

/** The built function app, loaded and hosted as the local host does, without its HTTP server. */
export interface FunctionAppHarness {
  app: LoadedFunctionApp;
  hostConfig: LocalHostConfig;
  store: LocalQueueStore;
  queues: QueueHost;
  timers: TimerHost;
  /** Calls an HTTP function's registered handler, as the local host's HTTP server does, and returns its status and body text. */
  invokeHttp(functionName: string, request: HttpCall): Promise<{ status: number; body: string }>;
  /** Stops the queue and timer hosts, runs the app's terminate hooks and closes the queue store. */
  stop(): Promise<void>;
}

const responseInitSchema = z.looseObject({
  status: z.number().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
});

function findFunction(app: LoadedFunctionApp, name: string): RegisteredFunction {
  const registered = app.functions.find((candidate) => candidate.name === name);
  if (!registered) {
    throw new Error(`The function app has no function named "${name}"; registered: ${app.functions.map((candidate) => candidate.name).join(', ')}.`);
  }
  return registered;
}

/**
 * Applies `settings` to the environment, then loads the built entry module
 * (`dist/src/functions/index.js`) with the local host's loader and wraps its
 * registrations in the local host's queue and timer hosts, with host.json's
 * queue settings and a queue store in `queueFile`. Nothing is started.
 */
export function startFunctionApp(settings: Record<string, string>, queueFile: string): FunctionAppHarness {
  applyLocalSettings(settings);
  const app = loadFunctionApp(builtAppFile('functions/index.js'));
  const hostConfig = readHostConfig(join(repositoryRoot, 'host.json'));
  const store = new LocalQueueStore(queueFile);
  const queues = new QueueHost(app.functions, store, hostConfig.queues);
  const timers = new TimerHost(app.functions, settings, store);

  return {
    app,
    hostConfig,
    store,
    queues,
    timers,
    async invokeHttp(functionName, request) {
      const registered = findFunction(app, functionName);
      const httpRequest = new HttpRequest({
        method: request.method,
        url: request.url,
        headers: request.headers ?? {},
        query: Object.fromEntries(new URL(request.url).searchParams),
        params: request.params ?? {},
        body: request.body === undefined ? undefined : { string: request.body },
      });
      const returned = await registered.handler(httpRequest, createInvocationContext(registered));
      // The handler returns a response init or an HttpResponse, as the local host accepts.
      const response = returned instanceof HttpResponse ? returned : new HttpResponse(responseInitSchema.parse(returned ?? { status: 204 }));
      return { status: response.status, body: await response.text() };
    },
    async stop() {
      await timers.stop();
      await queues.stop();
      for (const hook of app.hooks.get('appTerminate') ?? []) {
        await hook({ hookData: {}, appHookData: {} });
      }
      store.close();
    },
  };
}
