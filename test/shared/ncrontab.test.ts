import { intervalAt, parseNcrontab } from '../../src/shared/ncrontab';

describe('parseNcrontab', () => {
  it.each([
    ['0 */5 * * * *', '2026-12-04T10:02:30.000Z', '2026-12-04T10:05:00.000Z'],
    ['*/30 * * * * *', '2026-12-04T10:00:29.999Z', '2026-12-04T10:00:30.000Z'],
    ['0 0 9 * * 1-5', '2026-12-04T09:00:00.000Z', '2026-12-07T09:00:00.000Z'],
    ['0 15,45 * * * *', '2026-12-04T10:20:00.000Z', '2026-12-04T10:45:00.000Z'],
  ])('finds the next occurrence of %s', (expression, after, expected) => {
    const schedule = parseNcrontab(expression);

    expect(schedule.nextAfter(new Date(after)).toISOString()).toBe(expected);
  });

  it('finds the occurrence at or before a time', () => {
    const schedule = parseNcrontab('0 */5 * * * *');

    expect(schedule.previousAtOrBefore(new Date('2026-12-04T10:04:59.000Z')).toISOString()).toBe('2026-12-04T10:00:00.000Z');
    expect(schedule.previousAtOrBefore(new Date('2026-12-04T10:05:00.000Z')).toISOString()).toBe('2026-12-04T10:05:00.000Z');
  });

  it('measures the interval', () => {
    expect(intervalAt(parseNcrontab('0 */5 * * * *'), new Date('2026-12-04T10:02:00Z'))).toBe(300_000);
  });

  it.each([
    ['*/5 * * * *', 'six fields'],
    ['0 61 * * * *', 'minute field'],
    ['0 */0 * * * *', 'minute field'],
    ['0 * * * JAN *', 'month field'],
  ])('rejects %s', (expression, expected) => {
    expect(() => parseNcrontab(expression)).toThrow(expected);
  });
});
