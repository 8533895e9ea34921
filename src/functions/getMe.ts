import { app } from '@azure/functions';
import { authenticatedHandler } from './http/authenticatedHandler';
import { jsonResponse } from './http/respond';

/** `GET /api/me`: the signed-in user as the token describes them. */
export const getMe = authenticatedHandler(({ caller }) => {
  const { userId, customerId, role, name, email } = caller.principal;
  return Promise.resolve(jsonResponse(200, { userId, customerId, role, name, email }));
});

app.http('getMe', {
  methods: ['GET'],
  route: 'me',
  // Anonymous for the Functions host only: authenticatedHandler verifies the bearer token in code.
  authLevel: 'anonymous',
  handler: getMe,
});
