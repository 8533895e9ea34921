import type { Kysely } from 'kysely';
import type { ExpectedTable } from './expectedSchema';

/** Raised when a database lacks tables or columns the service needs. */
export class SchemaMismatchError extends Error {
  constructor(
    readonly database: string,
    readonly problems: readonly string[],
  ) {
    super(`Database ${database} does not have the expected schema:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SchemaMismatchError';
  }
}

/**
 * Compares a live database with the expected tables and returns one line per
 * missing table or column (table and column names compare case-insensitively,
 * as SQL Server's default collation does).
 */
export async function findSchemaProblems(db: Kysely<unknown>, expected: readonly ExpectedTable[]): Promise<string[]> {
  const tables = await db.introspection.getTables();
  const byName = new Map(tables.map((table) => [table.name.toLowerCase(), table]));
  const problems: string[] = [];

  for (const table of expected) {
    const live = byName.get(table.name.toLowerCase());
    if (!live) {
      problems.push(`table ${table.name} is missing`);
      continue;
    }
    const columns = new Set(live.columns.map((column) => column.name.toLowerCase()));
    for (const column of table.columns) {
      if (!columns.has(column.toLowerCase())) {
        problems.push(`table ${table.name} is missing column ${column}`);
      }
    }
  }
  return problems;
}

/** Throws {@link SchemaMismatchError} naming each missing table or column. */
export async function assertSchema(db: Kysely<unknown>, label: string, expected: readonly ExpectedTable[]): Promise<void> {
  const problems = await findSchemaProblems(db, expected);
  if (problems.length > 0) {
    throw new SchemaMismatchError(label, problems);
  }
}
