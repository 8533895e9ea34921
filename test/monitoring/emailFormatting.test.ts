import { escapeHtml, formatDuration, formatTimeInZone, isKnownTimeZone } from '../../src/monitoring/emailFormatting';

describe('formatTimeInZone', () => {
  it.each([
    ['London in winter', '2026-12-04T19:52:00Z', 'Europe/London', '4 Dec 2026, 19:52 GMT (Europe/London)'],
    ['London in summer', '2026-07-04T19:52:00Z', 'Europe/London', '4 Jul 2026, 20:52 BST (Europe/London)'],
    ['London after the autumn change', '2026-10-25T01:30:00Z', 'Europe/London', '25 Oct 2026, 01:30 GMT (Europe/London)'],
    ['Sydney across midnight', '2026-12-04T19:52:00Z', 'Australia/Sydney', '5 Dec 2026, 06:52 GMT+11 (Australia/Sydney)'],
    ['UTC', '2026-12-04T19:52:00Z', 'UTC', '4 Dec 2026, 19:52 UTC (UTC)'],
  ])('formats %s', (_case, time, zone, expected) => {
    const text = formatTimeInZone(new Date(time), zone);

    expect(text).toBe(expected);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, 'less than a minute'],
    [59_999, 'less than a minute'],
    [600_000, '10 min'],
    [3_600_000, '1 h'],
    [93_900_000, '1 day 2 h 5 min'],
    [2 * 86_400_000, '2 days'],
  ])('formats %i ms', (milliseconds, expected) => {
    const text = formatDuration(milliseconds);

    expect(text).toBe(expected);
  });
});

describe('escapeHtml', () => {
  it('escapes markup and quotes', () => {
    const escaped = escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`);

    expect(escaped).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;');
  });
});

describe('isKnownTimeZone', () => {
  it.each([
    ['Europe/London', true],
    ['America/Chicago', true],
    ['Mars/Olympus', false],
    ['', false],
  ])('%s known is %p', (zone, known) => {
    const result = isKnownTimeZone(zone);

    expect(result).toBe(known);
  });
});
