import { join } from 'node:path';
import { listSqlScripts } from '../../src/data/sqlScripts';
import { repositoryRoot } from '../support/paths';

/** One index definition of the customer database's SQL Server scripts. */
export interface IndexDefinition {
  script: string;
  statement: string;
}

/** Removes the indentation that every line of a statement shares. */
function dedent(text: string): string {
  const lines = text.split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)?.[0].length ?? 0);
  const shared = Math.min(...indents);
  return lines.map((line) => line.slice(shared)).join('\n').trim();
}

/** Returns the CREATE INDEX statements of `sql/mssql/customer/*.sql`, in script order. */
export async function readCustomerIndexDefinitions(): Promise<IndexDefinition[]> {
  const scripts = await listSqlScripts('customer', { scriptsRoot: join(repositoryRoot, 'sql', 'mssql') });
  const definitions: IndexDefinition[] = [];
  for (const script of scripts) {
    for (const batch of script.batches) {
      const start = batch.search(/\bCREATE\s+(?:UNIQUE\s+)?(?:NONCLUSTERED\s+|CLUSTERED\s+)?INDEX\b/i);
      if (start >= 0) {
        const lineStart = batch.lastIndexOf('\n', start) + 1;
        definitions.push({ script: script.name, statement: dedent(batch.slice(lineStart)) });
      }
    }
  }
  return definitions;
}
