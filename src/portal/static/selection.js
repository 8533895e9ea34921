/**
 * The user's selection: explicit rows (kept across pages, with the
 * row data needed to send them oldest first), or "all N rows matching the
 * filters", which the server resolves.
 */
export class Selection {
  /** @type {Map<string, any>} */
  #rows = new Map();
  #matchingTotal = 0;

  /** True while "all matching rows" is selected. */
  get allMatching() {
    return this.#matchingTotal > 0;
  }

  /** How many rows a resend would send. */
  get size() {
    return this.allMatching ? this.#matchingTotal : this.#rows.size;
  }

  /** @param {string} id */
  has(id) {
    return this.allMatching || this.#rows.has(id);
  }

  /** @param {any} item a row from the API */
  add(item) {
    this.#rows.set(item.id, item);
  }

  /** @param {string} id */
  delete(id) {
    this.#rows.delete(id);
  }

  /**
   * Selects every row that matches the filters.
   * @param {number} total
   */
  selectMatching(total) {
    this.#matchingTotal = total;
  }

  /**
   * Leaves "all matching" for an explicit selection of the given rows.
   * @param {any[]} items
   */
  replaceWith(items) {
    this.clear();
    for (const item of items) {
      this.add(item);
    }
  }

  clear() {
    this.#rows.clear();
    this.#matchingTotal = 0;
  }

  /** Returns the explicit rows in sending order: oldest first, then by id. */
  rowsOldestFirst() {
    return [...this.#rows.values()].sort(compareOldestFirst);
  }

  /** @param {string} id */
  row(id) {
    return this.#rows.get(id);
  }
}

/** Orders rows as the server sends them: timestamp ascending, then numeric id ascending. */
export function compareOldestFirst(a, b) {
  const byTime = Date.parse(a.timestamp) - Date.parse(b.timestamp);
  if (byTime !== 0) {
    return byTime;
  }
  // Ids are decimal strings of any length: compare by length first, then as text.
  if (a.id.length !== b.id.length) {
    return a.id.length - b.id.length;
  }
  if (a.id === b.id) {
    return 0;
  }
  return a.id < b.id ? -1 : 1;
}
