import { validationError } from '../shared/errors';

const dayMs = 24 * 60 * 60 * 1000;

/** A half-open interval of instants: `from` inclusive, `to` exclusive. */
export interface TimeRange {
  from: Date;
  to: Date;
}

/** Options of {@link resolveTimeRange}. */
export interface TimeRangeRules {
  now: Date;
  /** Length of the range when `from` is not given, in days. */
  defaultDays: number;
  /** Longest accepted range, in days. */
  maxDays: number;
}

/**
 * Applies defaults and limits to a requested range: `to` defaults to now and
 * `from` to `defaultDays` before `to`. Instants are used exactly as given,
 * so a day that daylight saving makes 23 or 25 hours long needs no special
 * case here. Throws a `validation` error naming `from` when the range is
 * empty or longer than `maxDays`.
 */
export function resolveTimeRange(requested: { from?: Date; to?: Date }, rules: TimeRangeRules, fieldPrefix = ''): TimeRange {
  const to = requested.to ?? rules.now;
  const from = requested.from ?? new Date(to.getTime() - rules.defaultDays * dayMs);
  if (from.getTime() >= to.getTime()) {
    throw validationError(
      `Parameter "${fieldPrefix}from" (${from.toISOString()}) must be earlier than "${fieldPrefix}to" (${to.toISOString()}), which is exclusive.`,
    );
  }
  if (to.getTime() - from.getTime() > rules.maxDays * dayMs) {
    throw validationError(
      `The range from "${fieldPrefix}from" (${from.toISOString()}) to "${fieldPrefix}to" (${to.toISOString()}) is longer than ${rules.maxDays} days; choose a shorter range.`,
    );
  }
  return { from, to };
}
