import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Clock } from '../../../src/app/clock';
import { setServices, type Services } from '../../../src/app/services';
import { createLocalTokenIssuer, type LocalTokenClaims, type LocalTokenIssuer } from '../../../src/auth/localTokenIssuer';
import { parseSettings } from '../../../src/config/settings';
import type { CustomerDatabase } from '../../../src/data/customerSchema';
import type { Environment } from '../../../src/data/environments';
import type { DatabaseHandle } from '../../../src/data/openDatabase';
import { PortalDirectory } from '../../../src/data/portalDirectory';
import { TenantDatabases } from '../../../src/data/tenantDatabases';
import { startEpicorSimulator, type EpicorSimulator } from '../../../src/local/epicorSimulator';
import { SecretNotFoundError, type SecretStore } from '../../../src/secrets/secretStore';
import { createSqliteTestDatabases, type TestDatabases } from '../../support/databases';

/** Fixed ids of the test customers, applications and users. */
export const ids = {
  customerA: 'aaaaaaaa-0000-4000-8000-000000000001',
  customerB: 'bbbbbbbb-0000-4000-8000-000000000002',
  inactiveCustomer: 'cccccccc-0000-4000-8000-000000000003',
  fieldService: 'f0000000-0000-4000-8000-000000000001',
  timesheets: 'f0000000-0000-4000-8000-000000000002',
  adminA: 'd0000000-0000-4000-8000-0000000000a1',
  adminB: 'd0000000-0000-4000-8000-0000000000b1',
  support: 'd0000000-0000-4000-8000-000000000099',
} as const;

export const issuerName = 'https://sync-guard.test/issuer';
export const audienceName = 'api://sync-guard-test';

/** Users of the test tokens. */
export const users = {
  adminA: { userId: ids.adminA, customerId: ids.customerA, role: 'customerAdministrator', name: 'Alice Admin', email: 'alice@a.example' },
  adminB: { userId: ids.adminB, customerId: ids.customerB, role: 'customerAdministrator', name: 'Bob Admin', email: 'bob@b.example' },
  support: { userId: ids.support, customerId: null, role: 'vendorSupport', name: 'Vendor Support', email: 'support@vendor.example' },
} satisfies Record<string, LocalTokenClaims>;

/** Secrets held in memory, so the test controls which exist. */
export class MemorySecretStore implements SecretStore {
  constructor(readonly values: Map<string, string>) {}

  getSecret(name: string): Promise<string> {
    const value = this.values.get(name);
    return value === undefined ? Promise.reject(new SecretNotFoundError(name, 'the test secret store')) : Promise.resolve(value);
  }
}

/** A test clock whose time the test sets. */
export interface TestClock {
  clock: Clock;
  set(at: Date | string): void;
}

export function createTestClock(start: string): TestClock {
  let now = new Date(start);
  return { clock: () => new Date(now.getTime()), set: (at) => (now = new Date(at)) };
}

/** A message-log row to insert; unset fields get a failed outgoing POST. */
export interface MessageSeed {
  ID?: number;
  Timestamp: string;
  ApplicationID?: string;
  Environment?: Environment;
  Incoming?: boolean;
  Success?: boolean;
  Retries?: number;
  HttpMethod?: string;
  Endpoint?: string;
  RequestBody?: string | null;
  ResponseText?: string | null;
  StatusCode?: number | null;
}

/** Inserts one message-log row and returns its id. */
export async function insertMessage(db: DatabaseHandle<CustomerDatabase>, seed: MessageSeed): Promise<number> {
  const row = await db.db
    .insertInto('MessageLogs')
    .values({
      ...(seed.ID === undefined ? {} : { ID: seed.ID }),
      Timestamp: new Date(seed.Timestamp),
      ApplicationID: seed.ApplicationID ?? ids.fieldService,
      Environment: seed.Environment ?? 'Live',
      Incoming: seed.Incoming ?? false,
      Success: seed.Success ?? false,
      Retries: seed.Retries ?? 0,
      HttpMethod: seed.HttpMethod ?? 'POST',
      Endpoint: seed.Endpoint ?? 'api/v2/odata/EPIC06/Erp.BO.SalesOrderSvc/SalesOrders',
      RequestBody: seed.RequestBody === undefined ? `{"OrderNum":${seed.ID ?? 0},"At":"${seed.Timestamp}"}` : seed.RequestBody,
      ResponseText: seed.ResponseText === undefined ? '{"HttpStatus":503,"ErrorMessage":"Conversions pending"}' : seed.ResponseText,
      StatusCode: seed.StatusCode === undefined ? 503 : seed.StatusCode,
    })
    .returning('ID')
    .executeTakeFirstOrThrow();
  return Number(row.ID);
}

/** The error body that every failed request returns; typed on every result so tests can read it. */
export interface ErrorBody {
  error: { code: string; message: string; [detail: string]: unknown };
}

/** The response of one handler call, with the log lines it wrote. */
export interface CallResult<Body = unknown> {
  status: number;
  json: Body & ErrorBody;
  text: string;
  headers: Record<string, string>;
  logs: { level: string; line: string }[];
}

/** A request to a handler: the path under /api, route parameters and an optional token and body. */
export interface CallInit {
  method: 'GET' | 'POST';
  path: string;
  params?: Record<string, string>;
  token?: string | null;
  authorization?: string;
  body?: string;
  headers?: Record<string, string>;
}

type Handler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/** Invokes a registered handler the way the Functions host does and parses its JSON response. */
export async function callHandler<Body = unknown>(handler: Handler, init: CallInit): Promise<CallResult<Body>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.authorization !== undefined) {
    headers.authorization = init.authorization;
  } else if (init.token) {
    headers.authorization = `Bearer ${init.token}`;
  }
  if (init.body !== undefined) {
    headers['content-type'] ??= 'application/json';
  }
  const request = new HttpRequest({
    method: init.method,
    url: `http://127.0.0.1:7071/api/${init.path}`,
    headers,
    params: init.params ?? {},
    body: init.body === undefined ? undefined : { string: init.body },
  });
  const logs: { level: string; line: string }[] = [];
  const context = new InvocationContext({
    invocationId: 'test-invocation',
    functionName: 'test',
    logHandler: (level, ...args) => logs.push({ level, line: args.map(String).join(' ') }),
  });

  const response = await handler(request, context);

  const text = typeof response.body === 'string' ? response.body : '';
  const responseHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    responseHeaders[name.toLowerCase()] = String(value);
  }
  // The test states the body type it expects; the assertions then check the values.
  const json = (text === '' ? {} : JSON.parse(text)) as Body & ErrorBody;
  return { status: response.status ?? 200, json, text, headers: responseHeaders, logs };
}

/** Databases, simulator, token issuer and services of one API test file. */
export interface ApiHarness {
  services: Services;
  testClock: TestClock;
  simulator: EpicorSimulator;
  issuer: LocalTokenIssuer;
  customerA: DatabaseHandle<CustomerDatabase>;
  customerB: DatabaseHandle<CustomerDatabase>;
  databases: TestDatabases;
  secrets: MemorySecretStore;
  /** Returns a token for a test user, valid for 8 hours from the test clock's time. */
  tokenFor(user: keyof typeof users): Promise<string>;
  close(): Promise<void>;
}

async function seedPortal(databases: TestDatabases): Promise<void> {
  const portal = databases.portal.db;
  await portal
    .insertInto('Customers')
    .values([
      { ID: ids.customerA, Name: 'Alpha Ltd', IsActive: true, DatabaseSecretName: 'customer-a-db', TimeZone: 'Europe/London' },
      { ID: ids.customerB, Name: 'Beta plc', IsActive: true, DatabaseSecretName: 'customer-b-db', TimeZone: null },
      { ID: ids.inactiveCustomer, Name: 'Gamma (inactive)', IsActive: false, DatabaseSecretName: 'customer-c-db', TimeZone: null },
    ])
    .execute();
  await portal
    .insertInto('Applications')
    .values([
      { ID: ids.fieldService, Name: 'Mobile Field Service' },
      { ID: ids.timesheets, Name: 'Mobile Timesheets' },
    ])
    .execute();
}

async function seedConnection(
  db: DatabaseHandle<CustomerDatabase>,
  connection: { applicationId: string; environment: Environment; baseUrl: string; enabled?: boolean; passwordSecretName?: string },
): Promise<void> {
  await db.db
    .insertInto('EpicorConnection')
    .values({
      ID: randomUUID(),
      ApplicationID: connection.applicationId,
      Environment: connection.environment,
      BaseUrl: connection.baseUrl,
      Company: 'EPIC06',
      UserName: 'integration',
      Password: connection.passwordSecretName ? null : 'test-password',
      PasswordSecretName: connection.passwordSecretName ?? null,
      ApiKey: 'test-api-key',
      ApiKeySecretName: null,
      TestPath: null,
      TrustedCaCertificate: null,
      Enabled: connection.enabled ?? true,
    })
    .execute();
}

/**
 * Creates the API test setup and installs its services with `setServices`.
 * The portal has customers A, B and an inactive one. Customer A connects
 * Mobile Field Service to simulator instances `a-live` and `a-test`, and has
 * a disabled Timesheets Live connection. Customer B connects to `b-live`.
 */
export async function createApiHarness(start = '2026-11-27T12:00:00.000Z'): Promise<ApiHarness> {
  const databases = await createSqliteTestDatabases();
  const second = await createSqliteTestDatabases();
  const simulator = await startEpicorSimulator({ port: 0 });
  try {
    return await setUp(databases, second, simulator, start);
  } catch (error) {
    await simulator.close();
    await second.close();
    await databases.close();
    throw error;
  }
}

async function setUp(databases: TestDatabases, second: TestDatabases, simulator: EpicorSimulator, start: string): Promise<ApiHarness> {
  const testClock = createTestClock(start);
  const issuer = await createLocalTokenIssuer({ directory: join(databases.directory, 'auth'), issuer: issuerName, audience: audienceName, clock: testClock.clock });

  await seedPortal(databases);
  await seedConnection(databases.customer, { applicationId: ids.fieldService, environment: 'Live', baseUrl: simulator.baseUrlFor('a-live') });
  await seedConnection(databases.customer, { applicationId: ids.fieldService, environment: 'Test', baseUrl: simulator.baseUrlFor('a-test') });
  await seedConnection(databases.customer, { applicationId: ids.timesheets, environment: 'Live', baseUrl: simulator.baseUrlFor('a-timesheets'), enabled: false });
  await seedConnection(second.customer, { applicationId: ids.fieldService, environment: 'Live', baseUrl: simulator.baseUrlFor('b-live') });

  const settings = parseSettings({
    LicensePortalDatabase: `sqlite:${join(databases.directory, 'portal.db')}`,
    Secrets__Source: 'local',
    Secrets__LocalFile: join(databases.directory, 'unused-secrets.json'),
    Email__Mode: 'outbox',
    Email__OutboxDir: join(databases.directory, 'outbox'),
    PortalPublicUrl: 'http://127.0.0.1:7071',
    Auth__Issuer: issuerName,
    Auth__Audience: audienceName,
    Auth__JwksFile: issuer.jwksFile,
    Epicor__AllowLoopback: 'true',
    CheckTimeoutSeconds: '5',
  });
  const secrets = new MemorySecretStore(
    new Map([
      ['customer-a-db', databases.customerConnectionString],
      ['customer-b-db', second.customerConnectionString],
    ]),
  );
  const tenants = new TenantDatabases(secrets);
  const services: Services = {
    settings,
    clock: testClock.clock,
    portal: databases.portal,
    portalDb: databases.portal.db,
    directory: new PortalDirectory(databases.portal.db),
    secrets,
    tenants,
    emailSender: { send: () => Promise.reject(new Error('The API tests send no email')) },
    close: () => tenants.closeAll(),
  };
  setServices(Promise.resolve(services));

  return {
    services,
    testClock,
    simulator,
    issuer,
    customerA: databases.customer,
    customerB: second.customer,
    databases,
    secrets,
    tokenFor: async (user) => (await issuer.sign(users[user])).token,
    close: async () => {
      setServices(undefined);
      await tenants.closeAll();
      await simulator.close();
      await second.close();
      await databases.close();
    },
  };
}
