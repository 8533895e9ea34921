import { resolve } from 'node:path';
import { SettingsError } from '../config/settings';
import { describeError } from '../shared/errors';
import { writeLocalLog } from './consoleLog';
import { startLocalHost } from './localHost';

/** `npm start`: runs the embedded default until Ctrl-C. */
async function main(): Promise<void> {
  const rootDirectory = resolve(__dirname, '../../..');
  const host = await startLocalHost(rootDirectory);
  const state = host.options.stateDirectory;

  console.log(`
Epicor Sync Guard is running on the embedded default.
  Screen            ${host.url}/            (pick a demo user to sign in)
  API               ${host.url}/api/...      (health: ${host.url}/api/health)
  Demo users        ${host.url}/local/demo-users
  Bearer token      npm run token -- <email>   or POST ${host.url}/local/token {"userId":"..."}
  Run checks now    POST ${host.url}/local/run-checks
  Epicor simulator  ${host.simulator.url}/_simulator/scenarios
  Emails (outbox)   ${state}/outbox
  Data (SQLite)     ${state}/data
  Start over        stop, then npm run reset
Press Ctrl-C to stop.
Listening on ${host.url}
`);

  let signalled = false;
  const shutdown = (signal: string) => {
    if (signalled) {
      return;
    }
    signalled = true;
    writeLocalLog('info', 'host', `${signal} received, stopping`);
    host
      .stop()
      .then(() => {
        writeLocalLog('info', 'host', 'Stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        writeLocalLog('error', 'host', `Stop failed: ${describeError(error)}`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof SettingsError) {
    console.error(error.message);
  } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    writeLocalLog(
      'error',
      'host',
      `Start-up failed: ${describeError(error)}. Another program uses that port: stop it, or choose other ports with SYNC_GUARD_PORT and SYNC_GUARD_SIMULATOR_PORT (0 picks free ones).`,
    );
  } else {
    writeLocalLog('error', 'host', `Start-up failed: ${describeError(error)}`);
  }
  process.exit(1);
});
