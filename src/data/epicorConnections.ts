import type { Kysely } from 'kysely';
import type { CustomerDatabase } from './customerSchema';
import { parseEnvironment, type Environment } from './environments';
import { toFlag, toGuid } from './rowValues';

/** One row of a customer's `EpicorConnection` table, credentials not yet resolved. */
export interface EpicorConnectionRecord {
  id: string;
  applicationId: string;
  environment: Environment;
  baseUrl: string;
  company: string;
  userName: string | null;
  password: string | null;
  passwordSecretName: string | null;
  apiKey: string | null;
  apiKeySecretName: string | null;
  testPath: string | null;
  trustedCaCertificate: string | null;
  enabled: boolean;
}

type ConnectionRow = Awaited<ReturnType<typeof selectConnections>>[number];

function selectConnections(db: Kysely<CustomerDatabase>) {
  return db.selectFrom('EpicorConnection').selectAll().orderBy('ApplicationID').orderBy('Environment').execute();
}

function toRecord(row: ConnectionRow): EpicorConnectionRecord | undefined {
  const environment = parseEnvironment(row.Environment);
  if (!environment) {
    return undefined;
  }
  return {
    id: toGuid(row.ID),
    applicationId: toGuid(row.ApplicationID),
    environment,
    baseUrl: row.BaseUrl,
    company: row.Company,
    userName: row.UserName,
    password: row.Password,
    passwordSecretName: row.PasswordSecretName,
    apiKey: row.ApiKey,
    apiKeySecretName: row.ApiKeySecretName,
    testPath: row.TestPath,
    trustedCaCertificate: row.TrustedCaCertificate,
    enabled: toFlag(row.Enabled),
  };
}

/** Returns every connection whose environment is Live or Test; other rows are ignored. */
export async function listEpicorConnections(db: Kysely<CustomerDatabase>): Promise<EpicorConnectionRecord[]> {
  const rows = await selectConnections(db);
  return rows.map(toRecord).filter((record): record is EpicorConnectionRecord => record !== undefined);
}

/** Returns the connection of one application and environment, or undefined. */
export async function getEpicorConnection(
  db: Kysely<CustomerDatabase>,
  applicationId: string,
  environment: Environment,
): Promise<EpicorConnectionRecord | undefined> {
  const row = await db
    .selectFrom('EpicorConnection')
    .selectAll()
    .where('ApplicationID', '=', applicationId)
    .where('Environment', '=', environment)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}
