import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { describeError } from '../shared/errors';
import { createLogger } from '../shared/logger';
import { StaticAssets, type StaticAssetResult } from './staticAssets';

/**
 * Returns the screen's Content Security Policy: its own scripts, styles and
 * API only, no inline script or style, no plugins, and framing only by
 * `frameAncestors` (CSP source expressions, default `'self'`).
 */
export function portalContentSecurityPolicy(frameAncestors: readonly string[] = ["'self'"]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.join(' ')}`,
  ].join('; ');
}

/** Returns the headers on every response of the screen's route. */
export function portalSecurityHeaders(frameAncestors?: readonly string[]): Record<string, string> {
  return {
    'content-security-policy': portalContentSecurityPolicy(frameAncestors),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}

function textResponse(status: number, text: string, securityHeaders: Record<string, string>): HttpResponseInit {
  return {
    status,
    headers: { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    body: text,
  };
}

/** Options of {@link createPortalHandler}. */
export interface PortalHandlerOptions {
  /**
   * Absolute path of the folder with index.html, app.js and app.css, or a
   * function that finds it on the first request (such as `findStaticFolder`).
   */
  staticFolder: string | (() => string);
  /**
   * Origins allowed to show the screen in a frame, as CSP source expressions
   * such as `https://portal.example.com`; default `'self'` only.
   */
  frameAncestors?: readonly string[];
}

/**
 * Creates the HTTP handler of the route `portal/{*path}`, which serves
 * index.html for the bare route and each other file with its content type.
 * Files get `Cache-Control: no-cache` and an ETag, so a new deployment shows
 * at once while unchanged files get 304. Paths that could leave the folder
 * get 400, anything else missing 404, and an unreadable folder 503.
 */
export function createPortalHandler(options: PortalHandlerOptions): (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit> {
  const assets = new StaticAssets(options.staticFolder);
  const securityHeaders = portalSecurityHeaders(options.frameAncestors);

  return async (request, context) => {
    const path = request.params.path ?? '';
    const url = new URL(request.url);
    if (path === '' && !url.pathname.endsWith('/')) {
      // The page loads app.js and app.css by relative URL, which needs the trailing slash.
      return { status: 301, headers: { ...securityHeaders, location: `${url.pathname}/${url.search}`, 'cache-control': 'no-cache' } };
    }

    let result: StaticAssetResult;
    try {
      result = await assets.read(path);
    } catch (error) {
      createLogger(context).error('The screen\'s files could not be read', { path: path.slice(0, 200), error: describeError(error) });
      return textResponse(503, 'The screen is unavailable because its files could not be read; the function log has the cause.', securityHeaders);
    }
    if (result.kind === 'rejected') {
      createLogger(context).info('Rejected a screen file path', { path: path.slice(0, 200), reason: result.reason });
      return textResponse(400, `${result.reason}. Open the screen at its route, such as /api/portal/.`, securityHeaders);
    }
    if (result.kind === 'notFound') {
      return textResponse(404, `The screen has no file "${path.slice(0, 200)}". Open the screen at /api/portal/.`, securityHeaders);
    }

    const headers = { ...securityHeaders, 'cache-control': 'no-cache', etag: result.etag };
    if (request.headers.get('if-none-match') === result.etag) {
      return { status: 304, headers };
    }
    return { status: 200, headers: { ...headers, 'content-type': result.contentType }, body: result.body };
  };
}
