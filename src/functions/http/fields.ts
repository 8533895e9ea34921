import { z } from 'zod';
import { environments } from '../../data/environments';

/**
 * Schemas of the parameters that several routes share. Each message completes
 * the sentence `Query parameter "x" ...`, so it names what the parameter accepts.
 */

/** A GUID, returned in lower case. */
export const guidField = z
  .string({ error: 'must be a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301' })
  .trim()
  .pipe(z.guid({ error: 'must be a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301' }))
  .transform((value) => value.toLowerCase());

/** An ISO 8601 instant with a zone (Z or an offset), returned as a Date. */
export const instantField = z
  .string({ error: 'must be an ISO 8601 time with a zone, such as 2026-11-27T00:00:00.000Z' })
  .pipe(z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with a zone, such as 2026-11-27T00:00:00.000Z' }))
  .transform((value) => new Date(value));

/** `Live` or `Test`, in that spelling. */
export const environmentField = z.enum(environments, { error: `must be one of ${environments.join(', ')}` });

/** `true` or `false` in a query string. */
export const booleanQueryField = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .transform((value) => value === 'true');

/** A boolean in a JSON body. */
export const booleanBodyField = z.boolean({ error: 'must be true or false (a JSON boolean)' });

/** Largest message-log id the API accepts: ids are bound as JavaScript numbers. */
const maxMessageId = Number.MAX_SAFE_INTEGER;

/** A message-log id as decimal text, such as "123". */
export const messageIdField = z
  .string({ error: 'must be a message id as a string of digits, such as "123"' })
  .regex(/^[1-9][0-9]{0,15}$/, { error: 'must be a message id as a string of digits, such as "123"' })
  .refine((value) => Number(value) <= maxMessageId, { error: `must be a message id no larger than ${maxMessageId}` });

/**
 * Returns a strict object schema whose message for unknown fields lists the
 * accepted ones, so a typing error in a field name is rejected with the fix.
 */
export function strictObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const accepted = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `the accepted ones are ${accepted}` : 'must be a JSON object'),
  });
}

/** Route parameters of every route under `customers/{customerId}`. */
export const customerRouteParams = z.object({ customerId: guidField });
