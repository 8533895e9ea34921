import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A local host (`npm start`) running as a child process on free ports with its own state folder. */
export interface LocalHostProcess {
  /** Base URL of the function app, such as http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  /** Base URL of the Epicor simulator, such as http://127.0.0.1:41235; its control API is under /_simulator. */
  simulatorUrl: string;
  /** The fresh folder of the host's SQLite files, outbox and keys; removed by `stop`. */
  stateDirectory: string;
  /** Everything the host wrote to stdout and stderr so far (the last 1 MB). */
  output(): string;
  /** Stops the host with SIGTERM (SIGKILL after 10 s) and removes the state folder. */
  stop(): Promise<void>;
}

/** Options of {@link startLocalHostProcess}. */
export interface LocalHostProcessOptions {
  /** Extra environment variables; they override the defaults below. */
  env?: Record<string, string>;
  /** How long to wait for "Listening on", in ms; default 30,000. */
  startTimeoutMs?: number;
}

const root = join(__dirname, '../..');
const entry = join(root, 'dist/src/local/main.js');
const maxOutputChars = 1_000_000;

/** Once a year (1 January, 00:00), so the check timer does not fire during a test run. */
const quietCheckSchedule = '0 0 0 1 1 *';

function waitForExit(child: ReturnType<typeof spawn>, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(true);
  }
  return new Promise((resolveExit) => {
    const timer = setTimeout(() => resolveExit(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveExit(true);
    });
  });
}

/**
 * Starts `node dist/src/local/main.js` with a fresh state folder, free ports
 * (SYNC_GUARD_PORT=0, SYNC_GUARD_SIMULATOR_PORT=0) and a check schedule that
 * does not fire during tests, then waits for its "Listening on" line.
 * Needs the build (`npm run build`; `npm test` builds first).
 */
export async function startLocalHostProcess(options: LocalHostProcessOptions = {}): Promise<LocalHostProcess> {
  if (!existsSync(entry)) {
    throw new Error(`${entry} is missing: run "npm run build" first (npm test builds before running jest).`);
  }
  const stateDirectory = mkdtempSync(join(tmpdir(), 'sync-guard-host-'));
  const child = spawn(process.execPath, [entry], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      SYNC_GUARD_LOCAL_DIR: stateDirectory,
      SYNC_GUARD_PORT: '0',
      SYNC_GUARD_SIMULATOR_PORT: '0',
      // Tests count rows, so the demo's field applications stay quiet unless a test turns them on.
      SYNC_GUARD_DEMO_TRAFFIC_SECONDS: '0',
      CheckSchedule: quietCheckSchedule,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-maxOutputChars);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 10_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
    rmSync(stateDirectory, { recursive: true, force: true });
  };

  const timeoutMs = options.startTimeoutMs ?? 30_000;
  try {
    const urls = await new Promise<{ url: string; simulatorUrl: string }>((resolveStart, rejectStart) => {
      const timer = setTimeout(() => rejectStart(new Error(`The local host did not print "Listening on" within ${timeoutMs} ms. Its output:\n${output}`)), timeoutMs);
      const check = () => {
        const listening = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        const simulator = /Epicor simulator\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (listening?.[1] && simulator?.[1]) {
          clearTimeout(timer);
          child.stdout.off('data', check);
          resolveStart({ url: listening[1], simulatorUrl: simulator[1] });
        }
      };
      child.stdout.on('data', check);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        rejectStart(new Error(`The local host exited (code ${code}, signal ${signal}) before listening. Its output:\n${output}`));
      });
    });
    return { ...urls, stateDirectory, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
