import { randomUUID } from 'node:crypto';
import BetterSqlite from 'better-sqlite3';

/** A message as a queue trigger receives it. */
export interface LocalQueueMessage {
  id: string;
  queueName: string;
  text: string;
  dequeueCount: number;
  insertedAt: Date;
  /** Receipt for this delivery; completing or releasing needs it. */
  popReceipt: string;
}

interface MessageRow {
  id: string;
  queue: string;
  text: string;
  dequeueCount: number;
  insertedAt: number;
  popReceipt: string;
}

/**
 * Durable queues for the local host, kept in one SQLite file, with Azure
 * Storage queue semantics. A received message is invisible for a visibility
 * timeout and its dequeue count rises on every delivery. A message that is
 * not deleted becomes visible again.
 */
export class LocalQueueStore {
  readonly #db: BetterSqlite.Database;

  /** @param file SQLite file, or ':memory:' */
  constructor(
    file: string,
    private readonly now: () => number = Date.now,
  ) {
    this.#db = new BetterSqlite(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.exec(`
      create table if not exists QueueMessages (
        id text primary key,
        queue text not null,
        text text not null,
        dequeueCount integer not null default 0,
        insertedAt integer not null,
        visibleAt integer not null,
        popReceipt text not null default ''
      );
      create index if not exists IX_QueueMessages_Visible on QueueMessages (queue, visibleAt, insertedAt);
    `);
  }

  /** Adds a message, visible after `delayMs` (default at once). */
  enqueue(queueName: string, text: string, delayMs = 0): string {
    const id = randomUUID();
    const now = this.now();
    this.#db
      .prepare('insert into QueueMessages (id, queue, text, insertedAt, visibleAt) values (?, ?, ?, ?, ?)')
      .run(id, queueName, text, now, now + delayMs);
    return id;
  }

  /** Adds many messages in one transaction. */
  enqueueMany(queueName: string, texts: readonly string[]): void {
    const insert = this.#db.transaction((items: readonly string[]) => {
      for (const text of items) {
        this.enqueue(queueName, text);
      }
    });
    insert(texts);
  }

  /** Receives up to `max` visible messages, hiding each for `visibilityTimeoutMs`. */
  receive(queueName: string, max: number, visibilityTimeoutMs: number): LocalQueueMessage[] {
    const receiveBatch = this.#db.transaction(() => {
      const now = this.now();
      const rows = this.#db
        .prepare('select id from QueueMessages where queue = ? and visibleAt <= ? order by insertedAt, rowid limit ?')
        .all(queueName, now, max) as { id: string }[];
      const update = this.#db.prepare(
        'update QueueMessages set dequeueCount = dequeueCount + 1, visibleAt = ?, popReceipt = ? where id = ? returning id, queue, text, dequeueCount, insertedAt, popReceipt',
      );
      return rows.map((row) => update.get(now + visibilityTimeoutMs, randomUUID(), row.id) as MessageRow);
    });
    return receiveBatch().map((row) => ({
      id: row.id,
      queueName: row.queue,
      text: row.text,
      dequeueCount: row.dequeueCount,
      insertedAt: new Date(row.insertedAt),
      popReceipt: row.popReceipt,
    }));
  }

  /** Deletes a delivered message; returns false when the receipt is stale (it was redelivered). */
  complete(message: LocalQueueMessage): boolean {
    const result = this.#db
      .prepare('delete from QueueMessages where id = ? and popReceipt = ?')
      .run(message.id, message.popReceipt);
    return result.changes === 1;
  }

  /** Makes a delivered message visible again after `delayMs`. */
  release(message: LocalQueueMessage, delayMs: number): void {
    this.#db
      .prepare('update QueueMessages set visibleAt = ? where id = ? and popReceipt = ?')
      .run(this.now() + delayMs, message.id, message.popReceipt);
  }

  /** Moves a message to another queue (the poison queue), keeping its text. */
  move(message: LocalQueueMessage, targetQueue: string): void {
    const moveMessage = this.#db.transaction(() => {
      this.#db.prepare('delete from QueueMessages where id = ? and popReceipt = ?').run(message.id, message.popReceipt);
      this.enqueue(targetQueue, message.text);
    });
    moveMessage();
  }

  /** Returns how many messages a queue has, visible or not. */
  count(queueName: string): number {
    const row = this.#db.prepare('select count(*) as n from QueueMessages where queue = ?').get(queueName) as { n: number };
    return row.n;
  }

  /** Returns the texts of a queue's messages, oldest first, for inspection. */
  peekAll(queueName: string): string[] {
    const rows = this.#db
      .prepare('select text from QueueMessages where queue = ? order by insertedAt, rowid')
      .all(queueName) as { text: string }[];
    return rows.map((row) => row.text);
  }

  close(): void {
    this.#db.close();
  }
}
