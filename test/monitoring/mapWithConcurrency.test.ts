import { mapWithConcurrency } from '../../src/monitoring/mapWithConcurrency';

describe('mapWithConcurrency', () => {
  it('keeps the order of items', async () => {
    const items = [3, 1, 2, 0];

    const results = await mapWithConcurrency(items, 2, async (item) => {
      await new Promise((resolve) => setTimeout(resolve, item));
      return item * 2;
    });

    expect(results).toEqual([6, 2, 4, 0]);
  });

  it.each([1, 3, 8])('runs at most %i at a time', async (limit) => {
    let running = 0;
    let maxRunning = 0;
    const seen: number[] = [];

    await mapWithConcurrency(Array.from({ length: 10 }, (_, index) => index), limit, async (item) => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await Promise.resolve();
      await Promise.resolve();
      seen.push(item);
      running -= 1;
    });

    expect(maxRunning).toBe(limit);
    expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('maps an empty list', async () => {
    const results = await mapWithConcurrency([], 4, () => Promise.resolve(1));

    expect(results).toEqual([]);
  });

  it.each([0, -1, 1.5])('rejects limit %p', async (limit) => {
    const mapping = mapWithConcurrency([1], limit, () => Promise.resolve(1));

    await expect(mapping).rejects.toThrow(`Concurrency limit must be a positive integer, not ${limit}`);
  });
});
