import BetterSqlite from 'better-sqlite3';
import type { CompiledQuery } from 'kysely';
import { z } from 'zod';
import type { CustomerDatabase } from '../../src/data/customerSchema';
import { openDatabase } from '../../src/data/openDatabase';
import { afterCursor, selectFailedMessages, type FailedMessageFilter } from '../../src/resend/failedMessageQuery';
import type { MessageCursor } from '../../src/resend/messageCursor';
import { firstRows } from '../../src/resend/sqlValues';

const parametersSchema = z.array(z.union([z.string(), z.number(), z.bigint(), z.null()]));
const planRowSchema = z.object({ detail: z.string() });

/**
 * Returns SQLite's query plans of the grid's page query (as the grid builds
 * it, with a cursor when given) and of its count of matching rows, one line
 * per plan step, such as `SEARCH MessageLogs USING INDEX IX_MessageLogs_Failed (...)`.
 */
export async function explainFailedMessageQueries(
  file: string,
  request: { from: Date; to: Date; cursor: MessageCursor | undefined } | undefined,
): Promise<{ queryPlan: string[]; countPlan: string[] }> {
  if (!request) {
    return { queryPlan: [], countPlan: [] };
  }
  const handle = await openDatabase<CustomerDatabase>(`sqlite:${file}`);
  const database = new BetterSqlite(file, { readonly: true });
  try {
    const filter: FailedMessageFilter = { range: { from: request.from, to: request.to }, includeResent: false };
    const page = afterCursor(selectFailedMessages(handle.db, 'sqlite', 'neverResent', filter), 'sqlite', request.cursor)
      .select(['ID', 'Timestamp', 'ApplicationID', 'Environment', 'HttpMethod', 'Endpoint', 'StatusCode', 'ResponseText', 'Retries'])
      .orderBy('Timestamp', 'desc')
      .orderBy('ID', 'desc')
      .$call(firstRows('sqlite', 101))
      .compile();
    const count = selectFailedMessages(handle.db, 'sqlite', 'neverResent', filter)
      .select(({ fn }) => fn.countAll<number>().as('count'))
      .compile();
    const explain = (query: CompiledQuery): string[] =>
      database
        .prepare(`explain query plan ${query.sql}`)
        .all(...parametersSchema.parse(query.parameters))
        .map((row) => planRowSchema.parse(row).detail);
    return { queryPlan: explain(page), countPlan: explain(count) };
  } finally {
    database.close();
    await handle.close();
  }
}
