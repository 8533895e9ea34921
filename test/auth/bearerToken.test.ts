import { readBearerToken } from '../../src/auth/bearerToken';
import { ServiceError } from '../../src/shared/errors';

function messageOf(header: string | null): string {
  try {
    readBearerToken(header);
  } catch (error) {
    if (error instanceof ServiceError && error.kind === 'unauthenticated') {
      return error.message;
    }
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('readBearerToken', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc.def.ghi', 'abc.def.ghi'],
    ['  Bearer   abc.def.ghi  ', 'abc.def.ghi'],
  ])('reads %j', (header, expected) => {
    const token = readBearerToken(header);

    expect(token).toBe(expected);
  });

  it.each([
    ['missing', null, 'missing'],
    ['empty', '  ', 'missing'],
    ['basic scheme', 'Basic dXNlcjpwYXNz', 'malformed'],
    ['no token', 'Bearer', 'malformed'],
    ['two tokens', 'Bearer one two', 'malformed'],
  ])('rejects a %s header', (_name, header, expected) => {
    const message = messageOf(header);

    expect(message).toContain(expected);
    expect(message).not.toContain('dXNlcjpwYXNz');
  });
});
