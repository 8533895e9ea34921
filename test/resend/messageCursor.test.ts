import { decodeMessageCursor, encodeMessageCursor } from '../../src/resend/messageCursor';
import { ServiceError } from '../../src/shared/errors';

describe('message cursor', () => {
  it('round-trips time and id', () => {
    const cursor = { timestamp: new Date('2026-10-25T01:30:00.123Z'), id: 9_007_199_254_740_991 };

    const decoded = decodeMessageCursor(encodeMessageCursor(cursor));

    expect(decoded).toEqual(cursor);
  });

  it('encodes base64url JSON', () => {
    const text = encodeMessageCursor({ timestamp: new Date('2026-11-27T00:00:00.000Z'), id: 42 });

    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))).toEqual({ t: '2026-11-27T00:00:00.000Z', id: '42' });
  });

  it.each([
    ['not base64url', 'abc$%'],
    ['not JSON', Buffer.from('not json').toString('base64url')],
    ['missing id', Buffer.from('{"t":"2026-11-27T00:00:00.000Z"}').toString('base64url')],
    ['invalid time', Buffer.from('{"t":"yesterday","id":"1"}').toString('base64url')],
    ['numeric id', Buffer.from('{"t":"2026-11-27T00:00:00.000Z","id":1}').toString('base64url')],
    ['id with SQL', Buffer.from('{"t":"2026-11-27T00:00:00.000Z","id":"1 OR 1=1"}').toString('base64url')],
    ['extra field', Buffer.from('{"t":"2026-11-27T00:00:00.000Z","id":"1","x":1}').toString('base64url')],
    ['id beyond safe integers', Buffer.from('{"t":"2026-11-27T00:00:00.000Z","id":"9999999999999999"}').toString('base64url')],
    ['too long', 'a'.repeat(201)],
  ])('rejects %s', (_name, text) => {
    const act = () => decodeMessageCursor(text);

    expect(act).toThrow(ServiceError);
    expect(act).toThrow('"cursor"');
  });
});
