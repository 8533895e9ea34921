import { z } from 'zod';
import { toGuid } from '../data/rowValues';
import { userRoles, type Principal } from './principal';

// Identity providers add their own claims (iat, nbf, jti, ...), so extra claims are allowed.
const tokenClaimsSchema = z.object({
  sub: z.guid({ error: 'must be the user id as a GUID' }),
  customer_id: z.guid({ error: 'must be a customer id as a GUID' }).nullish(),
  role: z.enum(userRoles, { error: `must be one of ${userRoles.join(', ')}` }),
  name: z.string({ error: 'must be the user\'s display name' }),
  email: z.string({ error: 'must be the user\'s email address' }),
});

/**
 * Reads the principal from a verified token's payload. Returns a problem
 * naming the claim when a claim is missing or invalid, or when a customer
 * administrator's token has no customer id.
 */
export function parseTokenClaims(payload: unknown): { ok: true; principal: Principal } | { ok: false; problem: string } {
  const parsed = tokenClaimsSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const claim = issue?.path.join('.') || 'claims';
    return { ok: false, problem: `the "${claim}" claim ${issue?.message ?? 'is invalid'}` };
  }

  const claims = parsed.data;
  const customerId = claims.customer_id ? toGuid(claims.customer_id) : null;
  if (claims.role === 'customerAdministrator' && customerId === null) {
    return { ok: false, problem: 'the "customer_id" claim is required for the customerAdministrator role' };
  }
  return {
    ok: true,
    principal: { userId: toGuid(claims.sub), customerId, role: claims.role, name: claims.name, email: claims.email },
  };
}
