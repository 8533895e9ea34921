import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { sendRaw } from '../support/rawHttp';
import { startFunctionApp, type FunctionAppHarness } from './functionAppHarness';
import type { ResendJob, ResendResult } from './jobSchemas';
import { signInAsAdministrator } from './signIn';

const reportSchema = z.object({
  results: z.array(z.object({ id: z.string(), outcome: z.string() })),
  summary: z.object({ sent: z.number(), failed: z.number(), skipped: z.number(), notEligible: z.number() }),
});

const callsSchema = z.object({ calls: z.array(z.object({ sequence: z.number(), method: z.string(), body: z.string().nullable() })) });

async function readJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`GET ${url} returned status ${response.status}, expected 200: check that the simulator process still runs.`);
  }
  return response.json();
}

async function clearCalls(simulatorUrl: string): Promise<void> {
  const response = await fetch(`${simulatorUrl}/_simulator/calls`, { method: 'DELETE' });
  if (response.status !== 204) {
    throw new Error(`DELETE ${simulatorUrl}/_simulator/calls returned status ${response.status}, expected 204: check that the simulator process still runs.`);
  }
}

/** Returns null when the simulator received the bodies in the expected order, else the first difference. */
async function checkOrder(simulatorUrl: string, expectedBodies: readonly string[]): Promise<string | null> {
  const { calls } = callsSchema.parse(await readJson(`${simulatorUrl}/_simulator/calls`));
  const bodies = calls.filter((call) => call.method === 'POST').sort((a, b) => a.sequence - b.sequence).map((call) => call.body);
  if (bodies.length !== expectedBodies.length) {
    return `the simulator received ${bodies.length} POSTs, expected ${expectedBodies.length}`;
  }
  const index = bodies.findIndex((body, position) => body !== expectedBodies[position]);
  return index < 0 ? null : `call ${index + 1} carried ${String(bodies[index])}, expected ${String(expectedBodies[index])}`;
}

async function resendInRequests(harness: FunctionAppHarness, job: ResendJob, authorization: string, ids: readonly string[], requestSize: number): Promise<number> {
  let sent = 0;
  for (let start = 0; start < ids.length; start += requestSize) {
    const response = await harness.invokeHttp('resendFailedMessages', {
      method: 'POST',
      url: `http://127.0.0.1/api/customers/${job.customerId}/failed-messages/resend`,
      params: { customerId: job.customerId },
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ ids: ids.slice(start, start + requestSize) }),
    });
    if (response.status !== 200) {
      throw new Error(`resendFailedMessages returned status ${response.status}, expected 200. Response body: ${response.body.slice(0, 300)}`);
    }
    sent += reportSchema.parse(JSON.parse(response.body)).summary.sent;
  }
  return sent;
}

/**
 * Resends failed messages through the `resendFailedMessages` HTTP handler to
 * a simulator that responds without delay, and checks from the simulator's
 * call log that they arrived oldest first. Before each run it times the
 * baseline, which sends the same calls one after another as plain HTTP requests.
 */
export async function runResendJob(job: ResendJob): Promise<ResendResult> {
  const authorization = await signInAsAdministrator(job.settings, job.authDirectory, job.user, job.customerId);
  const harness = startFunctionApp(job.settings, job.queueFile);
  const runs: ResendResult['runs'] = [];
  try {
    for (const run of job.runs) {
      const rawStarted = performance.now();
      for (const request of run.rawRequests) {
        const outcome = await sendRaw(request, 5000);
        if (outcome.statusCode === null || outcome.statusCode >= 300) {
          throw new Error(`The baseline call to ${request.url} failed with status ${String(outcome.statusCode)}; the simulator instance should be healthy and accept it.`);
        }
      }
      const rawMs = performance.now() - rawStarted;
      await clearCalls(job.simulatorUrl);

      const started = performance.now();
      const sent = await resendInRequests(harness, job, authorization, run.ids, run.requestSize);
      const resendMs = performance.now() - started;
      const orderProblem = await checkOrder(job.simulatorUrl, run.expectedBodies);
      await clearCalls(job.simulatorUrl);
      runs.push({
        name: run.name,
        rows: run.ids.length,
        requests: Math.ceil(run.ids.length / run.requestSize),
        resendMs,
        rawMs,
        sent,
        orderVerified: orderProblem === null,
        orderProblem,
      });
    }
    return { runs };
  } finally {
    await harness.stop();
  }
}
