import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { z } from 'zod';
import { systemClock, type Clock } from '../app/clock';
import type { UserRole } from './principal';

/** Algorithm of the local signing key; the token verifier accepts it. */
const algorithm = 'ES256';

/** Claims of a demo user's token. */
export interface LocalTokenClaims {
  userId: string;
  customerId: string | null;
  role: UserRole;
  name: string;
  email: string;
}

/** Signs tokens for the embedded default's demo users; never used in Azure. */
export interface LocalTokenIssuer {
  /** Path of the public JWKS file that `Auth__JwksFile` points to. */
  readonly jwksFile: string;
  /** Signs a token valid for `ttlSeconds` (default 8 hours) and returns it with its expiry as ISO UTC. */
  sign(claims: LocalTokenClaims, ttlSeconds?: number): Promise<{ token: string; expiresAt: string }>;
}

/** Options of {@link createLocalTokenIssuer}. */
export interface LocalTokenIssuerOptions {
  /** Folder that keeps the key pair (`signing-key.json`) and the public key set (`jwks.json`). */
  directory: string;
  issuer: string;
  audience: string;
  clock?: Clock;
}

const storedKeySchema = z.looseObject({ kty: z.literal('EC'), crv: z.literal('P-256'), d: z.string(), x: z.string(), y: z.string(), kid: z.string() });

function hasErrorCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}

async function readStoredKey(file: string): Promise<JWK | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (hasErrorCode(error, 'ENOENT')) {
      return undefined;
    }
    throw error;
  }
  const parsed = storedKeySchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`The local signing key ${file} is not a P-256 private JWK; delete it and a new key is created.`);
  }
  return parsed.data;
}

async function createStoredKey(file: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair(algorithm, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const stored: JWK = { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: algorithm, use: 'sig' };
  try {
    // 'wx' fails when another process created the key first; that key is then used.
    await writeFile(file, JSON.stringify(stored, null, 2), { flag: 'wx', mode: 0o600 });
    return stored;
  } catch (error) {
    if (!hasErrorCode(error, 'EEXIST')) {
      throw error;
    }
    const existing = await readStoredKey(file);
    if (!existing) {
      throw error;
    }
    return existing;
  }
}

/**
 * Creates the local token issuer: an ES256 key pair is created on first use
 * and reused from `directory` afterwards, and the public key set is written
 * to `<directory>/jwks.json` for the token verifier.
 */
export async function createLocalTokenIssuer(options: LocalTokenIssuerOptions): Promise<LocalTokenIssuer> {
  await mkdir(options.directory, { recursive: true });
  const keyFile = join(options.directory, 'signing-key.json');
  const jwksFile = join(options.directory, 'jwks.json');
  const clock = options.clock ?? systemClock;

  const privateJwk = (await readStoredKey(keyFile)) ?? (await createStoredKey(keyFile));
  const publicJwk: JWK = { kty: privateJwk.kty, crv: privateJwk.crv, x: privateJwk.x, y: privateJwk.y, kid: privateJwk.kid, alg: algorithm, use: 'sig' };
  await writeFile(jwksFile, JSON.stringify({ keys: [publicJwk] }, null, 2));
  const signingKey = await importJWK(privateJwk, algorithm);

  return {
    jwksFile,
    async sign(claims, ttlSeconds = 8 * 3600) {
      const issuedAt = Math.floor(clock().getTime() / 1000);
      const expiresAt = issuedAt + ttlSeconds;
      const token = await new SignJWT({ customer_id: claims.customerId, role: claims.role, name: claims.name, email: claims.email })
        .setProtectedHeader({ alg: algorithm, kid: privateJwk.kid, typ: 'JWT' })
        .setSubject(claims.userId)
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAt)
        .sign(signingKey);
      return { token, expiresAt: new Date(expiresAt * 1000).toISOString() };
    },
  };
}
