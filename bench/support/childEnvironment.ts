import { readEnvironmentValue } from '../../src/config/settings';

/**
 * Returns the environment of a benchmark child process: only PATH, HOME,
 * TMPDIR and LANG from this one, plus `extra`. App settings are not passed
 * on, so a setting in the caller's shell cannot change what is measured.
 */
export function childEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
    const value = readEnvironmentValue(name);
    if (value !== undefined) {
      environment[name] = value;
    }
  }
  return { ...environment, ...extra };
}
