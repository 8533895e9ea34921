import { isStaleCheck, occurrenceFor } from '../../src/monitoring/checkSchedule';
import { parseNcrontab } from '../../src/shared/ncrontab';

const everyFiveMinutes = parseNcrontab('0 */5 * * * *');

describe('occurrenceFor', () => {
  it.each([
    ['on time', '2026-12-04T19:50:00.000Z', '2026-12-04T19:50:00.000Z'],
    ['late', '2026-12-04T19:53:59.000Z', '2026-12-04T19:50:00.000Z'],
    ['slightly early', '2026-12-04T19:54:59.400Z', '2026-12-04T19:55:00.000Z'],
  ])('timer run %s', (_case, now, expected) => {
    const occurrence = occurrenceFor(everyFiveMinutes, new Date(now));

    expect(occurrence.toISOString()).toBe(expected);
  });
});

describe('isStaleCheck', () => {
  it.each([
    ['just scheduled', '2026-12-04T19:50:01.000Z', false],
    ['one interval later', '2026-12-04T19:55:00.000Z', false],
    ['within the timeout after one interval', '2026-12-04T19:55:15.000Z', false],
    ['past interval and timeout', '2026-12-04T19:55:15.001Z', true],
    ['an hour later', '2026-12-04T20:50:00.000Z', true],
  ])('check %s', (_case, now, stale) => {
    const result = isStaleCheck(everyFiveMinutes, new Date('2026-12-04T19:50:00.000Z'), new Date(now), 15_000);

    expect(result).toBe(stale);
  });
});
