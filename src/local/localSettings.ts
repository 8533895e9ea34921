import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { readEnvironmentValue } from '../config/settings';

const localSettingsSchema = z.object({
  IsEncrypted: z.boolean().optional(),
  Values: z.record(z.string(), z.string()),
});

/** Options of the local host: its state folder, ports and switches. */
export interface LocalHostOptions {
  rootDirectory: string;
  /** Folder of all local state: SYNC_GUARD_LOCAL_DIR when set, otherwise `.local`. */
  stateDirectory: string;
  port: number;
  simulatorPort: number;
  verbose: boolean;
  /** Seconds between rounds of demo field transactions; 0 turns them off. */
  demoTrafficSeconds: number;
}

function parseWholeNumber(name: string, fallback: number, max: number, meaning: string): number {
  const text = readEnvironmentValue(name);
  if (text === undefined) {
    return fallback;
  }
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new Error(`${name} must be ${meaning} from 0 to ${max}, not "${text}"`);
  }
  return value;
}

const parsePort = (name: string, fallback: number) => parseWholeNumber(name, fallback, 65_535, 'a TCP port number');

/**
 * Reads the local host's own options: SYNC_GUARD_LOCAL_DIR, SYNC_GUARD_PORT,
 * SYNC_GUARD_SIMULATOR_PORT, SYNC_GUARD_VERBOSE and SYNC_GUARD_DEMO_TRAFFIC_SECONDS.
 */
export function readLocalHostOptions(rootDirectory: string): LocalHostOptions {
  const stateText = readEnvironmentValue('SYNC_GUARD_LOCAL_DIR') ?? '.local';
  return {
    rootDirectory,
    stateDirectory: isAbsolute(stateText) ? stateText : resolve(rootDirectory, stateText),
    port: parsePort('SYNC_GUARD_PORT', 7071),
    simulatorPort: parsePort('SYNC_GUARD_SIMULATOR_PORT', 7072),
    verbose: readEnvironmentValue('SYNC_GUARD_VERBOSE') === 'true',
    demoTrafficSeconds: parseWholeNumber('SYNC_GUARD_DEMO_TRAFFIC_SECONDS', 30, 86_400, 'a number of seconds'),
  };
}

/**
 * Reads local.settings.json and points every `.local/...` path at the state
 * folder, as absolute paths, so the host can run from any working directory.
 */
export function readLocalSettings(options: LocalHostOptions): Record<string, string> {
  const file = join(options.rootDirectory, 'local.settings.json');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} cannot be read as JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const parsed = localSettingsSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`${file} must contain an object with a "Values" object of string settings`);
  }
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed.data.Values)) {
    values[name] = value.replace(/(^|sqlite:)\.local\//, (_match, prefix: string) => `${prefix}${options.stateDirectory}/`);
  }
  return values;
}
