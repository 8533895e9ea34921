import { resolveTimeRange } from '../../src/resend/timeRange';

const rules = { now: new Date('2026-11-27T12:00:00.000Z'), defaultDays: 7, maxDays: 366 };

describe('resolveTimeRange', () => {
  it('defaults to the days before now', () => {
    const range = resolveTimeRange({}, rules);

    expect(range).toEqual({ from: new Date('2026-11-20T12:00:00.000Z'), to: new Date('2026-11-27T12:00:00.000Z') });
  });

  it('counts the default back from to', () => {
    const range = resolveTimeRange({ to: new Date('2026-03-30T00:00:00.000Z') }, rules);

    expect(range.from).toEqual(new Date('2026-03-23T00:00:00.000Z'));
  });

  it('keeps given instants exactly', () => {
    const from = new Date('2026-10-24T23:00:00.000Z');
    const to = new Date('2026-10-26T00:00:00.000Z');

    const range = resolveTimeRange({ from, to }, rules);

    expect(range).toEqual({ from, to });
  });

  it('accepts exactly the maximum', () => {
    const range = resolveTimeRange({ from: new Date('2025-11-26T12:00:00.000Z') }, rules);

    expect(range.from).toEqual(new Date('2025-11-26T12:00:00.000Z'));
  });

  it.each([
    ['an empty range', { from: new Date('2026-11-27T00:00:00.000Z'), to: new Date('2026-11-27T00:00:00.000Z') }, 'must be earlier than'],
    ['from after to', { from: new Date('2026-11-28T00:00:00.000Z'), to: new Date('2026-11-27T00:00:00.000Z') }, 'must be earlier than'],
    ['a range over the maximum', { from: new Date('2025-11-26T11:59:59.999Z') }, 'longer than 366 days'],
  ])('rejects %s', (_name, requested, expected) => {
    const act = () => resolveTimeRange(requested, rules, 'filter.');

    expect(act).toThrow(expected);
    expect(act).toThrow('"filter.from"');
  });
});
