import { ServiceError } from '../shared/errors';

/**
 * Returns the token of an `Authorization: Bearer <token>` header value, or
 * throws an `unauthenticated` error saying whether the header is missing or
 * malformed. The header's value is never repeated in the message.
 */
export function readBearerToken(authorization: string | null): string {
  if (authorization === null || authorization.trim() === '') {
    throw new ServiceError('unauthenticated', 'The Authorization header is missing; send "Authorization: Bearer <token>" with a token from the sign-in.');
  }
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(authorization.trim());
  if (!match?.[1]) {
    throw new ServiceError('unauthenticated', 'The Authorization header is malformed; expected "Bearer <token>" with one token and no other scheme.');
  }
  return match[1];
}
