/**
 * A parsed six-field NCRONTAB schedule (`second minute hour day month weekday`),
 * the format of Azure Functions timer triggers, evaluated in UTC.
 */
export interface NcrontabSchedule {
  readonly expression: string;
  /** Returns the first occurrence strictly after `after`. */
  nextAfter(after: Date): Date;
  /** Returns the latest occurrence at or before `at`. */
  previousAtOrBefore(at: Date): Date;
}

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
}

const fieldSpecs: readonly FieldSpec[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'weekday', min: 0, max: 6 },
];

function parseField(text: string, spec: FieldSpec): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const match = /^(\*|\d+(?:-\d+)?)(?:\/(\d+))?$/.exec(part);
    if (!match) {
      throw new Error(`Invalid ${spec.name} field "${text}" in NCRONTAB expression`);
    }
    const range = match[1] ?? '*';
    const step = match[2] === undefined ? 1 : Number(match[2]);
    let low = spec.min;
    let high = spec.max;
    if (range !== '*') {
      const [first, last] = range.split('-').map(Number);
      low = first ?? spec.min;
      high = last ?? (match[2] === undefined ? low : spec.max);
    }
    if (step < 1 || low < spec.min || high > spec.max || low > high) {
      throw new Error(`The ${spec.name} field "${text}" is out of range ${spec.min}-${spec.max}`);
    }
    for (let value = low; value <= high; value += step) {
      values.add(value);
    }
  }
  return values;
}

/**
 * Parses a six-field NCRONTAB expression such as `0 *\/5 * * * *`.
 * Throws an error naming the bad field. Names of months and days are not supported.
 */
export function parseNcrontab(expression: string): NcrontabSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 6) {
    throw new Error(`NCRONTAB expression "${expression}" must have six fields: second minute hour day month weekday`);
  }
  const [seconds, minutes, hours, days, months, weekdays] = fieldSpecs.map((spec, index) =>
    parseField(parts[index] ?? '', spec),
  ) as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];

  const matches = (candidate: Date): boolean =>
    seconds.has(candidate.getUTCSeconds()) &&
    minutes.has(candidate.getUTCMinutes()) &&
    hours.has(candidate.getUTCHours()) &&
    days.has(candidate.getUTCDate()) &&
    months.has(candidate.getUTCMonth() + 1) &&
    weekdays.has(candidate.getUTCDay());

  // Scanning second by second is simple and fast enough: a schedule that fires
  // at least once a day needs at most 86,400 steps, and the search is capped.
  const maxSteps = 366 * 24 * 60 * 60;

  const search = (start: Date, direction: 1 | -1): Date => {
    let time = Math.floor(start.getTime() / 1000) * 1000;
    for (let step = 0; step < maxSteps; step += 1) {
      const candidate = new Date(time);
      if (matches(candidate)) {
        return candidate;
      }
      time += direction * 1000;
    }
    throw new Error(`NCRONTAB expression "${expression}" has no occurrence within a year`);
  };

  return {
    expression,
    nextAfter: (after) => search(new Date(Math.floor(after.getTime() / 1000) * 1000 + 1000), 1),
    previousAtOrBefore: (at) => search(at, -1),
  };
}

/** Returns the time between the occurrence at or before `at` and the next one, in milliseconds. */
export function intervalAt(schedule: NcrontabSchedule, at: Date): number {
  const previous = schedule.previousAtOrBefore(at);
  return schedule.nextAfter(previous).getTime() - previous.getTime();
}
