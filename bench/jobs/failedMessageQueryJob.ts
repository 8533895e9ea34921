import { performance } from 'node:perf_hooks';
import BetterSqlite from 'better-sqlite3';
import { z } from 'zod';
import { encodeMessageCursor, type MessageCursor } from '../../src/resend/messageCursor';
import { startFunctionApp, type FunctionAppHarness } from './functionAppHarness';
import type { FailedMessageQueryJob, FailedMessageQueryResult, QueryCaseResult } from './jobSchemas';
import { explainFailedMessageQueries } from './explainFailedMessageQueries';
import { signInAsAdministrator } from './signIn';

const pageSize = 100;
const dayMs = 24 * 60 * 60 * 1000;

/** The grid's filter: failed outgoing messages never resent, in a time range. */
const failedFilter = 'Success = 0 and Incoming = 0 and Retries = 0 and Timestamp >= ? and Timestamp < ?';

const countSchema = z.object({ n: z.number() });
const rowSchema = z.object({ id: z.number(), timestamp: z.string() });

const pageSchema = z.object({
  items: z.array(z.object({ id: z.string() })),
  nextCursor: z.string().nullable(),
  total: z.number(),
});

interface QueryCase {
  name: string;
  rangeDays: number;
  page: 'first' | 'deep';
  from: string;
  to: string;
  offset: number;
  matching: number;
  cursor: MessageCursor | undefined;
  /** Id of the page's first row, read with plain SQL, to check the handler's page. */
  firstId: string;
}

function planCases(database: BetterSqlite.Database, rangeEnd: Date): QueryCase[] {
  const cases: QueryCase[] = [];
  for (const rangeDays of [7, 365]) {
    const from = new Date(rangeEnd.getTime() - rangeDays * dayMs).toISOString();
    const to = rangeEnd.toISOString();
    const matching = countSchema.parse(database.prepare(`select count(*) as n from MessageLogs where ${failedFilter}`).get(from, to)).n;
    const rowAt = database.prepare(`select ID as id, Timestamp as timestamp from MessageLogs where ${failedFilter} order by Timestamp desc, ID desc limit 1 offset ?`);
    // The deep page starts about nine tenths of the way through the range, on a page boundary.
    const deepOffset = Math.max(pageSize, Math.floor((matching * 0.9) / pageSize) * pageSize);
    for (const [page, offset] of [['first', 0], ['deep', deepOffset]] as const) {
      const previous = offset === 0 ? undefined : rowSchema.parse(rowAt.get(from, to, offset - 1));
      const first = rowSchema.optional().parse(rowAt.get(from, to, offset));
      if (!first) {
        throw new Error(`The ${rangeDays}-day range has only ${matching} failed rows, too few for a page at offset ${offset}; build a larger table.`);
      }
      cases.push({
        name: `${rangeDays}-day range, ${page} page`,
        rangeDays,
        page,
        from,
        to,
        offset,
        matching,
        cursor: previous && { timestamp: new Date(previous.timestamp), id: previous.id },
        firstId: String(first.id),
      });
    }
  }
  return cases;
}

async function requestPage(harness: FunctionAppHarness, customerId: string, authorization: string, queryCase: QueryCase): Promise<number> {
  const query = new URLSearchParams({ from: queryCase.from, to: queryCase.to, pageSize: String(pageSize) });
  if (queryCase.cursor) {
    query.set('cursor', encodeMessageCursor(queryCase.cursor));
  }
  const started = performance.now();
  const response = await harness.invokeHttp('listFailedMessages', {
    method: 'GET',
    url: `http://127.0.0.1/api/customers/${customerId}/failed-messages?${query.toString()}`,
    params: { customerId },
    headers: { authorization },
  });
  const elapsed = performance.now() - started;
  if (response.status !== 200) {
    throw new Error(`listFailedMessages returned status ${response.status} for ${queryCase.name}, expected 200. Response body: ${response.body.slice(0, 300)}`);
  }
  const page = pageSchema.parse(JSON.parse(response.body));
  const expectedRows = Math.min(pageSize, queryCase.matching - queryCase.offset);
  if (page.items.length !== expectedRows || page.items[0]?.id !== queryCase.firstId || page.total !== queryCase.matching) {
    throw new Error(
      `listFailedMessages returned the wrong page for ${queryCase.name}: ${page.items.length} rows starting at id ${page.items[0]?.id} of ${page.total}; expected ${expectedRows} rows starting at id ${queryCase.firstId} of ${queryCase.matching}.`,
    );
  }
  return elapsed;
}

/**
 * Returns a timed run of the page as one prepared statement. With `bounded`,
 * the cursor also caps Timestamp (`Timestamp <= t`), a range the index can
 * seek to; without it the cursor is only the grid's `OR` condition.
 */
function bareQuery(database: BetterSqlite.Database, queryCase: QueryCase, bounded: boolean): () => number {
  const columns = 'ID, Timestamp, ApplicationID, Environment, HttpMethod, Endpoint, StatusCode, ResponseText, Retries';
  const cursorTime = queryCase.cursor?.timestamp.toISOString();
  let after = '';
  let parameters: (string | number)[] = [queryCase.from, queryCase.to];
  if (queryCase.cursor && cursorTime !== undefined) {
    after = `${bounded ? ' and Timestamp <= ?' : ''} and (Timestamp < ? or (Timestamp = ? and ID < ?))`;
    parameters = [...parameters, ...(bounded ? [cursorTime] : []), cursorTime, cursorTime, queryCase.cursor.id];
  }
  const statement = database.prepare(`select ${columns} from MessageLogs where ${failedFilter}${after} order by Timestamp desc, ID desc limit ${pageSize + 1}`);
  return () => {
    const started = performance.now();
    statement.all(...parameters);
    return performance.now() - started;
  };
}

/**
 * Times the failed-message grid on one customer's large table. The cases are
 * the 7-day and the 1-year range, each with its first page and a deep page
 * reached by cursor. Each case is requested through the `listFailedMessages`
 * HTTP handler with a bearer token, `repetitions` times in turn after two
 * warm-up rounds, beside the same page read with one prepared SQL statement.
 * Every page is checked against SQL.
 */
export async function runFailedMessageQueryJob(job: FailedMessageQueryJob): Promise<FailedMessageQueryResult> {
  const authorization = await signInAsAdministrator(job.settings, job.authDirectory, job.user, job.customerId);
  const harness = startFunctionApp(job.settings, job.queueFile);
  const database = new BetterSqlite(job.customerDatabaseFile, { readonly: true });
  try {
    const cases = planCases(database, new Date(job.rangeEnd));
    const bare = cases.map((queryCase) => bareQuery(database, queryCase, false));
    const bounded = cases.map((queryCase) => (queryCase.cursor ? bareQuery(database, queryCase, true) : undefined));
    const results: QueryCaseResult[] = cases.map((queryCase) => ({
      name: queryCase.name,
      rangeDays: queryCase.rangeDays,
      page: queryCase.page,
      offset: queryCase.offset,
      matching: queryCase.matching,
      handlerMs: [],
      bareSqlMs: [],
      boundedSqlMs: [],
    }));
    for (let round = -2; round < job.repetitions; round += 1) {
      for (const [index, queryCase] of cases.entries()) {
        const handlerMs = await requestPage(harness, job.customerId, authorization, queryCase);
        const bareSqlMs = bare[index]?.() ?? 0;
        const boundedSqlMs = bounded[index]?.();
        if (round >= 0) {
          results[index]?.handlerMs.push(handlerMs);
          results[index]?.bareSqlMs.push(bareSqlMs);
          if (boundedSqlMs !== undefined) {
            results[index]?.boundedSqlMs.push(boundedSqlMs);
          }
        }
      }
    }
    const deepYear = cases.find((queryCase) => queryCase.rangeDays === 365 && queryCase.page === 'deep');
    const plans = await explainFailedMessageQueries(job.customerDatabaseFile, deepYear ? { from: new Date(deepYear.from), to: new Date(deepYear.to), cursor: deepYear.cursor } : undefined);
    return { cases: results, ...plans };
  } finally {
    database.close();
    await harness.stop();
  }
}
