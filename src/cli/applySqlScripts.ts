import { parseArgs } from 'node:util';
import { Connection, Request, type ConnectionConfiguration } from 'tedious';
import { z } from 'zod';
import { readEnvironmentValue } from '../config/settings';
import { createTediousConfig } from '../data/mssqlConnection';
import {
  applySqlScripts,
  listSqlScripts,
  sqlScriptDatabases,
  type ListSqlScriptsOptions,
  type SqlBatchExecutor,
  type SqlScriptDatabase,
} from '../data/sqlScripts';

/**
 * Command-line tool that applies the T-SQL scripts of one database:
 *
 *   node dist/src/cli/applySqlScripts.js --database portal|customer --connection-env NAME
 *   node dist/src/cli/applySqlScripts.js --database portal|customer --connection "<ADO.NET connection string>"
 *
 * Prefer `--connection-env`: a connection string on the command line stays in
 * the shell history and the process list. The connection string is never
 * printed.
 */

const usage =
  'Usage: node dist/src/cli/applySqlScripts.js --database portal|customer (--connection-env NAME | --connection "<connection string>")';

/** Source of the connection string: the command line or an environment variable. */
export type ConnectionSource = { readonly kind: 'value'; readonly value: string } | { readonly kind: 'environment'; readonly name: string };

/** Parsed command line. */
export interface ApplySqlScriptsArguments {
  readonly database: SqlScriptDatabase;
  readonly connection: ConnectionSource;
}

const argumentsSchema = z
  .object({
    database: z.enum(sqlScriptDatabases, { error: 'needs --database portal or --database customer' }),
    connection: z.string().min(1).optional(),
    'connection-env': z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'needs --connection-env to name an environment variable, such as PORTAL_SQL' })
      .optional(),
  })
  .refine((options) => (options.connection === undefined) !== (options['connection-env'] === undefined), {
    error: 'needs exactly one of --connection and --connection-env',
  });

/**
 * Parses the command line (without the `node` and script paths). Throws an
 * error that names the problem and shows the usage line.
 */
export function parseApplySqlScriptsArguments(argv: readonly string[]): ApplySqlScriptsArguments {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        database: { type: 'string' },
        connection: { type: 'string' },
        'connection-env': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    // parseArgs names the unknown or incomplete option; its message never contains an option's value.
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }

  const result = argumentsSchema.safeParse(values);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => issue.message);
    throw new Error(`The command ${problems.join('; ')}.\n${usage}`);
  }

  const options = result.data;
  const connection: ConnectionSource =
    options.connection === undefined
      ? { kind: 'environment', name: options['connection-env'] ?? '' }
      : { kind: 'value', value: options.connection };
  return { database: options.database, connection };
}

/** An executor with an open connection that must be closed after use. */
export interface OpenSqlBatchExecutor extends SqlBatchExecutor {
  close(): Promise<void>;
}

/** Opens a `tedious` connection and returns an executor that runs each batch on it. */
export async function openTediousExecutor(config: ConnectionConfiguration): Promise<OpenSqlBatchExecutor> {
  const connection = new Connection(config);
  // tedious also emits socket failures as 'error' events, which would end the process without a listener.
  let connectionError: Error | undefined;
  connection.on('error', (error) => {
    connectionError = error;
  });
  await new Promise<void>((resolve, reject) => {
    connection.connect((error) => (error ? reject(error) : resolve()));
  });

  return {
    execute: (batch) =>
      new Promise<void>((resolve, reject) => {
        if (connectionError !== undefined) {
          reject(connectionError);
          return;
        }
        connection.execSqlBatch(new Request(batch, (error) => (error ? reject(error) : resolve())));
      }),
    close: () =>
      new Promise<void>((resolve) => {
        // A connection that a network error already ended emits no second 'end'.
        if (connection.closed) {
          resolve();
          return;
        }
        connection.once('end', () => resolve());
        connection.close();
      }),
  };
}

/** Dependencies of {@link runApplySqlScripts}; the defaults talk to SQL Server and the console. */
export interface ApplySqlScriptsDependencies {
  readonly writeLine: (line: string) => void;
  readonly writeError: (line: string) => void;
  readonly readEnvironment?: (name: string) => string | undefined;
  readonly openExecutor?: (connectionString: string) => Promise<OpenSqlBatchExecutor>;
  readonly listOptions?: ListSqlScriptsOptions;
}

async function openSqlServerExecutor(connectionString: string): Promise<OpenSqlBatchExecutor> {
  return openTediousExecutor(await createTediousConfig(connectionString));
}

/**
 * Applies every script of the chosen database in order, printing each script
 * applied, and stops at the first failure with the script name and batch
 * number. Returns the process exit code: 0 on success, 1 on a failure, 2 on
 * an invalid command line.
 */
export async function runApplySqlScripts(argv: readonly string[], dependencies: ApplySqlScriptsDependencies): Promise<number> {
  const { writeLine, writeError } = dependencies;

  let parsed: ApplySqlScriptsArguments;
  let connectionString: string;
  try {
    parsed = parseApplySqlScriptsArguments(argv);
    connectionString = resolveConnectionString(parsed.connection, dependencies.readEnvironment ?? readEnvironmentValue);
  } catch (error) {
    writeError(error instanceof Error ? error.message : String(error));
    return 2;
  }

  let executor: OpenSqlBatchExecutor | undefined;
  try {
    const scripts = await listSqlScripts(parsed.database, dependencies.listOptions);
    writeLine(`Applying ${scripts.length} ${parsed.database} script(s)`);
    executor = await (dependencies.openExecutor ?? openSqlServerExecutor)(connectionString);
    await applySqlScripts(scripts, executor, (script) => {
      writeLine(`Applied ${script.name} (${script.batches.length} batch${script.batches.length === 1 ? '' : 'es'})`);
    });
    writeLine(`All ${parsed.database} scripts applied`);
    return 0;
  } catch (error) {
    // The messages of createTediousConfig and tedious name the key, server or statement at fault and do not quote the connection string.
    writeError(`Stopped: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await executor?.close();
  }
}

function resolveConnectionString(source: ConnectionSource, readEnvironment: (name: string) => string | undefined): string {
  if (source.kind === 'value') {
    return source.value;
  }
  const value = readEnvironment(source.name);
  if (value === undefined) {
    throw new Error(`Environment variable ${source.name} is not set: set it to the database's connection string, or pass --connection`);
  }
  return value;
}

if (require.main === module) {
  void runApplySqlScripts(process.argv.slice(2), {
    writeLine: (line) => console.log(line),
    writeError: (line) => console.error(line),
  }).then((exitCode) => {
    process.exitCode = exitCode;
  });
}
