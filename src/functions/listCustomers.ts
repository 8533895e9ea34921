import { app } from '@azure/functions';
import { listCustomersFor } from '../resend/customerApi';
import { authenticatedHandler } from './http/authenticatedHandler';
import { jsonResponse } from './http/respond';

/** `GET /api/customers`: all active customers for vendor support, the user's own for an administrator. */
export const listCustomers = authenticatedHandler(async ({ caller }) => {
  return jsonResponse(200, { customers: await listCustomersFor(caller) });
});

app.http('listCustomers', {
  methods: ['GET'],
  route: 'customers',
  // Anonymous for the Functions host only: authenticatedHandler verifies the bearer token in code.
  authLevel: 'anonymous',
  handler: listCustomers,
});
