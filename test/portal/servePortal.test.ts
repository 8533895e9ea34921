import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { createPortalHandler } from '../../src/portal/portalHandler';

describe('servePortal handler', () => {
  let root: string;
  let handler: ReturnType<typeof createPortalHandler>;
  let logged: string[];

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'portal-handler-'));
    const folder = join(root, 'static');
    mkdirSync(join(folder, 'images'), { recursive: true });
    writeFileSync(join(folder, 'index.html'), '<!DOCTYPE html><title>Screen</title>');
    writeFileSync(join(folder, 'app.js'), 'export {};');
    writeFileSync(join(folder, 'app.css'), 'body {}');
    writeFileSync(join(folder, 'images', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(folder, 'notes.ts'), 'export {};');
    writeFileSync(join(root, 'secret.txt'), 'outside the static folder');
    symlinkSync(join(root, 'secret.txt'), join(folder, 'linked.txt'));
    handler = createPortalHandler({ staticFolder: folder });
  });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  beforeEach(() => {
    logged = [];
  });

  function get(path: string | undefined, headers: Record<string, string> = {}, urlPath = `/api/portal/${path ?? ''}`): Promise<HttpResponseInit> {
    const request = new HttpRequest({
      method: 'GET',
      url: `http://127.0.0.1:7071${urlPath}`,
      headers,
      params: path === undefined ? {} : { path },
    });
    const context = new InvocationContext({ functionName: 'servePortal', logHandler: (_level, ...args) => logged.push(args.map(String).join(' ')) });
    return handler(request, context);
  }

  function header(response: HttpResponseInit, name: string): string | undefined {
    return new Headers(response.headers).get(name) ?? undefined;
  }

  it.each([
    [undefined, 'text/html; charset=utf-8', '<!DOCTYPE html><title>Screen</title>'],
    ['', 'text/html; charset=utf-8', '<!DOCTYPE html><title>Screen</title>'],
    ['app.js', 'text/javascript; charset=utf-8', 'export {};'],
    ['app.css', 'text/css; charset=utf-8', 'body {}'],
    ['images/logo.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
  ])('serves %p as %s', async (path, contentType, body) => {
    const response = await get(path);

    expect(response.status).toBe(200);
    expect(header(response, 'content-type')).toBe(contentType);
    expect(Buffer.from(response.body as Buffer).toString('utf8')).toBe(body);
  });

  it('sends the security headers', async () => {
    const response = await get('app.js');

    const policy = header(response, 'content-security-policy') ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).toContain("frame-ancestors 'self'");
    expect(header(response, 'x-content-type-options')).toBe('nosniff');
    expect(header(response, 'cache-control')).toBe('no-cache');
    expect(header(response, 'etag')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
  });

  it('allows configured frame ancestors', async () => {
    const framed = createPortalHandler({ staticFolder: join(root, 'static'), frameAncestors: ["'self'", 'https://portal.example.com'] });

    const response = await framed(new HttpRequest({ method: 'GET', url: 'http://127.0.0.1:7071/api/portal/', params: {} }), new InvocationContext());

    expect(header(response, 'content-security-policy')).toContain("frame-ancestors 'self' https://portal.example.com");
  });

  it('answers 503 without its folder', async () => {
    const missing = createPortalHandler({
      staticFolder: () => {
        throw new Error('no static folder');
      },
    });
    const context = new InvocationContext({ logHandler: (_level, ...args) => logged.push(args.map(String).join(' ')) });

    const response = await missing(new HttpRequest({ method: 'GET', url: 'http://127.0.0.1:7071/api/portal/', params: {} }), context);

    expect(response.status).toBe(503);
    expect(logged.join('\n')).toContain('no static folder');
  });

  it('answers 304 for a matching ETag', async () => {
    const first = await get('app.css');

    const second = await get('app.css', { 'if-none-match': header(first, 'etag') ?? '' });

    expect(second.status).toBe(304);
    expect(second.body).toBeUndefined();
  });

  it.each([['../secret.txt'], ['images/../../secret.txt'], ['.env'], ['images\\..\\secret.txt'], ['linked.txt'], ['a:b.js']])('rejects path %p', async (path) => {
    const response = await get(path);

    expect(response.status).toBe(400);
    expect(typeof response.body === 'string' ? response.body : '').toMatch(/^The path /);
    expect(logged.join('\n')).toContain('Rejected a screen file path');
  });

  it.each([['missing.js'], ['notes.ts'], ['images'], ['images/']])('answers 404 for %p', async (path) => {
    const response = await get(path);

    expect(response.status).toBe(404);
    expect(header(response, 'content-type')).toBe('text/plain; charset=utf-8');
  });

  it('redirects the bare route to its folder', async () => {
    const response = await get(undefined, {}, '/api/portal?customerId=c0000000-0000-4000-8000-000000000001');

    expect(response.status).toBe(301);
    expect(header(response, 'location')).toBe('/api/portal/?customerId=c0000000-0000-4000-8000-000000000001');
  });
});
