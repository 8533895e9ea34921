import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The T-SQL migration scripts under `sql/mssql/<database>/`: numbered,
 * idempotent files that create the tables this service owns on SQL Server.
 */

/** Databases that have a folder of scripts. */
export const sqlScriptDatabases = ['portal', 'customer'] as const;
export type SqlScriptDatabase = (typeof sqlScriptDatabases)[number];

/** One script file, read and split into batches. */
export interface SqlScript {
  /** File name, such as `001-sync-logs.sql`; scripts run in the order of their names. */
  readonly name: string;
  /** Absolute path of the file. */
  readonly path: string;
  readonly text: string;
  /** Batches in file order, split on `GO` lines; batches of only whitespace are dropped. */
  readonly batches: readonly string[];
}

/** Options of {@link listSqlScripts}. */
export interface ListSqlScriptsOptions {
  /** Folder that contains `portal/` and `customer/`; default `sql/mssql` under the package root. */
  readonly scriptsRoot?: string;
}

/** Runs one batch of T-SQL against an open connection. */
export interface SqlBatchExecutor {
  execute(batch: string): Promise<void>;
}

const scriptNamePattern = /^\d{3}-[a-z0-9-]+\.sql$/;
const batchSeparatorPattern = /^[ \t]*GO[ \t]*$/;

/**
 * Splits a script into batches on lines that contain only `GO`, in upper case
 * as sqlcmd and SSMS write it. Spaces around it and a CR line ending are
 * ignored. Returns the batches in order without the separator lines.
 */
export function splitSqlBatches(text: string): string[] {
  const batches: string[] = [];
  let current: string[] = [];
  for (const line of text.split('\n')) {
    const content = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (batchSeparatorPattern.test(content)) {
      batches.push(current.join('\n'));
      current = [];
    } else {
      current.push(content);
    }
  }
  batches.push(current.join('\n'));
  return batches.filter((batch) => batch.trim() !== '');
}

/**
 * Returns the package root: the nearest folder above this module that contains
 * `package.json`. Works from `src/data` (ts-jest) and `dist/src/data` (built).
 */
export function findPackageRoot(startDirectory: string = __dirname): string {
  let directory = startDirectory;
  for (;;) {
    if (existsSync(path.join(directory, 'package.json'))) {
      return directory;
    }
    const parent = path.dirname(directory);
    if (parent === directory) {
      throw new Error(`No package.json was found above ${startDirectory}: run from a checkout or an installed package of the service`);
    }
    directory = parent;
  }
}

/**
 * Reads the scripts of one database from `sql/mssql/<database>/`, sorted by
 * file name. Every `.sql` file there must be named `NNN-words.sql`, so that
 * the order of the names is the order in which they were written.
 */
export async function listSqlScripts(database: SqlScriptDatabase, options: ListSqlScriptsOptions = {}): Promise<SqlScript[]> {
  const root = options.scriptsRoot ?? path.join(findPackageRoot(), 'sql', 'mssql');
  const folder = path.join(root, database);
  const names = (await readdir(folder)).filter((name) => name.endsWith('.sql')).sort();

  const misnamed = names.filter((name) => !scriptNamePattern.test(name));
  if (misnamed.length > 0) {
    throw new Error(
      `SQL scripts in ${folder} must be named like "001-create-table.sql" so that they run in order; rename ${misnamed.join(', ')}`,
    );
  }

  const scripts: SqlScript[] = [];
  for (const name of names) {
    const scriptPath = path.join(folder, name);
    const text = await readFile(scriptPath, 'utf8');
    scripts.push({ name, path: scriptPath, text, batches: splitSqlBatches(text) });
  }
  return scripts;
}

/** Raised when a batch fails; names the script and the batch, and keeps the driver's error as `cause`. */
export class SqlScriptError extends Error {
  constructor(
    readonly scriptName: string,
    /** 1-based number of the failed batch within the script. */
    readonly batchNumber: number,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${scriptName} failed at batch ${batchNumber}: ${reason}`, { cause });
    this.name = 'SqlScriptError';
  }
}

/**
 * Runs every batch of every script in order and stops at the first failure
 * with a {@link SqlScriptError}. Calls `onScriptApplied` after each script.
 * The scripts are idempotent, so a failed run can be repeated once the cause
 * is fixed.
 */
export async function applySqlScripts(
  scripts: readonly SqlScript[],
  executor: SqlBatchExecutor,
  onScriptApplied: (script: SqlScript) => void = () => undefined,
): Promise<void> {
  for (const script of scripts) {
    for (const [index, batch] of script.batches.entries()) {
      try {
        await executor.execute(batch);
      } catch (error) {
        throw new SqlScriptError(script.name, index + 1, error);
      }
    }
    onScriptApplied(script);
  }
}
