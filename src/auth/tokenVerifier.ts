import { stat, readFile } from 'node:fs/promises';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { Clock } from '../app/clock';
import { systemClock } from '../app/clock';
import type { Settings } from '../config/settings';
import { dependencyUnavailableError, ServiceError } from '../shared/errors';
import type { Principal } from './principal';
import { parseTokenClaims } from './tokenClaims';

/** Signature algorithms accepted on bearer tokens; symmetric and unsigned tokens are always rejected. */
export const tokenAlgorithms = ['RS256', 'ES256'] as const;

/** Verifies bearer tokens and returns who sent them. */
export interface TokenVerifier {
  /** Returns the principal of a valid token, or throws an `unauthenticated` {@link ServiceError} that names the problem. */
  verify(token: string): Promise<Principal>;
}

/** Options of {@link createTokenVerifier}. */
export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** The issuer's JWKS URL, used in production. */
  jwksUrl?: string;
  /** A local JWKS file, used by the local host; read again when it changes. */
  jwksFile?: string;
  clock?: Clock;
  /** Allowed clock difference between the issuer and this service, in seconds; default 60. */
  clockToleranceSeconds?: number;
}

const jwksSchema = z.object({ keys: z.array(z.looseObject({ kty: z.string() })) });

const unauthenticated = (message: string) => new ServiceError('unauthenticated', message);

async function readKeySetFile(file: string): Promise<z.output<typeof jwksSchema>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw dependencyUnavailableError(`The key set file ${file} (Auth__JwksFile) could not be read as JSON; delete it and restart the local host.`, error);
  }
  const parsed = jwksSchema.safeParse(json);
  if (!parsed.success) {
    throw dependencyUnavailableError(`The key set file ${file} (Auth__JwksFile) is not a JWKS: expected {"keys":[...]}.`);
  }
  return parsed.data;
}

function localKeySet(file: string): JWTVerifyGetKey {
  let cached: { modifiedMs: number; getKey: JWTVerifyGetKey } | undefined;
  return async (header, token) => {
    let modifiedMs: number;
    try {
      modifiedMs = (await stat(file)).mtimeMs;
    } catch (error) {
      throw dependencyUnavailableError(`The key set file ${file} (Auth__JwksFile) could not be read; start the local host, which writes it.`, error);
    }
    if (!cached || cached.modifiedMs !== modifiedMs) {
      cached = { modifiedMs, getKey: createLocalJWKSet(await readKeySetFile(file)) };
    }
    return cached.getKey(header, token);
  };
}

/** Translates a verification failure into an error that names the problem without repeating the token. */
function describeFailure(error: unknown, options: TokenVerifierOptions): ServiceError {
  if (error instanceof ServiceError) {
    return error;
  }
  if (error instanceof errors.JWTExpired) {
    return unauthenticated('The bearer token has expired; sign in again to get a new token.');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'iss':
        return unauthenticated(`The bearer token was not issued by the expected issuer "${options.issuer}"; sign in through that issuer.`);
      case 'aud':
        return unauthenticated(`The bearer token is not meant for this service (audience "${options.audience}"); request a token for that audience.`);
      case 'nbf':
        return unauthenticated('The bearer token is not valid yet (its "nbf" time is in the future); check the clock of the issuer.');
      default:
        return unauthenticated(`The bearer token's "${error.claim}" claim is ${error.reason === 'missing' ? 'missing' : 'invalid'}; sign in again.`);
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return unauthenticated(`The bearer token is signed with an algorithm that is not accepted; use ${tokenAlgorithms.join(' or ')}.`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return unauthenticated('The bearer token\'s signature is invalid; sign in again to get a new token.');
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return unauthenticated('The bearer token is signed with a key that the issuer does not publish; sign in again to get a new token.');
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return dependencyUnavailableError('The issuer\'s key set (Auth__JwksUrl) could not be read, so no token can be verified; try again shortly.', error);
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) {
    return unauthenticated('The bearer token is malformed: expected a signed JWT of three base64url parts.');
  }
  if (error instanceof errors.JOSEError) {
    return unauthenticated('The bearer token could not be verified; sign in again to get a new token.');
  }
  // Anything else is a fault on this side, such as a failed request for the key set.
  return dependencyUnavailableError('The bearer token could not be verified because the issuer\'s key set is unavailable; try again shortly.', error);
}

/** Creates a verifier that checks signature (RS256/ES256), issuer, audience, expiry and the claims this service needs. */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  let getKey: JWTVerifyGetKey;
  if (options.jwksUrl) {
    getKey = createRemoteJWKSet(new URL(options.jwksUrl));
  } else if (options.jwksFile) {
    getKey = localKeySet(options.jwksFile);
  } else {
    throw new Error('A token verifier needs a key set: set Auth__JwksUrl (or Auth__JwksFile for the local host).');
  }
  const clock = options.clock ?? systemClock;
  const clockTolerance = options.clockToleranceSeconds ?? 60;

  return {
    async verify(token) {
      let payload: unknown;
      try {
        const result = await jwtVerify(token, getKey, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: [...tokenAlgorithms],
          requiredClaims: ['exp', 'sub'],
          clockTolerance,
          currentDate: clock(),
        });
        payload = result.payload;
      } catch (error) {
        throw describeFailure(error, options);
      }

      const claims = parseTokenClaims(payload);
      if (!claims.ok) {
        throw unauthenticated(`The bearer token cannot be used: ${claims.problem}.`);
      }
      return claims.principal;
    },
  };
}

/** Creates the verifier that settings describe: `Auth__Issuer`, `Auth__Audience` and `Auth__JwksUrl` or `Auth__JwksFile`. */
export function createTokenVerifierFromSettings(settings: Settings, clock: Clock): TokenVerifier {
  return createTokenVerifier({
    issuer: settings.Auth__Issuer,
    audience: settings.Auth__Audience,
    jwksUrl: settings.Auth__JwksUrl,
    jwksFile: settings.Auth__JwksFile,
    clock,
  });
}
