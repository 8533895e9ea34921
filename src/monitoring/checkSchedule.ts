import { intervalAt, type NcrontabSchedule } from '../shared/ncrontab';

/**
 * Tolerance for a timer that fires early, in milliseconds: a run up to this
 * much before an occurrence counts as that occurrence's run. Timers fire at
 * or just after their occurrence, and this absorbs clock differences between
 * the scheduler and this process.
 */
const earlyFireToleranceMs = 1000;

/** Returns the schedule occurrence that a timer run at `now` is for. */
export function occurrenceFor(schedule: NcrontabSchedule, now: Date): Date {
  // On schedules of a few seconds the tolerance shrinks, so that it never reaches the next occurrence.
  const tolerance = Math.min(earlyFireToleranceMs, intervalAt(schedule, now) / 4);
  return schedule.previousAtOrBefore(new Date(now.getTime() + tolerance));
}

/**
 * Returns whether a check scheduled for `scheduledFor` is too old to run at
 * `now`: older than one schedule interval plus the check timeout, so a later
 * occurrence has been enqueued already.
 */
export function isStaleCheck(schedule: NcrontabSchedule, scheduledFor: Date, now: Date, checkTimeoutMs: number): boolean {
  const maxAgeMs = intervalAt(schedule, scheduledFor) + checkTimeoutMs;
  return now.getTime() - scheduledFor.getTime() > maxAgeMs;
}
