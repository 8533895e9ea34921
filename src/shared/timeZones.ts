/** Returns whether an IANA time zone name is known to this runtime. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    // RangeError for an unknown zone: callers report it or fall back to a default.
    return false;
  }
}
