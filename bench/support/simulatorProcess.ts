import { z } from 'zod';
import { startEpicorSimulator, type EpicorSimulator } from '../../src/local/epicorSimulator';
import { describeError } from '../../src/shared/errors';
import { simulatorPlanSchema } from './simulatorPlan';

/**
 * Child process that serves the Epicor simulator on 127.0.0.1 for the
 * benchmark, so that the simulator's own work does not count against the
 * function app. Receives `{ plan }`, replies `listening` with the URL, and
 * on `{ stop: true }` (or when the benchmark goes away) closes and exits.
 */
const commandSchema = z.union([z.object({ plan: simulatorPlanSchema }), z.object({ stop: z.literal(true) })]);

let simulator: EpicorSimulator | undefined;

function send(message: unknown): Promise<void> {
  return new Promise((resolveSent) => process.send?.(message, () => resolveSent()));
}

async function stop(): Promise<void> {
  await simulator?.close();
  simulator = undefined;
  if (process.connected) {
    await send({ kind: 'stopped' });
  }
  process.exit(0);
}

process.on('message', (message) => {
  const handle = async (): Promise<void> => {
    const command = commandSchema.parse(message);
    if ('stop' in command) {
      await stop();
      return;
    }
    const { plan } = command;
    // The resend benchmark reads the calls back in order, so the log keeps every call of one scenario.
    simulator = await startEpicorSimulator({ initialScenarios: plan.scenarios, latencyMs: plan.latencyMs ?? 0, maxRecordedCalls: 20_000 });
    for (const [instance, latencyMs] of Object.entries(plan.latencies)) {
      simulator.setLatency(instance, latencyMs);
    }
    await send({ kind: 'listening', url: simulator.url });
  };
  handle().catch(async (error: unknown) => {
    await send({ kind: 'failed', error: describeError(error) });
    process.exit(1);
  });
});

process.on('disconnect', () => {
  void stop();
});
