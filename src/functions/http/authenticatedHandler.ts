import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { getServices, type Services } from '../../app/services';
import { readBearerToken } from '../../auth/bearerToken';
import type { TokenVerifier } from '../../auth/tokenVerifier';
import type { ApiCaller } from '../../resend/customerApi';
import { createLogger } from '../../shared/logger';
import { errorResponse } from './respond';

/** Arguments of an authenticated handler: the request and the verified caller. */
export interface AuthenticatedCall {
  request: HttpRequest;
  context: InvocationContext;
  caller: ApiCaller;
}

/** A route's handler once the caller is known; it returns a response or throws a `ServiceError`. */
export type AuthenticatedHandler = (call: AuthenticatedCall) => Promise<HttpResponseInit>;

// One verifier per services object, so that its key-set cache lives as long as the process's services.
const verifiers = new WeakMap<Services, TokenVerifier>();

async function verifierFor(services: Services): Promise<TokenVerifier> {
  let verifier = verifiers.get(services);
  if (!verifier) {
    // The JOSE library loads with the first request, which keeps it out of the function app's cold start.
    const { createTokenVerifierFromSettings } = await import('../../auth/tokenVerifier');
    verifier = verifiers.get(services) ?? createTokenVerifierFromSettings(services.settings, services.clock);
    verifiers.set(services, verifier);
  }
  return verifier;
}

/**
 * Wraps a handler with bearer-token authentication: the `Authorization`
 * header is verified before the handler runs, and every thrown error becomes
 * the JSON error response of its kind.
 */
export function authenticatedHandler(handler: AuthenticatedHandler): (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit> {
  return async (request, context) => {
    const logger = createLogger(context);
    try {
      const services = await getServices();
      const token = readBearerToken(request.headers.get('authorization'));
      const principal = await (await verifierFor(services)).verify(token);
      const caller: ApiCaller = {
        services,
        principal,
        logger,
        writeTelemetry: (line) => context.info(line),
        invocationId: context.invocationId,
      };
      return await handler({ request, context, caller });
    } catch (error) {
      return errorResponse(error, logger, context.invocationId);
    }
  };
}
