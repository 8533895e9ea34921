import type { CustomerDatabase } from '../../src/data/customerSchema';
import type { DatabaseHandle } from '../../src/data/openDatabase';
import { openDatabase } from '../../src/data/openDatabase';
import type { ReplayResult } from '../../src/epicor/replayCall';
import { claimMessage, releaseMessage } from '../../src/resend/messageClaims';
import { recordAttempt } from '../../src/resend/resendAttempt';
import { alreadyResentReason, findResendCandidates } from '../../src/resend/resendCandidates';
import { createSqliteTestDatabases, type TestDatabases } from '../support/databases';
import { insertMessage } from '../functions/http/apiHarness';

let databases: TestDatabases;
let secondConnection: DatabaseHandle<CustomerDatabase>;

beforeAll(async () => {
  databases = await createSqliteTestDatabases();
  secondConnection = await openDatabase<CustomerDatabase>(databases.customerConnectionString);
});

afterAll(async () => {
  await secondConnection.close();
  await databases.close();
});

beforeEach(async () => {
  await databases.customer.db.deleteFrom('MessageResends').execute();
  await databases.customer.db.deleteFrom('MessageLogs').execute();
});

const failedReplay: ReplayResult = { ok: false, statusCode: 500, failureClass: 'serverError', message: 'Epicor returned 500.', responseText: '{"ErrorMessage":"Boom"}', durationMs: 5, epicorError: { errorMessage: 'Boom', errorType: null, correlationId: null } };
const sentReplay: ReplayResult = { ok: true, statusCode: 201, failureClass: null, message: 'Epicor returned 201.', responseText: '{}', durationMs: 5, epicorError: null };

async function candidateFor(id: number, handle: DatabaseHandle<CustomerDatabase> = databases.customer) {
  const { candidates } = await findResendCandidates(handle.db, [id]);
  return candidates[0]!;
}

describe('message claims', () => {
  it('claims a stale read once', async () => {
    const id = await insertMessage(databases.customer, { Timestamp: '2026-11-26T09:00:00.000Z' });
    const readByFirst = await candidateFor(id);
    const readBySecond = await candidateFor(id, secondConnection);

    const first = await claimMessage(databases.customer.db, readByFirst);
    const second = await claimMessage(secondConnection.db, readBySecond);

    expect(first).toBe(true);
    expect(second).toBe(false);
  });

  it('hides a message while in flight', async () => {
    const id = await insertMessage(databases.customer, { Timestamp: '2026-11-26T09:00:00.000Z' });
    await claimMessage(databases.customer.db, await candidateFor(id));

    const { candidates, ineligible } = await findResendCandidates(secondConnection.db, [id]);

    expect(candidates).toEqual([]);
    expect(ineligible).toEqual([{ id: String(id), timestamp: new Date('2026-11-26T09:00:00.000Z'), reason: alreadyResentReason }]);
  });

  it('hides an in-flight retry of a failed resend', async () => {
    const id = await insertMessage(databases.customer, { Timestamp: '2026-11-26T09:00:00.000Z' });
    const first = await candidateFor(id);
    await claimMessage(databases.customer.db, first);
    await recordAttempt(databases.customer, first, { result: failedReplay, requestedBy: 'a@example.com', attemptedAt: new Date('2026-11-27T10:00:00Z') });
    const retry = await candidateFor(id);
    await claimMessage(databases.customer.db, retry);

    const { candidates } = await findResendCandidates(secondConnection.db, [id]);

    expect(retry.retries).toBe(1);
    expect(candidates).toEqual([]);
  });

  it('offers a failed resend again', async () => {
    const id = await insertMessage(databases.customer, { Timestamp: '2026-11-26T09:00:00.000Z' });
    const first = await candidateFor(id);
    await claimMessage(databases.customer.db, first);
    await recordAttempt(databases.customer, first, { result: failedReplay, requestedBy: 'a@example.com', attemptedAt: new Date('2026-11-27T10:00:00Z') });

    const retry = await candidateFor(id);

    expect(retry).toMatchObject({ id, retries: 1 });
  });

  it('refuses a successful resend', async () => {
    const id = await insertMessage(databases.customer, { Timestamp: '2026-11-26T09:00:00.000Z' });
    const first = await candidateFor(id);
    await claimMessage(databases.customer.db, first);
    await recordAttempt(databases.customer, first, { result: sentReplay, requestedBy: 'a@example.com', attemptedAt: new Date('2026-11-27T10:00:00Z') });

    const { candidates, ineligible } = await findResendCandidates(databases.customer.db, [id]);

    expect(candidates).toEqual([]);
    expect(ineligible[0]?.reason).toBe('Already resent successfully at 2026-11-27T10:00:00.000Z.');
  });

  it('releases a claim once', async () => {
    const id = await insertMessage(databases.customer, { Timestamp: '2026-11-26T09:00:00.000Z' });
    const candidate = await candidateFor(id);
    await claimMessage(databases.customer.db, candidate);

    const first = await releaseMessage(databases.customer.db, candidate);
    const second = await releaseMessage(databases.customer.db, candidate);

    expect(first).toBe(true);
    expect(second).toBe(false);
    expect(await candidateFor(id)).toMatchObject({ id, retries: 0 });
  });

  it('records a failure without a call', async () => {
    const id = await insertMessage(databases.customer, { Timestamp: '2026-11-26T09:00:00.000Z' });
    const candidate = await candidateFor(id);
    await claimMessage(databases.customer.db, candidate);

    const recorded = await recordAttempt(databases.customer, candidate, { result: null, failure: 'The connection is disabled.', requestedBy: 'a@example.com', attemptedAt: new Date('2026-11-27T10:00:00Z') });

    expect(recorded).toEqual({ outcome: 'failed', statusCode: null, errorSummary: 'The connection is disabled.', retryMessageId: null });
    const copies = await databases.customer.db.selectFrom('MessageLogs').select('ID').where('ID', '!=', id).execute();
    expect(copies).toEqual([]);
  });
});
