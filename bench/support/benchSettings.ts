import { readLocalSettings } from '../../src/local/localSettings';
import { repositoryRoot } from './paths';

/** Schedule interval of the check cycle in minutes: the app's default `0 *\/5 * * * *`. */
export const checkIntervalMinutes = 5;

/**
 * Returns the app settings of the embedded default (local.settings.json)
 * with every `.local/...` path under `stateDirectory`, the default 5-minute
 * check schedule, and `overrides` applied last.
 */
export function benchSettings(stateDirectory: string, overrides: Record<string, string> = {}): Record<string, string> {
  const values = readLocalSettings({ rootDirectory: repositoryRoot, stateDirectory, port: 0, simulatorPort: 0, verbose: false, demoTrafficSeconds: 0 });
  return {
    ...values,
    CheckSchedule: '0 */5 * * * *',
    ...overrides,
  };
}

/**
 * Returns a schedule with the default 5-minute interval whose latest
 * occurrence is the whole second at or before `at`, such as `7 2-59/5 * * * *`.
 * A timer fired now then counts as on time, as it does in the host, so no
 * check is skipped as stale however late in an interval the benchmark starts.
 */
export function scheduleStartingAt(at: Date): string {
  const minuteOffset = at.getUTCMinutes() % checkIntervalMinutes;
  return `${at.getUTCSeconds()} ${minuteOffset}-59/${checkIntervalMinutes} * * * *`;
}
