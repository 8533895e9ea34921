import { fork } from 'node:child_process';
import { childEnvironment } from './childEnvironment';
import { benchScript } from './paths';
import { simulatorMessageSchema, type SimulatorPlan } from './simulatorPlan';

/** A simulator running in its own process. */
export interface SimulatorProcess {
  /** Origin, such as `http://127.0.0.1:51234`. */
  url: string;
  /** Closes the simulator and waits for its process to exit. */
  stop(): Promise<void>;
}

/** Starts the Epicor simulator in a child process with the given plan; resolves once it listens on 127.0.0.1. */
export function startSimulatorProcess(plan: SimulatorPlan): Promise<SimulatorProcess> {
  const child = fork(benchScript('support/simulatorProcess.js'), [], { env: childEnvironment(), stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: [] });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.send({ stop: true });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };

  return new Promise((resolveStarted, rejectStarted) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rejectStarted(new Error('The Epicor simulator process did not start listening within 30 s.'));
    }, 30_000);
    child.on('message', (message) => {
      const parsed = simulatorMessageSchema.safeParse(message);
      if (parsed.success && parsed.data.kind === 'listening') {
        clearTimeout(timer);
        resolveStarted({ url: parsed.data.url, stop });
      } else if (parsed.success && parsed.data.kind === 'failed') {
        clearTimeout(timer);
        rejectStarted(new Error(`The Epicor simulator process failed to start: ${parsed.data.error}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      rejectStarted(new Error(`The Epicor simulator process exited (code ${code}) before it listened.`));
    });
    child.send({ plan });
  });
}
