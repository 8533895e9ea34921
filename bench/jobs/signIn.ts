import { createLocalTokenIssuer } from '../../src/auth/localTokenIssuer';

/**
 * Signs a bearer token for a customer's administrator with the local token
 * issuer, whose key set lands in `<authDirectory>/jwks.json`, the file that
 * `Auth__JwksFile` must name. Returns the Authorization header value.
 */
export async function signInAsAdministrator(
  settings: Record<string, string>,
  authDirectory: string,
  user: { id: string; email: string },
  customerId: string,
): Promise<string> {
  const issuer = await createLocalTokenIssuer({
    directory: authDirectory,
    issuer: settings.Auth__Issuer ?? '',
    audience: settings.Auth__Audience ?? '',
  });
  const { token } = await issuer.sign({ userId: user.id, customerId, role: 'customerAdministrator', name: 'Benchmark administrator', email: user.email });
  return `Bearer ${token}`;
}
