import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Services } from '../../src/app/services';
import { parseSettings, type Settings } from '../../src/config/settings';
import type { CustomerDatabase } from '../../src/data/customerSchema';
import type { Environment } from '../../src/data/environments';
import { customerMigrations } from '../../src/data/migrations/customerMigrations';
import { migrateToLatest } from '../../src/data/migrateDatabase';
import { openDatabase, type DatabaseHandle } from '../../src/data/openDatabase';
import { PortalDirectory } from '../../src/data/portalDirectory';
import { TenantDatabases } from '../../src/data/tenantDatabases';
import { startEpicorSimulator, type EpicorSimulator } from '../../src/local/epicorSimulator';
import type { MonitorInvocation } from '../../src/monitoring/monitorInvocation';
import { monitorInvocation } from '../../src/monitoring/monitorInvocation';
import { createLogger } from '../../src/shared/logger';
import { createEmailSender } from '../../src/notify/createEmailSender';
import type { EmailMessage, EmailReceipt, EmailSender } from '../../src/notify/emailSender';
import { LocalSecretStore } from '../../src/secrets/localSecretStore';
import { telemetryPrefix } from '../../src/telemetry/events';
import { createSqliteTestDatabases, type TestDatabases } from '../support/databases';

/** A clock that tests move by hand. */
export class TestClock {
  constructor(private current: Date) {}

  readonly now = (): Date => new Date(this.current.getTime());

  set(time: Date | string): void {
    this.current = new Date(time);
  }

  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}

/** An email sender that records messages and fails the next `failures` sends. */
export class RecordingEmailSender implements EmailSender {
  readonly sent: EmailMessage[] = [];
  attempts = 0;
  failures = 0;

  send(message: EmailMessage): Promise<EmailReceipt> {
    this.attempts += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      return Promise.reject(new Error('The email service rejected the message for admin@example.com (test)'));
    }
    this.sent.push(message);
    return Promise.resolve({ messageId: `test-${this.sent.length}` });
  }

  ofKind(kind: string): EmailMessage[] {
    return this.sent.filter((message) => message.tags.kind === kind);
  }
}

/** A monitor invocation whose log lines and telemetry events the test reads back. */
export interface RecordedInvocation {
  invocation: MonitorInvocation;
  lines: { level: string; text: string }[];
  /** Telemetry events of one name, as their parsed JSON objects. */
  events(name: string): Record<string, unknown>[];
}

/** Creates an invocation that records what it logs. */
export function recordInvocation(invocationId = randomUUID()): RecordedInvocation {
  const lines: { level: string; text: string }[] = [];
  const sink = (level: string) => (...args: unknown[]) => {
    lines.push({ level, text: args.map(String).join(' ') });
  };
  const invocation = monitorInvocation({ invocationId, debug: sink('debug'), info: sink('info'), warn: sink('warn'), error: sink('error') });
  return { invocation, lines, events: (name) => eventsIn(lines.map((line) => line.text), name) };
}

/** Parses the telemetry events of one name from log lines. */
export function eventsIn(lines: readonly string[], name: string): Record<string, unknown>[] {
  const prefix = `${telemetryPrefix} ${name} `;
  return lines
    .filter((line) => line.startsWith(prefix))
    .map((line) => JSON.parse(line.slice(prefix.length)) as Record<string, unknown>);
}

/** Options of one seeded Epicor connection. */
export interface ConnectionSeed {
  applicationId: string;
  environment: Environment;
  /** Simulator instance the connection points at; the base URL wins when given. */
  instance?: string;
  baseUrl?: string;
  enabled?: boolean;
  apiKeySecretName?: string | null;
}

/** Databases, simulator, secrets and services for monitor tests, over SQLite in a temporary folder. */
export class MonitorFixture {
  private readonly extraDatabases: DatabaseHandle<CustomerDatabase>[] = [];

  private constructor(
    readonly databases: TestDatabases,
    readonly simulator: EpicorSimulator,
    readonly clock: TestClock,
    readonly services: Services,
    readonly outboxDirectory: string,
    private readonly secretsFile: string,
  ) {}

  /** Starts a fixture; `settings` override the test defaults by app setting name. */
  static async start(settings: Record<string, string> = {}): Promise<MonitorFixture> {
    const databases = await createSqliteTestDatabases();
    const simulator = await startEpicorSimulator({ port: 0, hangMs: 5000 });
    const secretsFile = join(databases.directory, 'secrets.json');
    const outboxDirectory = join(databases.directory, 'outbox');
    mkdirSync(outboxDirectory);
    writeFileSync(secretsFile, JSON.stringify({ 'customer-a-database': databases.customerConnectionString, 'epicor-api-key': 'test-api-key' }));

    const parsed: Settings = parseSettings({
      LicensePortalDatabase: `sqlite:${databases.portal.label}`,
      Secrets__Source: 'local',
      Secrets__LocalFile: secretsFile,
      Email__Mode: 'outbox',
      Email__OutboxDir: outboxDirectory,
      Email__SupportAddress: 'support@vendor.example',
      PortalPublicUrl: 'http://127.0.0.1:7071/portal',
      Auth__Issuer: 'test-issuer',
      Auth__Audience: 'test-audience',
      Auth__JwksFile: join(databases.directory, 'jwks.json'),
      Epicor__AllowLoopback: 'true',
      CheckSchedule: '0 */5 * * * *',
      CheckTimeoutSeconds: '1',
      ...settings,
    });
    const clock = new TestClock(new Date('2026-12-04T19:50:10.000Z'));
    const secrets = new LocalSecretStore(secretsFile);
    const tenants = new TenantDatabases(secrets);
    const services: Services = {
      settings: parsed,
      clock: clock.now,
      portal: databases.portal,
      portalDb: databases.portal.db,
      directory: new PortalDirectory(databases.portal.db),
      secrets,
      tenants,
      emailSender: createEmailSender(parsed, createLogger(console)),
      close: () => tenants.closeAll(),
    };
    return new MonitorFixture(databases, simulator, clock, services, outboxDirectory, secretsFile);
  }

  get portalDb() {
    return this.databases.portal.db;
  }

  get customerDb(): Kysely<CustomerDatabase> {
    return this.databases.customer.db;
  }

  /** Adds or replaces a secret in the local secrets file. */
  setSecret(name: string, value: string): void {
    const secrets = JSON.parse(readFileSync(this.secretsFile, 'utf8')) as Record<string, string>;
    writeFileSync(this.secretsFile, JSON.stringify({ ...secrets, [name]: value }));
  }

  /** Creates another migrated customer database and stores its connection string under `secretName`. */
  async addCustomerDatabase(secretName: string): Promise<DatabaseHandle<CustomerDatabase>> {
    const connectionString = `sqlite:${join(this.databases.directory, `${secretName}.db`)}`;
    const handle = await openDatabase<CustomerDatabase>(connectionString);
    await migrateToLatest(handle.db as Kysely<unknown>, customerMigrations('sqlite'));
    this.setSecret(secretName, connectionString);
    this.extraDatabases.push(handle);
    return handle;
  }

  async addCustomer(customer: { id?: string; name?: string; isActive?: boolean; secretName?: string; timeZone?: string | null } = {}): Promise<string> {
    const id = customer.id ?? randomUUID();
    await this.portalDb
      .insertInto('Customers')
      .values({
        ID: id,
        Name: customer.name ?? 'Contoso Engineering',
        IsActive: customer.isActive ?? true,
        DatabaseSecretName: customer.secretName ?? 'customer-a-database',
        TimeZone: customer.timeZone ?? null,
      })
      .execute();
    return id;
  }

  async addApplication(name = 'Mobile Field Service', id = randomUUID()): Promise<string> {
    await this.portalDb.insertInto('Applications').values({ ID: id, Name: name }).execute();
    return id;
  }

  async addUser(customerId: string, email: string, options: { isAdministrator?: boolean; isActive?: boolean } = {}): Promise<void> {
    await this.portalDb
      .insertInto('Users')
      .values({
        ID: randomUUID(),
        CustomerID: customerId,
        Email: email,
        DisplayName: email.split('@')[0] ?? email,
        IsAdministrator: options.isAdministrator ?? true,
        IsActive: options.isActive ?? true,
      })
      .execute();
  }

  async addConnection(seed: ConnectionSeed, db: Kysely<CustomerDatabase> = this.customerDb): Promise<void> {
    await db
      .insertInto('EpicorConnection')
      .values({
        ID: randomUUID(),
        ApplicationID: seed.applicationId,
        Environment: seed.environment,
        BaseUrl: seed.baseUrl ?? this.simulator.baseUrlFor(seed.instance ?? 'Kinetic'),
        Company: 'EPIC06',
        UserName: 'integration',
        Password: 'test-password',
        PasswordSecretName: null,
        ApiKey: null,
        ApiKeySecretName: seed.apiKeySecretName === undefined ? 'epicor-api-key' : seed.apiKeySecretName,
        TestPath: null,
        TrustedCaCertificate: null,
        Enabled: seed.enabled ?? true,
      })
      .execute();
  }

  /** Returns the emails in the outbox folder, oldest first. */
  outbox(): { kind: string; to: string[]; subject: string; text: string; html: string }[] {
    return readdirSync(this.outboxDirectory)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => JSON.parse(readFileSync(join(this.outboxDirectory, name), 'utf8')) as { tags: { kind: string }; to: string[]; subject: string; text: string; html: string })
      .map((email) => ({ kind: email.tags.kind, to: email.to, subject: email.subject, text: email.text, html: email.html }));
  }

  async syncLogs() {
    return this.portalDb.selectFrom('SyncLogs').selectAll().orderBy('FirstErrorTime').orderBy('ID').execute();
  }

  async close(): Promise<void> {
    await this.services.tenants.closeAll();
    await this.simulator.close();
    for (const handle of this.extraDatabases) {
      await handle.close();
    }
    await this.databases.close();
  }
}
