import { spawn } from 'node:child_process';
import { childEnvironment } from './childEnvironment';
import { builtAppFile, repositoryRoot } from './paths';

/** The embedded default's local host, running as `node dist/src/local/main.js`. */
export interface LocalHostProcess {
  /** Origin of the host, such as `http://127.0.0.1:51234`. */
  url: string;
  /** Origin of its Epicor simulator. */
  simulatorUrl: string;
  /** Sends SIGTERM and waits for the host to exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

/**
 * Starts the local host on free ports with its state in `stateDirectory`
 * and a check schedule that does not fire, and resolves once it prints
 * `Listening on http://127.0.0.1:<port>`.
 */
export function startLocalHostProcess(stateDirectory: string): Promise<LocalHostProcess> {
  const child = spawn(process.execPath, [builtAppFile('local/main.js')], {
    cwd: repositoryRoot,
    env: childEnvironment({
      SYNC_GUARD_LOCAL_DIR: stateDirectory,
      SYNC_GUARD_PORT: '0',
      SYNC_GUARD_SIMULATOR_PORT: '0',
      // The screen scenario counts rows, so the demo's field applications stay quiet.
      SYNC_GUARD_DEMO_TRAFFIC_SECONDS: '0',
      CheckSchedule: '0 0 0 1 1 *',
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };

  return new Promise((resolveStarted, rejectStarted) => {
    const timer = setTimeout(() => {
      void stop();
      rejectStarted(new Error(`The local host did not print "Listening on ..." within 60 s. Its output:\n${output.slice(-3000)}`));
    }, 60_000);
    const check = (): void => {
      const listening = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      const simulator = /Epicor simulator\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (listening?.[1] !== undefined) {
        clearTimeout(timer);
        child.stdout.off('data', check);
        resolveStarted({ url: listening[1], simulatorUrl: simulator?.[1] ?? '', stop });
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rejectStarted(new Error(`The local host exited (code ${code}) before it listened. Its output:\n${output.slice(-3000)}`));
    });
  });
}
