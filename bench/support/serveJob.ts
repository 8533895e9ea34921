import { z } from 'zod';
import { describeError } from '../../src/shared/errors';

const envelopeSchema = z.object({ job: z.unknown() });

function reply(message: unknown): Promise<void> {
  return new Promise((resolveSent) => {
    if (!process.send) {
      throw new Error('This benchmark module runs as a child process of "npm run bench"; it has no IPC channel when started directly.');
    }
    process.send(message, () => resolveSent());
  });
}

/**
 * Serves the child side of `runChildJob`. It waits for one job on the IPC
 * channel, parses it with `schema`, runs it and replies with its result or
 * error. Then it exits, so that nothing the job left open keeps the process alive.
 */
export function serveJob<Job>(schema: z.ZodType<Job>, run: (job: Job) => Promise<unknown>): void {
  process.once('message', (message) => {
    const handle = async (): Promise<void> => {
      try {
        const job = schema.parse(envelopeSchema.parse(message).job);
        await reply({ ok: true, result: await run(job) });
        process.exit(0);
      } catch (error) {
        await reply({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : describeError(error) });
        process.exit(1);
      }
    };
    void handle();
  });
}
