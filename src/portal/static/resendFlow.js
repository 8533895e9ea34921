/**
 * Sends the selected rows. Explicit rows go oldest first in chunks, so the
 * user sees progress and a failure can stop the rest. "All matching" goes as
 * one filter that the server resolves. After a 409 (connection down) the user
 * chooses whether to resend anyway.
 */

/** Rows per resend request. */
export const chunkSize = 25;

/**
 * @typedef {{ id: string, outcome: string, statusCode?: number | null, error?: string, reason?: string }} RowResult
 * @typedef {{ kind: 'ids', rows: any[] } | { kind: 'filter', filter: Record<string, unknown>, total: number }} ResendPlan
 */

/** @param {string[]} ids */
function chunks(ids) {
  const result = [];
  for (let start = 0; start < ids.length; start += chunkSize) {
    result.push(ids.slice(start, start + chunkSize));
  }
  return result;
}

/**
 * Runs a resend and returns each row's outcome in sending order.
 * @param {{
 *   api: { resend: (customerId: string, body: Record<string, unknown>) => Promise<any> },
 *   customerId: string,
 *   plan: ResendPlan,
 *   continueOnFailure: boolean,
 *   onProgress: (progress: { done: number, total: number, sendingUpTo: number }) => void,
 *   confirmOutage: (outages: any[]) => Promise<boolean>,
 * }} options
 * @returns {Promise<{ results: RowResult[], problem: string | null }>}
 *   `problem` explains why the run ended early without a row outcome, such as a failed request.
 */
export async function runResend({ api, customerId, plan, continueOnFailure, onProgress, confirmOutage }) {
  const batches = plan.kind === 'ids' ? chunks(plan.rows.map((row) => row.id)).map((ids) => ({ ids })) : [{ filter: plan.filter }];
  const total = plan.kind === 'ids' ? plan.rows.length : plan.total;
  /** @type {RowResult[]} */
  const results = [];
  let ignoreOpenOutage = false;
  let done = 0;

  const skipFrom = (index, reason) => {
    for (const batch of batches.slice(index)) {
      for (const id of batch.ids ?? []) {
        results.push({ id, outcome: 'skipped', reason });
      }
    }
  };

  for (let index = 0; index < batches.length; index += 1) {
    const batch = batches[index];
    const count = batch.ids ? batch.ids.length : total;
    onProgress({ done, total, sendingUpTo: done + count });
    let response;
    try {
      response = await api.resend(customerId, { ...batch, continueOnFailure, ...(ignoreOpenOutage ? { ignoreOpenOutage: true } : {}) });
    } catch (error) {
      const outages = error?.status === 409 && Array.isArray(error.details?.outages) ? error.details.outages : null;
      if (outages && !ignoreOpenOutage) {
        if (await confirmOutage(outages)) {
          ignoreOpenOutage = true;
          index -= 1;
          continue;
        }
        skipFrom(index, 'Not sent: the connection is down and you chose not to resend now.');
        return { results, problem: null };
      }
      for (const id of batch.ids ?? []) {
        results.push({ id, outcome: 'unconfirmed', error: `${error.message} Reload the list to see whether this row was sent.` });
      }
      skipFrom(index + 1, 'Not sent: an earlier request failed.');
      const message = error instanceof Error ? error.message : String(error);
      return { results, problem: `The resend request failed: ${message}` };
    }

    results.push(...response.results);
    done += count;
    onProgress({ done, total, sendingUpTo: done });
    if (response.summary.failed > 0 && !continueOnFailure) {
      skipFrom(index + 1, 'Not sent: an earlier row failed, and the resend stops at the first failure.');
      break;
    }
  }
  return { results, problem: null };
}

/**
 * Counts results by outcome.
 * @param {RowResult[]} results
 */
export function summarize(results) {
  const counts = { sent: 0, failed: 0, skipped: 0, notEligible: 0, unconfirmed: 0 };
  for (const result of results) {
    if (Object.hasOwn(counts, result.outcome)) {
      counts[result.outcome] += 1;
    }
  }
  return counts;
}
