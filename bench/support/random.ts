export { createRandom } from '../../src/shared/random';

/** Returns a GUID-shaped, lower-case id built from a prefix digit and a number, such as `c0000000-0000-4000-8000-000000000042`. */
export function benchGuid(prefix: string, index: number): string {
  return `${prefix.padEnd(8, '0').slice(0, 8)}-0000-4000-8000-${String(index).padStart(12, '0')}`;
}

/** Returns the items in a random order drawn from the given random source. */
export function shuffled<Item>(items: readonly Item[], random: () => number): Item[] {
  return items
    .map((item) => ({ item, key: random() }))
    .sort((a, b) => a.key - b.key)
    .map((entry) => entry.item);
}
