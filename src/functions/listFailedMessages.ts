import { app } from '@azure/functions';
import { z } from 'zod';
import { getFailedMessagePage } from '../resend/customerApi';
import { defaultPageSize, maxPageSize } from '../resend/failedMessages';
import { authenticatedHandler } from './http/authenticatedHandler';
import { booleanQueryField, customerRouteParams, environmentField, guidField, instantField, strictObject } from './http/fields';
import { parseQuery, parseRouteParams } from './http/requestInput';
import { jsonResponse } from './http/respond';

const pageSizeMessage = `must be a whole number from 1 to ${maxPageSize}`;

const querySchema = strictObject({
  from: instantField.optional(),
  to: instantField.optional(),
  applicationId: guidField.optional(),
  environment: environmentField.optional(),
  includeResent: booleanQueryField.optional(),
  pageSize: z
    .string()
    .regex(/^[0-9]{1,4}$/, { error: pageSizeMessage })
    .transform(Number)
    .pipe(z.number().min(1, { error: pageSizeMessage }).max(maxPageSize, { error: pageSizeMessage }))
    .optional(),
  cursor: z.string().optional(),
});

/** `GET /api/customers/{customerId}/failed-messages`: one page of failed outgoing messages, newest first. */
export const listFailedMessages = authenticatedHandler(async ({ request, caller }) => {
  const { customerId } = parseRouteParams(request, customerRouteParams);
  const query = parseQuery(request, querySchema);
  const page = await getFailedMessagePage(caller, customerId, { ...query, pageSize: query.pageSize ?? defaultPageSize });
  return jsonResponse(200, page);
});

app.http('listFailedMessages', {
  methods: ['GET'],
  route: 'customers/{customerId}/failed-messages',
  // Anonymous for the Functions host only: authenticatedHandler verifies the bearer token in code.
  authLevel: 'anonymous',
  handler: listFailedMessages,
});
