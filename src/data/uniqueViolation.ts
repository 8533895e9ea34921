/** SQL Server error numbers of a duplicate key: 2601 for a unique index, 2627 for a unique or primary key constraint. */
const sqlServerDuplicateKeyNumbers = new Set([2601, 2627]);

/** SQLite result codes of a duplicate key. */
const sqliteDuplicateKeyCodes = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/**
 * Returns whether a database error, or one of its causes, is a unique-key
 * violation on SQL Server or SQLite. Inserts guarded by a unique index use
 * it to tell "another writer got there first" from a real failure.
 */
export function isUniqueViolation(error: unknown): boolean {
  // Drivers' errors are checked by shape, not `instanceof`: a native driver's
  // error class may come from another realm (as under Jest's module sandbox).
  let current: unknown = error;
  for (let depth = 0; typeof current === 'object' && current !== null && depth < 4; depth += 1) {
    const number: unknown = Reflect.get(current, 'number');
    const code: unknown = Reflect.get(current, 'code');
    if ((typeof number === 'number' && sqlServerDuplicateKeyNumbers.has(number)) || (typeof code === 'string' && sqliteDuplicateKeyCodes.has(code))) {
      return true;
    }
    current = Reflect.get(current, 'cause');
  }
  return false;
}
