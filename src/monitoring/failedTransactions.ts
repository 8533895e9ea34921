import type { Kysely } from 'kysely';
import type { CustomerDatabase } from '../data/customerSchema';
import type { Environment } from '../data/environments';

/**
 * Counts one application's outgoing transactions in one environment that
 * failed since `since` and were never resent: the rows the resend screen's
 * default grid shows (Incoming = 0, Success = 0, Retries = 0).
 */
export async function countFailedTransactionsSince(
  db: Kysely<CustomerDatabase>,
  applicationId: string,
  environment: Environment,
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom('MessageLogs')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('Incoming', '=', false)
    .where('Success', '=', false)
    .where('Retries', '=', 0)
    .where('ApplicationID', '=', applicationId)
    .where('Environment', '=', environment)
    .where('Timestamp', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
