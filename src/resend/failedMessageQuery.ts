import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { CustomerDatabase } from '../data/customerSchema';
import type { Environment } from '../data/environments';
import type { DatabaseEngine } from '../data/openDatabase';
import type { MessageCursor } from './messageCursor';
import { exactTime } from './sqlValues';
import type { TimeRange } from './timeRange';

/** Selection of failed outgoing messages that the grid shows. */
export interface FailedMessageFilter {
  range: TimeRange;
  applicationId?: string;
  environment?: Environment;
  /** Also rows that were resent and whose latest resend failed. */
  includeResent: boolean;
}

/** The two sets of rows the grid can show; each one is read with its own index-friendly query. */
export const failedMessageSets = ['neverResent', 'resentAndFailed'] as const;
export type FailedMessageSet = (typeof failedMessageSets)[number];

type MessageQuery = SelectQueryBuilder<CustomerDatabase, 'MessageLogs', object>;

/** Returns the sets a filter covers: rows never resent, and with `includeResent` rows whose latest resend failed. */
export function setsOf(filter: FailedMessageFilter): FailedMessageSet[] {
  return filter.includeResent ? ['neverResent', 'resentAndFailed'] : ['neverResent'];
}

/**
 * Starts a query over one set of failed outgoing messages in the filter's
 * range. The never-resent set is `Success = 0 AND Incoming = 0 AND Retries = 0`,
 * which the index IX_MessageLogs_Failed serves with its time order. The
 * resent set has `Retries > 0`, a latest MessageResends row that failed, and
 * is not itself the copy that a resend wrote.
 */
export function selectFailedMessages(db: Kysely<CustomerDatabase>, engine: DatabaseEngine, set: FailedMessageSet, filter: FailedMessageFilter): MessageQuery {
  let query: MessageQuery = db
    .selectFrom('MessageLogs')
    .where('Success', '=', false)
    .where('Incoming', '=', false)
    .where('Timestamp', '>=', exactTime(engine, filter.range.from))
    .where('Timestamp', '<', exactTime(engine, filter.range.to));

  if (set === 'neverResent') {
    query = query.where('Retries', '=', 0);
  } else {
    query = query
      .where('Retries', '>', 0)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('MessageResends as latest')
            .select('latest.ID')
            .whereRef('latest.MessageLogID', '=', 'MessageLogs.ID')
            .where('latest.Outcome', '=', 'failed')
            .where('latest.ID', '=', (inner) =>
              inner
                .selectFrom('MessageResends as attempt')
                .select((select) => select.fn.max('attempt.ID').as('lastId'))
                .whereRef('attempt.MessageLogID', '=', 'MessageLogs.ID'),
            ),
        ),
      )
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('MessageResends as copy').select('copy.ID').whereRef('copy.RetryMessageLogID', '=', 'MessageLogs.ID'))),
      );
  }

  if (filter.applicationId !== undefined) {
    query = query.where('ApplicationID', '=', filter.applicationId);
  }
  if (filter.environment !== undefined) {
    query = query.where('Environment', '=', filter.environment);
  }
  return query;
}

/** Keeps the rows after a cursor in newest-first order: `Timestamp < t OR (Timestamp = t AND ID < id)`. */
export function afterCursor(query: MessageQuery, engine: DatabaseEngine, cursor: MessageCursor | undefined): MessageQuery {
  if (!cursor) {
    return query;
  }
  const at = exactTime(engine, cursor.timestamp);
  // The plain upper bound lets the index range start at the cursor; the OR alone would step over every newer row.
  return query
    .where('Timestamp', '<=', at)
    .where((eb) => eb.or([eb('Timestamp', '<', at), eb.and([eb('Timestamp', '=', at), eb('ID', '<', cursor.id)])]));
}
