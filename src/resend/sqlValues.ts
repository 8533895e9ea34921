import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { DatabaseEngine } from '../data/openDatabase';

/**
 * Returns an instant as a SQL value that compares exactly with the stored
 * times. Kysely 0.28 binds a `Date` as SQL Server `datetime`, which rounds to
 * 1/300 second, so on SQL Server the time is sent as text cast to
 * `datetime2(3)`. SQLite stores times as ISO 8601 text, which sorts in time order.
 */
export function exactTime(engine: DatabaseEngine, at: Date): RawBuilder<Date> {
  const iso = at.toISOString();
  return engine === 'mssql' ? sql<Date>`cast(${iso.slice(0, 23)} as datetime2(3))` : sql<Date>`${iso}`;
}

/** Returns a function for `$call` that keeps the first `count` rows: `top` on SQL Server, `limit` on SQLite. */
export function firstRows(engine: DatabaseEngine, count: number) {
  return <DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> =>
    engine === 'mssql' ? query.top(count) : query.limit(count);
}

/** Converts a `count(*)` value, which SQL Server may return as text or bigint, to a number. */
export function toCount(value: number | string | bigint): number {
  return Number(value);
}
