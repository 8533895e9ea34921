/** Roles a token can carry: a customer's administrator, or the vendor's support staff who act for any customer. */
export const userRoles = ['customerAdministrator', 'vendorSupport'] as const;
export type UserRole = (typeof userRoles)[number];

/** The signed-in user, read from a verified bearer token. */
export interface Principal {
  /** User id (the token's `sub`), a lower-case GUID. */
  userId: string;
  /** The user's customer as a lower-case GUID; null for vendor support. */
  customerId: string | null;
  role: UserRole;
  name: string;
  email: string;
}

/** Returns how audit rows name the user: the email address, or the user id when the token has none. */
export function auditNameOf(principal: Principal): string {
  return principal.email.trim() === '' ? principal.userId : principal.email.trim();
}
