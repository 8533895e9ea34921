import { app } from '@azure/functions';
import { z } from 'zod';
import { resendFailedMessages as resendForCustomer } from '../resend/customerApi';
import { maxResendMessages } from '../resend/resendSelection';
import { authenticatedHandler } from './http/authenticatedHandler';
import { booleanBodyField, customerRouteParams, environmentField, guidField, instantField, messageIdField, strictObject } from './http/fields';
import { parseRouteParams, readJsonBody } from './http/requestInput';
import { jsonResponse } from './http/respond';

const idsMessage = `must be a list of 1 to ${maxResendMessages} message ids, such as ["123", "124"]`;

const filterSchema = strictObject({
  from: instantField,
  to: instantField,
  applicationId: guidField.optional(),
  environment: environmentField.optional(),
  includeResent: booleanBodyField.optional(),
});

const bodySchema = strictObject({
  ids: z.array(messageIdField, { error: idsMessage }).min(1, { error: idsMessage }).max(maxResendMessages, { error: idsMessage }).optional(),
  filter: filterSchema.optional(),
  continueOnFailure: booleanBodyField.optional(),
  ignoreOpenOutage: booleanBodyField.optional(),
}).superRefine((body, context) => {
  if ((body.ids === undefined) === (body.filter === undefined)) {
    context.addIssue({
      code: 'custom',
      path: [],
      message: 'send either "ids" (a list of message ids) or "filter" (with "from" and "to"), not both and not neither',
    });
  }
});

/** `POST /api/customers/{customerId}/failed-messages/resend`: resends selected messages in original order. */
export const resendFailedMessages = authenticatedHandler(async ({ request, caller }) => {
  const { customerId } = parseRouteParams(request, customerRouteParams);
  const body = await readJsonBody(request, bodySchema);
  const report = await resendForCustomer(caller, customerId, { ...body, ids: body.ids?.map(Number) });
  return jsonResponse(200, report);
});

app.http('resendFailedMessages', {
  methods: ['POST'],
  route: 'customers/{customerId}/failed-messages/resend',
  // Anonymous for the Functions host only: authenticatedHandler verifies the bearer token in code.
  authLevel: 'anonymous',
  handler: resendFailedMessages,
});
