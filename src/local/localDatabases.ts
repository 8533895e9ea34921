import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import { portalMigrations } from '../data/migrations/portalMigrations';
import { migrateToLatest } from '../data/migrateDatabase';
import { openDatabase, type DatabaseHandle } from '../data/openDatabase';
import type { PortalDatabase } from '../data/portalSchema';
import { describeError } from '../shared/errors';

/** Raised when local state cannot be used; the message tells the user how to start over. */
export class LocalStateError extends Error {
  constructor(message: string, cause: unknown) {
    super(`${message}: ${describeError(cause)}. Start over with "npm run reset" (deletes .local), then "npm start".`, { cause });
    this.name = 'LocalStateError';
  }
}

/**
 * Opens the local License Portal database, creating and migrating it when
 * new. Returns whether it was empty, which means the demo needs seeding.
 */
export async function openLocalPortal(file: string): Promise<{ handle: DatabaseHandle<PortalDatabase>; isNew: boolean }> {
  mkdirSync(dirname(file), { recursive: true });
  const existed = existsSync(file);
  let handle: DatabaseHandle<PortalDatabase>;
  try {
    handle = await openDatabase<PortalDatabase>(`sqlite:${file}`);
    await migrateToLatest(handle.db as Kysely<unknown>, portalMigrations('sqlite'));
  } catch (error) {
    throw new LocalStateError(`The local database ${file} cannot be opened or upgraded`, error);
  }
  const customers = await handle.db.selectFrom('Customers').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst();
  return { handle, isNew: !existed || Number(customers?.count ?? 0) === 0 };
}
