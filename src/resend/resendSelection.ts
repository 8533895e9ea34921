import type { CustomerDatabase } from '../data/customerSchema';
import type { DatabaseHandle } from '../data/openDatabase';
import { validationError } from '../shared/errors';
import { selectFailedMessages, setsOf, type FailedMessageFilter } from './failedMessageQuery';
import { firstRows } from './sqlValues';

/** Most messages one resend request may select, by ids or by filter. */
export const maxResendMessages = 1000;

/**
 * Returns the ids of the messages a filter selects, oldest first, the same
 * rows the grid shows for that filter. Throws a `validation` error when more
 * than {@link maxResendMessages} match, so a request never sends part of a
 * selection the user did not see.
 */
export async function selectIdsByFilter(handle: DatabaseHandle<CustomerDatabase>, filter: FailedMessageFilter): Promise<number[]> {
  const rows: { ID: number | string; Timestamp: Date | string }[] = [];
  for (const set of setsOf(filter)) {
    rows.push(
      ...(await selectFailedMessages(handle.db, handle.engine, set, filter)
        .select(['ID', 'Timestamp'])
        .orderBy('Timestamp', 'asc')
        .orderBy('ID', 'asc')
        .$call(firstRows(handle.engine, maxResendMessages + 1))
        .execute()),
    );
  }
  if (rows.length > maxResendMessages) {
    throw validationError(
      `The filter selects more than ${maxResendMessages} messages; narrow "filter.from" and "filter.to" (or choose an application and environment) and resend in several requests, oldest first.`,
      { maxMessages: maxResendMessages },
    );
  }
  return rows.map((row) => Number(row.ID));
}
