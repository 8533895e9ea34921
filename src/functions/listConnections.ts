import { app } from '@azure/functions';
import { getConnectionStatuses } from '../resend/customerApi';
import { authenticatedHandler } from './http/authenticatedHandler';
import { customerRouteParams } from './http/fields';
import { parseRouteParams } from './http/requestInput';
import { jsonResponse } from './http/respond';

/** `GET /api/customers/{customerId}/connections`: each application and environment with its state. */
export const listConnections = authenticatedHandler(async ({ request, caller }) => {
  const { customerId } = parseRouteParams(request, customerRouteParams);
  return jsonResponse(200, { connections: await getConnectionStatuses(caller, customerId) });
});

app.http('listConnections', {
  methods: ['GET'],
  route: 'customers/{customerId}/connections',
  // Anonymous for the Functions host only: authenticatedHandler verifies the bearer token in code.
  authLevel: 'anonymous',
  handler: listConnections,
});
