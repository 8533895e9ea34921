import { app } from '@azure/functions';
import { getSyncLogs } from '../resend/customerApi';
import { authenticatedHandler } from './http/authenticatedHandler';
import { customerRouteParams, instantField, strictObject } from './http/fields';
import { parseQuery, parseRouteParams } from './http/requestInput';
import { jsonResponse } from './http/respond';

const querySchema = strictObject({ from: instantField.optional(), to: instantField.optional() });

/** `GET /api/customers/{customerId}/sync-logs`: the outages that overlap a range, newest first. */
export const listSyncLogs = authenticatedHandler(async ({ request, caller }) => {
  const { customerId } = parseRouteParams(request, customerRouteParams);
  const query = parseQuery(request, querySchema);
  return jsonResponse(200, { items: await getSyncLogs(caller, customerId, query) });
});

app.http('listSyncLogs', {
  methods: ['GET'],
  route: 'customers/{customerId}/sync-logs',
  // Anonymous for the Functions host only: authenticatedHandler verifies the bearer token in code.
  authLevel: 'anonymous',
  handler: listSyncLogs,
});
