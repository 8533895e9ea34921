import { app } from '@azure/functions';
import { getMessageResends } from '../resend/customerApi';
import { authenticatedHandler } from './http/authenticatedHandler';
import { customerRouteParams, messageIdField } from './http/fields';
import { parseRouteParams } from './http/requestInput';
import { jsonResponse } from './http/respond';

const paramsSchema = customerRouteParams.extend({ id: messageIdField });

/** `GET /api/customers/{customerId}/failed-messages/{id}/resends`: who resent a message, when, and the outcome. */
export const listMessageResends = authenticatedHandler(async ({ request, caller }) => {
  const { customerId, id } = parseRouteParams(request, paramsSchema);
  return jsonResponse(200, { items: await getMessageResends(caller, customerId, Number(id)) });
});

app.http('listMessageResends', {
  methods: ['GET'],
  route: 'customers/{customerId}/failed-messages/{id}/resends',
  // Anonymous for the Functions host only: authenticatedHandler verifies the bearer token in code.
  authLevel: 'anonymous',
  handler: listMessageResends,
});
