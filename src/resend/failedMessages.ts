import type { CustomerDatabase } from '../data/customerSchema';
import type { DatabaseHandle } from '../data/openDatabase';
import type { Application } from '../data/portalDirectory';
import { toDate, toGuid, toIdText } from '../data/rowValues';
import { summarizeResponse } from './errorSummary';
import { afterCursor, selectFailedMessages, setsOf, type FailedMessageFilter } from './failedMessageQuery';
import { decodeMessageCursor, encodeMessageCursor } from './messageCursor';
import { latestResends, type LastResend } from './resendHistory';
import { firstRows, toCount } from './sqlValues';

/** Default and maximum number of rows per page. */
export const defaultPageSize = 100;
export const maxPageSize = 500;

/** One failed outgoing message as the grid shows it. */
export interface FailedMessageItem {
  id: string;
  timestamp: string;
  applicationId: string;
  applicationName: string;
  environment: string;
  method: string;
  endpoint: string;
  statusCode: number | null;
  errorSummary: string;
  retries: number;
  lastResend: LastResend | null;
}

/** One page of the grid, newest first. */
export interface FailedMessagePage {
  items: FailedMessageItem[];
  /** Cursor of the next page; null on the last page. */
  nextCursor: string | null;
  /** Number of rows matching the filter on all pages. */
  total: number;
}

/** Page request: the filter, the page size and the cursor from the previous page. */
export interface FailedMessagePageRequest {
  filter: FailedMessageFilter;
  pageSize: number;
  cursor?: string;
}

interface MessageRow {
  ID: number | string;
  Timestamp: Date | string;
  ApplicationID: string;
  Environment: string;
  HttpMethod: string;
  Endpoint: string;
  StatusCode: number | null;
  ResponseText: string | null;
  Retries: number;
}

function compareNewestFirst(a: MessageRow, b: MessageRow): number {
  const byTime = toDate(b.Timestamp).getTime() - toDate(a.Timestamp).getTime();
  return byTime !== 0 ? byTime : Number(b.ID) - Number(a.ID);
}

async function countMatching(handle: DatabaseHandle<CustomerDatabase>, filter: FailedMessageFilter): Promise<number> {
  let total = 0;
  for (const set of setsOf(filter)) {
    const row = await selectFailedMessages(handle.db, handle.engine, set, filter)
      .select(({ fn }) => fn.countAll<number | string>().as('count'))
      .executeTakeFirstOrThrow();
    total += toCount(row.count);
  }
  return total;
}

/**
 * Lists one page of failed outgoing messages, newest first (timestamp, then
 * id, both descending), with keyset pagination: each page reads at most
 * `pageSize + 1` rows per set, whatever the page's position. Throws a
 * `validation` error for an invalid cursor.
 */
export async function listFailedMessages(
  handle: DatabaseHandle<CustomerDatabase>,
  applications: Map<string, Application>,
  request: FailedMessagePageRequest,
): Promise<FailedMessagePage> {
  const db = handle.db;
  const cursor = request.cursor === undefined ? undefined : decodeMessageCursor(request.cursor);

  const candidates: MessageRow[] = [];
  for (const set of setsOf(request.filter)) {
    const rows = await afterCursor(selectFailedMessages(db, handle.engine, set, request.filter), handle.engine, cursor)
      .select(['ID', 'Timestamp', 'ApplicationID', 'Environment', 'HttpMethod', 'Endpoint', 'StatusCode', 'ResponseText', 'Retries'])
      .orderBy('Timestamp', 'desc')
      .orderBy('ID', 'desc')
      .$call(firstRows(handle.engine, request.pageSize + 1))
      .execute();
    candidates.push(...rows);
  }
  candidates.sort(compareNewestFirst);

  const pageRows = candidates.slice(0, request.pageSize);
  const lastRow = pageRows[pageRows.length - 1];
  const hasMore = candidates.length > request.pageSize;
  const resends = await latestResends(db, pageRows.map((row) => Number(row.ID)));
  const total = await countMatching(handle, request.filter);

  const items = pageRows.map((row): FailedMessageItem => {
    const applicationId = toGuid(row.ApplicationID);
    return {
      id: toIdText(row.ID),
      timestamp: toDate(row.Timestamp).toISOString(),
      applicationId,
      applicationName: applications.get(applicationId)?.name ?? applicationId,
      environment: row.Environment,
      method: row.HttpMethod,
      endpoint: row.Endpoint,
      statusCode: row.StatusCode,
      errorSummary: summarizeResponse(row.ResponseText, row.StatusCode),
      retries: row.Retries,
      lastResend: resends.get(toIdText(row.ID)) ?? null,
    };
  });
  return {
    items,
    nextCursor: hasMore && lastRow ? encodeMessageCursor({ timestamp: toDate(lastRow.Timestamp), id: Number(lastRow.ID) }) : null,
    total,
  };
}
