import { app } from '@azure/functions';
import { runConnectionTest } from '../resend/customerApi';
import { authenticatedHandler } from './http/authenticatedHandler';
import { customerRouteParams, environmentField, guidField } from './http/fields';
import { parseRouteParams } from './http/requestInput';
import { jsonResponse } from './http/respond';

const paramsSchema = customerRouteParams.extend({ applicationId: guidField, environment: environmentField });

/** `POST /api/customers/{customerId}/connections/{applicationId}/{environment}/test`: tests one connection now. */
export const testConnection = authenticatedHandler(async ({ request, caller }) => {
  const { customerId, applicationId, environment } = parseRouteParams(request, paramsSchema);
  return jsonResponse(200, await runConnectionTest(caller, customerId, applicationId, environment));
});

app.http('testConnection', {
  methods: ['POST'],
  route: 'customers/{customerId}/connections/{applicationId}/{environment}/test',
  // Anonymous for the Functions host only: authenticatedHandler verifies the bearer token in code.
  authLevel: 'anonymous',
  handler: testConnection,
});
