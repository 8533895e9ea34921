/**
 * Maps items with an async function, running at most `limit` calls at a
 * time, and returns the results in the items' order. A rejection rejects the
 * whole map, so callers that must go on catch inside `map`.
 */
export async function mapWithConcurrency<Item, Result>(
  items: readonly Item[],
  limit: number,
  map: (item: Item, index: number) => Promise<Result>,
): Promise<Result[]> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`Concurrency limit must be a positive integer, not ${limit}`);
  }

  const results = new Array<Result>(items.length);
  // The workers share one iterator, so each item is taken by exactly one worker.
  const entries = items.entries();
  const worker = async (): Promise<void> => {
    for (const [index, item] of entries) {
      results[index] = await map(item, index);
    }
  };

  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
