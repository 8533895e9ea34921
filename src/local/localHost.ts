import { mkdirSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { z } from 'zod';
import { createLocalTokenIssuer, type LocalTokenIssuer } from '../auth/localTokenIssuer';
import { applyLocalSettings, getSettings, readEnvironmentValue, type Settings } from '../config/settings';
import type { DatabaseHandle } from '../data/openDatabase';
import type { PortalDatabase } from '../data/portalSchema';
import { toGuid } from '../data/rowValues';
import { writeLocalLog } from './consoleLog';
import { startEpicorSimulator, type EpicorSimulator, type Scenario } from './epicorSimulator';
import { findFreePort } from './freePort';
import { readHostConfig } from './hostConfig';
import { HttpHost } from './httpHost';
import { loadFunctionApp, type LoadedFunctionApp } from './loadFunctionApp';
import { LocalStateError, openLocalPortal } from './localDatabases';
import { LocalQueueStore } from './localQueue';
import { readLocalHostOptions, readLocalSettings, type LocalHostOptions } from './localSettings';
import { QueueHost } from './queueHost';
import { DemoTraffic } from './demoTraffic';
import { demoScenarios, pointDemoConnectionsAt, seedDemo } from './seedDemo';
import { TimerHost } from './timerHost';

/** A running local host; `stop` ends everything it started. */
export interface RunningLocalHost {
  url: string;
  simulator: EpicorSimulator;
  queues: QueueHost;
  timers: TimerHost;
  tokens: LocalTokenIssuer;
  options: LocalHostOptions;
  stop(): Promise<void>;
}

const tokenRequestSchema = z.object({ userId: z.string().min(1).max(100) }).strict();

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

/** Demo users that may sign in, with the role their token carries. */
async function listDemoUsers(portal: DatabaseHandle<PortalDatabase>) {
  const rows = await portal.db
    .selectFrom('Users')
    .leftJoin('Customers', 'Customers.ID', 'Users.CustomerID')
    .select(['Users.ID as userId', 'Users.Email as email', 'Users.DisplayName as name', 'Users.CustomerID as customerId', 'Customers.Name as customerName'])
    .where('Users.IsActive', '=', true)
    .where('Users.IsAdministrator', '=', true)
    .where((eb) => eb.or([eb('Users.CustomerID', 'is', null), eb('Customers.IsActive', '=', true)]))
    .orderBy('Customers.Name')
    .orderBy('Users.Email')
    .execute();
  return rows.map((row) => ({
    userId: toGuid(row.userId),
    email: row.email,
    name: row.name,
    customerId: row.customerId === null ? null : toGuid(row.customerId),
    customerName: row.customerName ?? 'All customers',
    role: row.customerId === null ? ('vendorSupport' as const) : ('customerAdministrator' as const),
  }));
}

function addLocalRoutes(http: HttpHost, portal: DatabaseHandle<PortalDatabase>, tokens: LocalTokenIssuer, timers: TimerHost): void {
  http.addLocalRoute('GET', '/', (_request, _body, response) => {
    response.writeHead(302, { location: '/api/portal/' });
    response.end();
  });
  http.addLocalRoute('GET', '/local/demo-users', async (_request, _body, response) => {
    sendJson(response, 200, { users: await listDemoUsers(portal) });
  });
  http.addLocalRoute('POST', '/local/token', async (_request, body, response) => {
    let parsed: z.ZodSafeParseResult<{ userId: string }>;
    try {
      parsed = tokenRequestSchema.safeParse(JSON.parse(body.toString('utf8')));
    } catch {
      sendJson(response, 400, { error: { code: 'validation', message: 'The body must be JSON: {"userId":"<demo user id>"}' } });
      return;
    }
    if (!parsed.success) {
      sendJson(response, 400, { error: { code: 'validation', message: 'The body must be {"userId":"<demo user id>"}' } });
      return;
    }
    const user = (await listDemoUsers(portal)).find((candidate) => candidate.userId === parsed.data.userId.toLowerCase());
    if (!user) {
      sendJson(response, 404, { error: { code: 'notFound', message: `No active demo administrator has id ${parsed.data.userId}; see GET /local/demo-users` } });
      return;
    }
    sendJson(response, 200, await tokens.sign(user));
  });
  http.addLocalRoute('POST', '/local/run-checks', async (_request, _body, response) => {
    await timers.fire('scheduleConnectionChecks');
    sendJson(response, 202, { status: 'check cycle scheduled' });
  });
}

async function prepareState(options: LocalHostOptions, settings: Settings): Promise<{
  portal: DatabaseHandle<PortalDatabase>;
  simulator: EpicorSimulator;
}> {
  for (const folder of ['data', 'outbox', 'auth']) {
    mkdirSync(join(options.stateDirectory, folder), { recursive: true });
  }
  if (!settings.LicensePortalDatabase.startsWith('sqlite:')) {
    throw new Error('The local host runs on SQLite only: set LicensePortalDatabase to "sqlite:.local/data/portal.db" in local.settings.json (SQL Server is for Azure)');
  }
  const portalFile = settings.LicensePortalDatabase.slice('sqlite:'.length);
  const { handle: portal, isNew } = await openLocalPortal(portalFile);

  const simulator = await startEpicorSimulator({
    port: options.simulatorPort,
    initialScenarios: demoScenarios() as Record<string, Scenario>,
  });
  if (isNew) {
    const seeded = await seedDemo({
      dataDirectory: join(options.stateDirectory, 'data'),
      secretsFile: settings.Secrets__LocalFile ?? join(options.stateDirectory, 'secrets.json'),
      portal: portal.db,
      simulatorUrl: simulator.url,
      now: new Date(),
    });
    writeLocalLog('info', 'seed', `Seeded demo data: 4 customers, ${seeded.messageCount} message-log rows`);
  } else {
    const moved = await pointDemoConnectionsAt(simulator.url, settings.Secrets__LocalFile ?? join(options.stateDirectory, 'secrets.json'));
    if (moved > 0) {
      writeLocalLog('info', 'seed', `Pointed ${moved} demo Epicor connections at the simulator on ${simulator.url}`);
    }
  }
  return { portal, simulator };
}

function openLocalQueues(file: string): LocalQueueStore {
  try {
    return new LocalQueueStore(file);
  } catch (error) {
    throw new LocalStateError(`The local queue file ${file} cannot be opened`, error);
  }
}

/**
 * Starts the embedded default: settings from local.settings.json, SQLite
 * databases seeded on first run, the Epicor simulator, and the function
 * app's own registrations served over HTTP, timers and local queues.
 */
export async function startLocalHost(rootDirectory: string): Promise<RunningLocalHost> {
  const options = readLocalHostOptions(rootDirectory);
  if (options.port === 0) {
    options.port = await findFreePort();
  }
  const values = readLocalSettings(options);
  values.PortalPublicUrl = (values.PortalPublicUrl ?? '').replace('127.0.0.1:7071', `127.0.0.1:${options.port}`);
  applyLocalSettings(values);
  const settings = getSettings();

  const { portal, simulator } = await prepareState(options, settings);
  const tokens = await createLocalTokenIssuer({
    directory: join(options.stateDirectory, 'auth'),
    issuer: settings.Auth__Issuer,
    audience: settings.Auth__Audience,
  });

  const app: LoadedFunctionApp = loadFunctionApp(join(rootDirectory, 'dist/src/functions/index.js'));
  const hostConfig = readHostConfig(join(rootDirectory, 'host.json'));
  const store = openLocalQueues(join(options.stateDirectory, 'queues.db'));
  const environment: Record<string, string | undefined> = { ...values, CheckSchedule: readEnvironmentValue('CheckSchedule') ?? values.CheckSchedule };
  const queues = new QueueHost(app.functions, store, hostConfig.queues, options.verbose);
  const timers = new TimerHost(app.functions, environment, store, options.verbose);
  const http = new HttpHost(app.functions, hostConfig.routePrefix, store, options.verbose);
  addLocalRoutes(http, portal, tokens, timers);

  const url = await http.listen(options.port);
  queues.start();
  timers.start();
  const traffic = new DemoTraffic(settings.Secrets__LocalFile ?? join(options.stateDirectory, 'secrets.json'), options.demoTrafficSeconds * 1000);
  if (options.demoTrafficSeconds > 0) {
    traffic.start();
  }

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await traffic.stop();
      await timers.stop();
      await queues.stop();
      await http.close();
      for (const hook of app.hooks.get('appTerminate') ?? []) {
        await hook({ hookData: {}, appHookData: {} });
      }
      await simulator.close();
      await portal.close();
      store.close();
    })();
    return stopping;
  };

  writeLocalLog('info', 'host', `Functions: ${app.functions.map((registered) => registered.name).join(', ')}`);
  for (const line of http.describe()) {
    writeLocalLog('info', 'host', `  ${line}`);
  }
  for (const line of timers.describe()) {
    writeLocalLog('info', 'host', `  timer ${line}`);
  }
  writeLocalLog('info', 'host', `  queues ${queues.queueNames.join(', ')}`);
  return { url, simulator, queues, timers, tokens, options, stop };
}
