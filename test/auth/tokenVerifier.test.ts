import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, UnsecuredJWT } from 'jose';
import { createLocalTokenIssuer, type LocalTokenIssuer } from '../../src/auth/localTokenIssuer';
import { createTokenVerifier, type TokenVerifier } from '../../src/auth/tokenVerifier';
import { ServiceError } from '../../src/shared/errors';

const issuerName = 'https://issuer.test';
const audienceName = 'api://sync-guard';
const start = new Date('2026-11-27T12:00:00.000Z');
const admin = {
  userId: 'D0000000-0000-4000-8000-0000000000A1',
  customerId: 'AAAAAAAA-0000-4000-8000-000000000001',
  role: 'customerAdministrator',
  name: 'Alice Admin',
  email: 'alice@a.example',
} as const;

let directory: string;
let issuer: LocalTokenIssuer;
let now: Date;
let verifier: TokenVerifier;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'token-verifier-'));
  issuer = await createLocalTokenIssuer({ directory: join(directory, 'main'), issuer: issuerName, audience: audienceName, clock: () => start });
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

beforeEach(() => {
  now = start;
  verifier = createTokenVerifier({ issuer: issuerName, audience: audienceName, jwksFile: issuer.jwksFile, clock: () => now });
});

async function rejection(token: string): Promise<ServiceError> {
  const error: unknown = await verifier.verify(token).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ServiceError)) {
    throw new Error(`expected a ServiceError, got ${String(error)}`);
  }
  return error;
}

describe('token verifier', () => {
  it('returns the principal in lower case', async () => {
    const { token } = await issuer.sign(admin);

    const principal = await verifier.verify(token);

    expect(principal).toEqual({
      userId: 'd0000000-0000-4000-8000-0000000000a1',
      customerId: 'aaaaaaaa-0000-4000-8000-000000000001',
      role: 'customerAdministrator',
      name: 'Alice Admin',
      email: 'alice@a.example',
    });
  });

  it('accepts vendor support without a customer', async () => {
    const { token } = await issuer.sign({ ...admin, role: 'vendorSupport', customerId: null });

    const principal = await verifier.verify(token);

    expect(principal.customerId).toBeNull();
    expect(principal.role).toBe('vendorSupport');
  });

  it('rejects an expired token', async () => {
    const { token } = await issuer.sign(admin, 3600);
    now = new Date(start.getTime() + 2 * 3600 * 1000);

    const error = await rejection(token);

    expect(error.kind).toBe('unauthenticated');
    expect(error.message).toContain('expired');
  });

  it('allows a small clock difference', async () => {
    const { token } = await issuer.sign(admin, 3600);
    now = new Date(start.getTime() + 3600 * 1000 + 30 * 1000);

    const principal = await verifier.verify(token);

    expect(principal.email).toBe('alice@a.example');
  });

  it.each([
    ['wrong audience', { audience: 'api://someone-else' }, 'not meant for this service'],
    ['wrong issuer', { issuer: 'https://other-issuer.test' }, 'not issued by the expected issuer'],
  ])('rejects a token with %s', async (_name, override, expected) => {
    const other = await createLocalTokenIssuer({ directory: join(directory, 'main'), issuer: issuerName, audience: audienceName, clock: () => start, ...override });
    const { token } = await other.sign(admin);

    const error = await rejection(token);

    expect(error.kind).toBe('unauthenticated');
    expect(error.message).toContain(expected);
    expect(error.message).not.toContain(token);
  });

  it('rejects a key the issuer does not publish', async () => {
    const stranger = await createLocalTokenIssuer({ directory: join(directory, 'stranger'), issuer: issuerName, audience: audienceName, clock: () => start });
    const { token } = await stranger.sign(admin);

    const error = await rejection(token);

    expect(error.message).toContain('key that the issuer does not publish');
  });

  it('rejects a tampered signature', async () => {
    const { token } = await issuer.sign(admin);
    const [header, payload, signature] = token.split('.');
    const tampered = `${header}.${payload}.${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`;

    const error = await rejection(tampered);

    expect(error.message).toContain('signature is invalid');
  });

  it.each([
    ['not a JWT', 'abc'],
    ['three random parts', 'abc.def.ghi'],
  ])('rejects a malformed token: %s', async (_name, token) => {
    const error = await rejection(token);

    expect(error.kind).toBe('unauthenticated');
    expect(error.message).toContain('malformed');
  });

  it('rejects a symmetric algorithm', async () => {
    const token = await new SignJWT({ role: 'vendorSupport', name: 'x', email: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(admin.userId)
      .setIssuer(issuerName)
      .setAudience(audienceName)
      .setExpirationTime(Math.floor(start.getTime() / 1000) + 60)
      .sign(new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!'));

    const error = await rejection(token);

    expect(error.message).toContain('RS256 or ES256');
  });

  it('rejects an unsigned token', async () => {
    const token = new UnsecuredJWT({ role: 'vendorSupport' }).setIssuer(issuerName).setAudience(audienceName).setSubject(admin.userId).encode();

    const error = await rejection(token);

    expect(error.kind).toBe('unauthenticated');
  });

  it.each([
    ['role', { ...admin, role: 'superUser' }, '"role" claim'],
    ['customer id', { ...admin, customerId: null }, '"customer_id" claim is required'],
    ['user id', { ...admin, userId: 'not-a-guid' }, '"sub" claim'],
  ])('rejects an invalid %s claim', async (_name, claims, expected) => {
    const { token } = await issuer.sign(claims as typeof admin);

    const error = await rejection(token);

    expect(error.kind).toBe('unauthenticated');
    expect(error.message).toContain(expected);
  });

  it('reports a missing key set file', async () => {
    const missing = createTokenVerifier({ issuer: issuerName, audience: audienceName, jwksFile: join(directory, 'absent.json'), clock: () => now });
    const { token } = await issuer.sign(admin);

    const error: unknown = await missing.verify(token).catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).kind).toBe('dependencyUnavailable');
  });
});
