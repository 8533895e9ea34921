import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { createLocalTokenIssuer } from '../../src/auth/localTokenIssuer';
import { createTokenVerifier } from '../../src/auth/tokenVerifier';

const options = { issuer: 'http://127.0.0.1:7071/local', audience: 'api://sync-guard-local', clock: () => new Date('2026-11-27T12:00:00.000Z') };
const support = { userId: 'd0000000-0000-4000-8000-000000000099', customerId: null, role: 'vendorSupport', name: 'Vendor Support', email: 'support@vendor.example' } as const;

let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'local-issuer-'));
});

afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('local token issuer', () => {
  it('signs an ES256 token with the claims', async () => {
    const issuer = await createLocalTokenIssuer({ directory, ...options });

    const { token, expiresAt } = await issuer.sign(support, 3600);

    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', typ: 'JWT' });
    expect(decodeJwt(token)).toMatchObject({
      sub: support.userId,
      customer_id: null,
      role: 'vendorSupport',
      name: 'Vendor Support',
      email: 'support@vendor.example',
      iss: options.issuer,
      aud: options.audience,
      iat: Date.parse('2026-11-27T12:00:00.000Z') / 1000,
    });
    expect(expiresAt).toBe('2026-11-27T13:00:00.000Z');
  });

  it('defaults to eight hours', async () => {
    const issuer = await createLocalTokenIssuer({ directory, ...options });

    const { expiresAt } = await issuer.sign(support);

    expect(expiresAt).toBe('2026-11-27T20:00:00.000Z');
  });

  it('reuses the key from the directory', async () => {
    const first = await createLocalTokenIssuer({ directory, ...options });
    const { token } = await first.sign(support);
    const firstKeySet = readFileSync(first.jwksFile, 'utf8');

    const second = await createLocalTokenIssuer({ directory, ...options });
    const verifier = createTokenVerifier({ ...options, jwksFile: second.jwksFile });

    expect(readFileSync(second.jwksFile, 'utf8')).toBe(firstKeySet);
    expect((await verifier.verify(token)).userId).toBe(support.userId);
  });

  it('publishes only the public key', async () => {
    const issuer = await createLocalTokenIssuer({ directory, ...options });

    const keySet = JSON.parse(readFileSync(issuer.jwksFile, 'utf8')) as { keys: Record<string, unknown>[] };

    expect(issuer.jwksFile).toBe(join(directory, 'jwks.json'));
    expect(keySet.keys).toHaveLength(1);
    expect(keySet.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(keySet.keys[0]).not.toHaveProperty('d');
  });

  it('keeps the private key owner-only', async () => {
    await createLocalTokenIssuer({ directory, ...options });

    const mode = statSync(join(directory, 'signing-key.json')).mode & 0o777;

    expect(mode).toBe(0o600);
  });
});
