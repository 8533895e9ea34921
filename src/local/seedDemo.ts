import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { CustomerDatabase } from '../data/customerSchema';
import { customerMigrations } from '../data/migrations/customerMigrations';
import { migrateToLatest } from '../data/migrateDatabase';
import { openDatabase } from '../data/openDatabase';
import type { PortalDatabase } from '../data/portalSchema';
import { LocalSecretStore } from '../secrets/localSecretStore';
import { createRandom } from '../shared/random';
import { demoApplications, demoCustomers, demoInstanceName, demoSupportUser, type DemoCustomer } from './demoData';

const endpointsByApplication = [
  [
    { method: 'POST', path: 'api/v2/odata/{company}/Erp.BO.ServiceCallCenterSvc/FSCallhds' },
    { method: 'PATCH', path: "api/v2/odata/{company}/Erp.BO.ServiceCallCenterSvc/FSCallhds('{company}',{n})" },
    { method: 'POST', path: 'api/v2/odata/{company}/Erp.BO.FieldServiceSvc/FSCallDts' },
  ],
  [
    { method: 'POST', path: 'api/v2/odata/{company}/Erp.BO.LaborSvc/Labors' },
    { method: 'POST', path: 'api/v2/efx/{company}/MobileTimesheets/SubmitTimesheet' },
  ],
] as const;

/** Failure responses shaped like Epicor's (and what sits in front of it). */
const failureResponses = [
  {
    status: 401,
    text: '{"HttpStatus":401,"ReasonPhrase":"REST API Exception","ErrorMessage":"Invalid username or password.","ErrorType":"System.UnauthorizedAccessException","CorrelationId":"0f5c2a1e-7d1b-4c1e-9a55-2b8e1f0c9d11"}',
  },
  {
    status: 400,
    text: '{"HttpStatus":400,"ReasonPhrase":"REST API Exception","ErrorMessage":"Customer is on credit hold. Cannot create a service call.","ErrorType":"Ice.Common.BusinessObjectException","CorrelationId":"6a1d4c8e-0b3f-4c55-8d1e-1f2a3b4c5d6e"}',
  },
  {
    status: 503,
    text: '<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h2>Service Unavailable</h2><hr><p>HTTP Error 503. The service is unavailable.</p></body></html>',
  },
  { status: null, text: 'The request timed out after 15 seconds without a response from Epicor.' },
  {
    status: 500,
    text: '{"HttpStatus":500,"ReasonPhrase":"REST API Exception","ErrorMessage":"Object reference not set to an instance of an object.","ErrorType":"System.NullReferenceException","CorrelationId":"9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"}',
  },
] as const;

/** Options for {@link seedDemo}. */
export interface SeedOptions {
  /** Folder of the SQLite files and the secrets file. */
  dataDirectory: string;
  secretsFile: string;
  portal: Kysely<PortalDatabase>;
  simulatorUrl: string;
  now: Date;
  /** Outgoing messages per customer; default 240. */
  messagesPerCustomer?: number;
}

/** Result of seeding: one simulator scenario per demo connection. */
export interface SeedResult {
  scenarios: Record<string, string>;
  messageCount: number;
}

async function seedCustomerDatabase(
  customer: DemoCustomer,
  file: string,
  options: SeedOptions,
  random: () => number,
): Promise<number> {
  const handle = await openDatabase<CustomerDatabase>(`sqlite:${file}`);
  try {
    await migrateToLatest(handle.db as Kysely<unknown>, customerMigrations('sqlite'));
    for (const [index, connection] of customer.connections.entries()) {
      const application = demoApplications[connection.applicationIndex];
      await handle.db
        .insertInto('EpicorConnection')
        .values({
          ID: `e0000000-0000-4000-8000-${customer.id.slice(-4)}0000000${index}`,
          ApplicationID: application.id,
          Environment: connection.environment,
          BaseUrl: `${options.simulatorUrl}/${demoInstanceName(customer, connection)}`,
          Company: customer.company,
          UserName: 'integration',
          Password: null,
          PasswordSecretName: `${customer.slug}-epicor-password`,
          ApiKey: null,
          ApiKeySecretName: `${customer.slug}-epicor-api-key`,
          TestPath: null,
          TrustedCaCertificate: null,
          Enabled: connection.enabled,
        })
        .execute();
    }

    const count = options.messagesPerCustomer ?? 240;
    const spanMs = 14 * 24 * 60 * 60 * 1000;
    const rows = [];
    for (let n = 0; n < count; n += 1) {
      const connection = customer.connections[Math.floor(random() * customer.connections.length)] ?? customer.connections[0];
      if (!connection) {
        break;
      }
      const endpoints = endpointsByApplication[connection.applicationIndex];
      const endpoint = endpoints[Math.floor(random() * endpoints.length)] ?? endpoints[0];
      const failed = random() < customer.failureRate;
      const failure = failureResponses[Math.floor(random() * failureResponses.length)] ?? failureResponses[0];
      const incoming = !failed && random() < 0.15;
      const timestamp = new Date(options.now.getTime() - Math.floor(random() * spanMs));
      // Whole seconds make equal timestamps, so ordering by id as the tie-break shows in the demo.
      timestamp.setUTCMilliseconds(0);
      rows.push({
        Timestamp: timestamp,
        ApplicationID: demoApplications[connection.applicationIndex].id,
        Environment: connection.environment,
        Incoming: incoming,
        Success: !failed,
        Retries: 0,
        HttpMethod: endpoint.method,
        Endpoint: endpoint.path.replaceAll('{company}', customer.company).replace('{n}', String(1000 + n)),
        RequestBody: JSON.stringify({ Company: customer.company, CallNum: 1000 + n, Description: `Demo transaction ${n + 1}` }),
        ResponseText: failed ? failure.text : '{"value":[]}',
        StatusCode: failed ? failure.status : 200,
      });
    }
    rows.sort((a, b) => a.Timestamp.getTime() - b.Timestamp.getTime());
    for (let start = 0; start < rows.length; start += 100) {
      await handle.db.insertInto('MessageLogs').values(rows.slice(start, start + 100)).execute();
    }
    return rows.length;
  } finally {
    await handle.close();
  }
}

/**
 * Fills an empty, migrated portal database with the demo customers and
 * creates each customer's database and secrets. Returns the simulator
 * scenarios of the demo connections.
 */
export async function seedDemo(options: SeedOptions): Promise<SeedResult> {
  const random = createRandom(20261204);
  const secrets: Record<string, string> = {};
  const scenarios: Record<string, string> = {};
  let messageCount = 0;

  await options.portal.insertInto('Applications').values(demoApplications.map((a) => ({ ID: a.id, Name: a.name }))).execute();
  await options.portal
    .insertInto('Users')
    .values({
      ID: demoSupportUser.id,
      CustomerID: null,
      Email: demoSupportUser.email,
      DisplayName: demoSupportUser.displayName,
      IsAdministrator: true,
      IsActive: true,
    })
    .execute();

  for (const customer of demoCustomers) {
    const secretName = `${customer.slug}-database`;
    await options.portal
      .insertInto('Customers')
      .values({
        ID: customer.id,
        Name: customer.name,
        IsActive: customer.isActive,
        DatabaseSecretName: secretName,
        TimeZone: customer.timeZone,
      })
      .execute();
    for (const user of customer.users) {
      await options.portal
        .insertInto('Users')
        .values({
          ID: user.id,
          CustomerID: customer.id,
          Email: user.email,
          DisplayName: user.displayName,
          IsAdministrator: user.isAdministrator,
          IsActive: user.isActive,
        })
        .execute();
    }

    const file = resolve(join(options.dataDirectory, `customer-${customer.slug}.db`));
    // A portal database that is seeded again starts its customers afresh too.
    for (const suffix of ['', '-wal', '-shm']) {
      rmSync(`${file}${suffix}`, { force: true });
    }
    secrets[secretName] = `sqlite:${file}`;
    secrets[`${customer.slug}-epicor-password`] = `demo-password-${customer.slug}`;
    secrets[`${customer.slug}-epicor-api-key`] = `demo-api-key-${customer.slug}`;
    messageCount += await seedCustomerDatabase(customer, file, options, random);
    for (const connection of customer.connections) {
      scenarios[demoInstanceName(customer, connection)] = connection.scenario;
    }
  }

  writeFileSync(options.secretsFile, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return { scenarios, messageCount };
}

/** Returns the simulator scenarios of the demo connections without seeding, for a restart. */
export function demoScenarios(): Record<string, string> {
  const scenarios: Record<string, string> = {};
  for (const customer of demoCustomers) {
    for (const connection of customer.connections) {
      scenarios[demoInstanceName(customer, connection)] = connection.scenario;
    }
  }
  return scenarios;
}

/**
 * Points the demo connections of every seeded customer database at the
 * simulator's current origin, so that a restart on another simulator port
 * does not turn every demo connection into an outage. Only base URLs on
 * 127.0.0.1 change. Returns how many rows changed.
 */
export async function pointDemoConnectionsAt(simulatorUrl: string, secretsFile: string): Promise<number> {
  const secrets = new LocalSecretStore(secretsFile);
  let changed = 0;
  for (const customer of demoCustomers) {
    const connectionString = await secrets.getSecret(`${customer.slug}-database`);
    if (!connectionString.startsWith('sqlite:')) {
      continue;
    }
    const handle = await openDatabase<CustomerDatabase>(connectionString);
    try {
      const rows = await handle.db.selectFrom('EpicorConnection').select(['ID', 'BaseUrl']).where('BaseUrl', 'like', 'http://127.0.0.1:%').execute();
      for (const row of rows) {
        const instance = new URL(row.BaseUrl).pathname;
        const baseUrl = `${simulatorUrl}${instance}`;
        if (baseUrl !== row.BaseUrl) {
          await handle.db.updateTable('EpicorConnection').set({ BaseUrl: baseUrl }).where('ID', '=', row.ID).execute();
          changed += 1;
        }
      }
    } finally {
      await handle.close();
    }
  }
  return changed;
}
