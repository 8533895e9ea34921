import { screenRequestSize } from '../scenarios/resendScenario';
import { summarize } from '../support/stats';
import type { BenchResults } from './benchResults';
import { resendFigures } from './figures';
import { formatCount, formatMs, formatSeconds, table } from './format';

function sqlServerIndexes(results: BenchResults): string[] {
  if (!results.indexes.ok) {
    return [`The SQL Server index definitions could not be read: ${results.indexes.error}`];
  }
  return [
    'SQL Server index definitions (from `sql/mssql/customer`). They are built for the same plan there, read from the definitions because this benchmark runs no SQL Server: an index seek on the equality columns and the time range, rows read newest first in index order, ' +
      'the page stopped after `TOP (101)` rows with a key lookup each for the columns the grid shows, and the count answered from the index alone, because ApplicationID and Environment are included columns:',
    '',
    ...results.indexes.value.flatMap((definition, index) => [...(index === 0 ? [] : ['']), `\`${definition.script}\`:`, '', '```sql', definition.statement, '```']),
  ];
}

/** Renders the failed-message query section. */
export function querySection(results: BenchResults): string {
  const lines = [
    '## 3. Failed-message query',
    '',
    'One customer\'s MessageLogs table in SQLite, built with better-sqlite3 in one transaction (prepared insert, rows in time order, about 3% failed outgoing messages never resent, 15% of the rest incoming). ' +
      'Each page of 100 rows is requested through the `listFailedMessages` HTTP handler (the function app\'s registered handler, called with an `HttpRequest` and a bearer token from the local token issuer), ' +
      'which also verifies the token and counts the matching rows for `total`. The deep page starts nine tenths of the way through the range and is reached with a cursor built from the row before it. ' +
      'Every page is checked against SQL (first row, row count and total). The cases are requested in turn after two warm-up rounds.',
    '',
    'Baseline: the same page as one prepared better-sqlite3 statement on the same file (no token, no count).',
    '',
  ];
  if (!results.query.ok) {
    lines.push(`Failed: ${results.query.error}`, '', ...sqlServerIndexes(results));
    return lines.join('\n');
  }
  const report = results.query.value;
  const rows = report.result.cases.map((queryCase) => {
    const handler = summarize(queryCase.handlerMs);
    const bare = summarize(queryCase.bareSqlMs);
    const bounded = queryCase.boundedSqlMs.length > 0 ? summarize(queryCase.boundedSqlMs) : undefined;
    return [
      queryCase.name,
      formatCount(queryCase.matching),
      formatCount(queryCase.offset),
      formatMs(handler.p50),
      formatMs(handler.p95),
      formatMs(bare.p50),
      formatMs(bare.p95),
      bounded ? formatMs(bounded.p50) : '—',
    ];
  });
  lines.push(
    `Table: ${formatCount(report.rows)} rows over ${report.spanDays} days, ${formatCount(report.failedRows)} failed; built in ${formatSeconds(report.fillMs)}. ${report.result.cases[0]?.handlerMs.length ?? 0} requests per case.`,
    '',
    table(
      ['Case', 'Matching rows', 'Rows before the page', 'Handler p50', 'Handler p95', 'Bare SQL p50', 'Bare SQL p95', 'Bare SQL with the cursor as a Timestamp bound, p50'],
      rows,
    ),
    '',
    'The last column is the bare deep-page query with `Timestamp <= <cursor time>` added to the cursor condition `Timestamp < t OR (Timestamp = t AND ID < id)`: ' +
      'without that bound the index range ends at the filter\'s `to`, so a deep page first steps over every row newer than the cursor.',
    '',
    'SQLite\'s plan of the page query (1-year range, with a cursor):',
    '',
    '```',
    ...report.result.queryPlan,
    '```',
    '',
    'and of the count:',
    '',
    '```',
    ...report.result.countPlan,
    '```',
    '',
    ...sqlServerIndexes(results),
  );
  return lines.join('\n');
}

/** Renders the resend section. */
export function resendSection(results: BenchResults): string {
  const lines = [
    '## 4. Resend',
    '',
    'Failed messages of one customer resent through the `resendFailedMessages` HTTP handler to a simulator process that answers at once. Timestamps are whole seconds with many ties and rows were inserted in random order, ' +
      `so the sending order (timestamp, then id) matches neither insert nor id order. Two runs, each on its own rows: one request listing every id in random order, and requests of ${screenRequestSize} ids oldest first as the screen sends them. ` +
      'The order is verified from the simulator\'s call log: the request bodies it received, in arrival order, against the rows sorted by timestamp and id.',
    '',
    'Baseline: the same calls (method, URL, headers and body) sent one after another as raw HTTP requests, each on a new connection.',
    '',
  ];
  if (!results.resend.ok) {
    lines.push(`Failed: ${results.resend.error}`);
    return lines.join('\n');
  }
  const report = results.resend.value;
  const figures = resendFigures(report);
  lines.push(
    table(
      ['Run', 'Rows', 'Requests', 'Sent', 'Order', 'Resend, total', 'Per row', 'Raw calls per row', 'Overhead per row'],
      report.result.runs.map((run, index) => [
        run.name,
        formatCount(run.rows),
        formatCount(run.requests),
        formatCount(run.sent),
        run.orderVerified ? 'verified' : `wrong: ${run.orderProblem ?? ''}`,
        formatMs(run.resendMs),
        formatMs(figures[index]?.perRowMs ?? 0),
        formatMs(figures[index]?.rawPerRowMs ?? 0),
        formatMs(figures[index]?.overheadPerRowMs ?? 0),
      ]),
    ),
    '',
    'Each row is claimed, sent, and recorded as a new MessageLogs row and a MessageResends row in one transaction.',
  );
  return lines.join('\n');
}
