import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Returns the repository's local.settings.json values as a child process's environment. */
export function localSettingsEnvironment(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const root = join(__dirname, '../..');
  const parsed = JSON.parse(readFileSync(join(root, 'local.settings.json'), 'utf8')) as { Values: Record<string, string> };
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...parsed.Values, ...overrides };
}
