import { Kysely, MssqlDialect, SqliteDialect } from 'kysely';
import { SqliteValuesPlugin } from './sqliteValuesPlugin';

/** Database engines that the data layer runs on. */
export const databaseEngines = ['mssql', 'sqlite'] as const;
export type DatabaseEngine = (typeof databaseEngines)[number];

/** One open database: a pooled Kysely instance and how to close it. */
export interface DatabaseHandle<Schema> {
  readonly db: Kysely<Schema>;
  readonly engine: DatabaseEngine;
  /** Name for logs and errors: the database name or SQLite file, never credentials. */
  readonly label: string;
  close(): Promise<void>;
}

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** Maximum pooled SQL Server connections; default 10. */
  maxConnections?: number;
}

/** Returns the engine a connection string is for: `sqlite:<file>` or a SQL Server string. */
export function engineOf(connectionString: string): DatabaseEngine {
  return connectionString.startsWith('sqlite:') ? 'sqlite' : 'mssql';
}

/**
 * Opens a pooled database from a connection string: `sqlite:<file>` for the
 * embedded default and tests, otherwise an ADO.NET-style SQL Server string.
 * Connections are created lazily and reused until {@link DatabaseHandle.close}.
 */
export async function openDatabase<Schema>(
  connectionString: string,
  options: OpenDatabaseOptions = {},
): Promise<DatabaseHandle<Schema>> {
  if (engineOf(connectionString) === 'sqlite') {
    const file = connectionString.slice('sqlite:'.length);
    // better-sqlite3 is a development dependency: production always uses SQL Server.
    const { default: BetterSqlite } = await import('better-sqlite3');
    const database = new BetterSqlite(file);
    database.pragma('journal_mode = WAL');
    database.pragma('busy_timeout = 5000');
    database.pragma('foreign_keys = ON');
    const db = new Kysely<Schema>({
      dialect: new SqliteDialect({ database }),
      plugins: [new SqliteValuesPlugin()],
    });
    return { db, engine: 'sqlite', label: file, close: () => db.destroy() };
  }

  const tedious = await import('tedious');
  const tarn = await import('tarn');
  const { createTediousConfig, parseMssqlConnectionString } = await import('./mssqlConnection');
  const parts = parseMssqlConnectionString(connectionString);
  const config = await createTediousConfig(connectionString);
  const db = new Kysely<Schema>({
    dialect: new MssqlDialect({
      tarn: { ...tarn, options: { min: 0, max: options.maxConnections ?? 10, idleTimeoutMillis: 60_000 } },
      tedious: { ...tedious, connectionFactory: () => new tedious.Connection(config) },
    }),
  });
  return { db, engine: 'mssql', label: `${parts.server}/${parts.database}`, close: () => db.destroy() };
}
