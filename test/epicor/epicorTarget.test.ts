import { buildEpicorHeaders, parseBaseUrl, redactSecrets, resolveBelowBase, secretsOf, type EpicorConnectionTarget } from '../../src/epicor/epicorTarget';

const target: EpicorConnectionTarget = {
  baseUrl: 'https://erp.example.co.uk/Kinetic2025_2',
  company: 'EPIC06',
  userName: 'integration',
  password: 'p@ss word',
  apiKey: 'key-123456',
  testPath: null,
  trustedCaCertificate: null,
};

function baseOf(text: string): URL {
  const parsed = parseBaseUrl(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.url;
}

describe('parseBaseUrl', () => {
  it.each([
    ['https://erp.example.co.uk/Kinetic2025_2', 'https://erp.example.co.uk/Kinetic2025_2/'],
    ['https://erp.example.co.uk/Kinetic2025_2/', 'https://erp.example.co.uk/Kinetic2025_2/'],
    [' http://erp.example.co.uk:8080/ERP ', 'http://erp.example.co.uk:8080/ERP/'],
    ['https://tenant.epicorsaas.com/SaaS123', 'https://tenant.epicorsaas.com/SaaS123/'],
  ])('accepts %s', (input, href) => {
    const parsed = parseBaseUrl(input);

    expect(parsed).toEqual({ ok: true, url: new URL(href) });
  });

  it.each([
    ['erp.example.co.uk/Kinetic', 'is not an absolute URL'],
    ['ftp://erp.example.co.uk/Kinetic', 'must start with https:// or http://'],
    ['https://user:secret@erp.example.co.uk/Kinetic', 'must not contain a user name or password'],
    ['https://erp.example.co.uk/Kinetic?x=1', 'must not have a query'],
    ['https://erp.example.co.uk/Kinetic?', 'must not have a query'],
    ['https://erp.example.co.uk/Kinetic#top', 'must not have a query (?) or fragment (#)'],
  ])('rejects %s', (input, reasonPart) => {
    const parsed = parseBaseUrl(input);

    expect(parsed).toEqual({ ok: false, reason: expect.stringContaining(reasonPart) });
    expect(JSON.stringify(parsed)).not.toContain('secret');
  });
});

describe('resolveBelowBase', () => {
  const base = baseOf('https://erp.example.co.uk/Kinetic2025_2');

  it.each([
    ['api/v2/odata/EPIC06/Erp.BO.PartSvc/Parts?$top=1', 'https://erp.example.co.uk/Kinetic2025_2/api/v2/odata/EPIC06/Erp.BO.PartSvc/Parts?$top=1'],
    ['/api/v2/efx/EPIC06/Lib/Fn', 'https://erp.example.co.uk/Kinetic2025_2/api/v2/efx/EPIC06/Lib/Fn'],
    ['api/v2/odata/EPIC06/../EPIC06/Erp.BO.PartSvc/Parts', 'https://erp.example.co.uk/Kinetic2025_2/api/v2/odata/EPIC06/Erp.BO.PartSvc/Parts'],
  ])('resolves %s', (path, href) => {
    const resolved = resolveBelowBase(base, path);

    expect(resolved).toEqual({ ok: true, url: new URL(href) });
  });

  it.each([
    'https://evil.example.com/x',
    'http://erp.example.co.uk/Kinetic2025_2/api',
    '//evil.example.com/x',
    '\\\\evil.example.com/x',
    '/\\evil.example.com/x',
    '../Other/api',
    'api/../../Other',
    '%2e%2e/Other',
    '.%2E/Other',
    'mailto:someone@example.com',
  ])('rejects %s', (path) => {
    const resolved = resolveBelowBase(base, path);

    expect(resolved.ok).toBe(false);
  });
});

describe('buildEpicorHeaders', () => {
  it('sends API key and Basic credentials', () => {
    const headers = buildEpicorHeaders(target);

    expect(headers).toEqual({
      accept: 'application/json',
      'x-api-key': 'key-123456',
      authorization: `Basic ${Buffer.from('integration:p@ss word').toString('base64')}`,
    });
  });

  it('omits missing credentials', () => {
    const headers = buildEpicorHeaders({ ...target, userName: null, apiKey: null });

    expect(headers).toEqual({ accept: 'application/json' });
  });
});

describe('redactSecrets', () => {
  const secrets = secretsOf(target);

  it.each([
    ['plain password', 'echo p@ss word', 'echo [redacted]'],
    ['encoded password', 'next=p%40ss%20word', 'next=[redacted]'],
    ['API key', 'key key-123456 rejected', 'key [redacted] rejected'],
    ['Basic token', `token ${Buffer.from('integration:p@ss word').toString('base64')}`, 'token [redacted]'],
  ])('removes %s', (_case, text, expected) => {
    const redacted = redactSecrets(text, secrets);

    expect(redacted).toBe(expected);
  });

  it('redacts short secret as word only', () => {
    const redacted = redactSecrets('Invalid password: ab (ab12)', ['ab']);

    expect(redacted).toBe('Invalid password: [redacted] (ab12)');
  });
});
