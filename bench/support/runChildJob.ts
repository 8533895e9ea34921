import { fork } from 'node:child_process';
import { z } from 'zod';
import { childEnvironment } from './childEnvironment';

/** Options of {@link runChildJob}. */
export interface ChildJobOptions {
  /** Name of the step in error messages. */
  label: string;
  /** The child is killed after this many milliseconds. */
  timeoutMs: number;
  /** Variables added to the child's environment. */
  env?: Record<string, string>;
}

const replySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

/** Keeps the last `limit` characters of a stream's text, for error messages. */
function tailOf(stream: NodeJS.ReadableStream | null, limit: number): () => string {
  let text = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    text = (text + chunk).slice(-limit);
  });
  return () => text;
}

/**
 * Runs one benchmark job in a fresh Node process: forks `script`, sends it
 * `job` over IPC, and resolves with its reply parsed by `resultSchema`. The
 * child's stdout (the app's info log) is discarded. The end of its stderr is
 * kept for the error message when the job fails, exits early or times out.
 */
export function runChildJob<Result>(script: string, job: unknown, resultSchema: z.ZodType<Result>, options: ChildJobOptions): Promise<Result> {
  const child = fork(script, [], {
    env: childEnvironment(options.env),
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    execArgv: [],
  });
  const stderr = tailOf(child.stderr, 4000);
  const failure = (reason: string): Error => {
    const output = stderr().trim();
    return new Error(`Benchmark step "${options.label}" failed: ${reason}${output === '' ? '' : `\nLast lines of its error output:\n${output}`}`);
  };

  return new Promise<Result>((resolveResult, rejectResult) => {
    let reply: z.output<typeof replySchema> | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rejectResult(failure(`it did not finish within ${Math.round(options.timeoutMs / 1000)} s and was stopped`));
    }, options.timeoutMs);

    child.on('message', (message) => {
      const parsed = replySchema.safeParse(message);
      reply = parsed.success ? parsed.data : { ok: false, error: `its reply is not a benchmark reply: ${parsed.error.message}` };
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      rejectResult(failure(error.message));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!reply) {
        rejectResult(failure(`the process exited (${signal ?? `code ${code}`}) without a result`));
      } else if (!reply.ok) {
        rejectResult(failure(reply.error));
      } else {
        const result = resultSchema.safeParse(reply.result);
        if (result.success) {
          resolveResult(result.data);
        } else {
          rejectResult(failure(`its result does not match the expected shape: ${result.error.message}`));
        }
      }
    });
    child.send({ job });
  });
}
