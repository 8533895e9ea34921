import { z } from 'zod';
import { validationError } from '../shared/errors';

/** Position after the last row of a page: its timestamp and id, the grid's sort key. */
export interface MessageCursor {
  timestamp: Date;
  id: number;
}

const cursorSchema = z.strictObject({
  t: z.iso.datetime(),
  id: z.string().regex(/^[1-9][0-9]{0,15}$/),
});

/** Encodes a cursor as base64url JSON `{ t, id }`, opaque to clients. */
export function encodeMessageCursor(cursor: MessageCursor): string {
  return Buffer.from(JSON.stringify({ t: cursor.timestamp.toISOString(), id: String(cursor.id) }), 'utf8').toString('base64url');
}

/** Decodes a cursor from {@link encodeMessageCursor}, or throws a `validation` error naming `cursor`. */
export function decodeMessageCursor(text: string): MessageCursor {
  const invalid = () => validationError('Query parameter "cursor" is invalid: pass the nextCursor value of the previous page unchanged, or omit it for the first page.');
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) {
    throw invalid();
  }

  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    // Not JSON after decoding: the client changed or truncated the cursor.
    throw invalid();
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success || !Number.isSafeInteger(Number(parsed.data.id))) {
    throw invalid();
  }
  return { timestamp: new Date(parsed.data.t), id: Number(parsed.data.id) };
}
