import { sql, type Kysely } from 'kysely';
import type { CustomerDatabase } from '../data/customerSchema';
import type { ResendCandidate } from './resendCandidates';

/**
 * Claims one message for resending with a compare-and-set on `Retries`:
 * `UPDATE MessageLogs SET Retries = Retries + 1 WHERE ID = @id AND
 * Retries = @read AND Success = 0 AND Incoming = 0`. Of concurrent requests
 * that read the same value, exactly one updates the row; the others see no
 * row updated. Returns whether this request claimed it.
 *
 * NOTE: a process that dies between the claim and the recorded attempt leaves
 * `Retries` one above the number of attempts, so the message is reported as
 * "being resent" until an operator sets `Retries` back.
 */
export async function claimMessage(db: Kysely<CustomerDatabase>, candidate: ResendCandidate): Promise<boolean> {
  const result = await db
    .updateTable('MessageLogs')
    .set({ Retries: sql<number>`Retries + 1` })
    .where('ID', '=', candidate.id)
    .where('Retries', '=', candidate.retries)
    .where('Success', '=', false)
    .where('Incoming', '=', false)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Releases a claimed message that was not sent, setting `Retries` back to
 * the value read before the claim so that the message returns to the grid
 * unchanged. Returns false when the row no longer has the claimed value.
 */
export async function releaseMessage(db: Kysely<CustomerDatabase>, candidate: ResendCandidate): Promise<boolean> {
  const result = await db
    .updateTable('MessageLogs')
    .set({ Retries: sql<number>`Retries - 1` })
    .where('ID', '=', candidate.id)
    .where('Retries', '=', candidate.retries + 1)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
