/** Converters from the raw values either engine returns to the types the service uses. */

/** Converts a datetime2 (`Date`) or SQLite ISO text value to a `Date`. */
export function toDate(value: Date | string): Date {
  if (value instanceof Date) {
    return value;
  }
  const parsed = new Date(value.endsWith('Z') || value.includes('+') ? value : `${value}Z`);
  if (Number.isNaN(parsed.getTime())) {
    throw new Error(`Invalid stored time "${value}": expected ISO 8601 UTC text`);
  }
  return parsed;
}

/** Like {@link toDate}, keeping null. */
export function toNullableDate(value: Date | string | null): Date | null {
  return value === null ? null : toDate(value);
}

/** Converts a bit (`boolean`) or SQLite 0/1 value to a boolean. */
export function toFlag(value: boolean | number): boolean {
  return value === true || value === 1;
}

/** Normalises a GUID to lower case: SQL Server returns upper case, callers may send either. */
export function toGuid(value: string): string {
  return value.toLowerCase();
}

/** Converts an identity key (bigint text from SQL Server, a number from SQLite) to decimal text. */
export function toIdText(value: number | string): string {
  return String(value);
}
