import type { ConnectionTestResult } from '../../src/epicor/testConnection';
import { buildOutageEmail, buildRecoveryEmail, buildResendUrl } from '../../src/monitoring/alertEmails';

const subject = {
  customerId: '8f6b1c2a-3d4e-4f50-9a1b-2c3d4e5f6a7b',
  customerName: 'Contoso & Sons',
  applicationId: '0b1c2d3e-4f50-4a1b-8c2d-3e4f5a6b7c8d',
  applicationName: 'Field <Service>',
  environment: 'Live' as const,
  outageId: 'c5d6e7f8-0000-4000-8000-000000000001',
  timeZone: 'Europe/London',
};

const failedResult: ConnectionTestResult = {
  ok: false,
  checkedAt: '2026-12-04T19:50:10.000Z',
  durationMs: 42,
  url: 'https://erp.contoso.example/Kinetic/api/v2/odata/EPIC06/Erp.BO.CompanySvc/Companies?$top=1',
  statusCode: 401,
  failureClass: 'invalidApiKey',
  message: 'Epicor returned 401: Invalid API Key for company <EPIC06>.',
  hint: "Check the API key in Epicor's API Key Maintenance.",
  epicorError: { errorMessage: 'Invalid API Key <script>', errorType: 'System.UnauthorizedAccessException', correlationId: 'abc-123' },
};

describe('buildOutageEmail', () => {
  const email = buildOutageEmail(
    { ...subject, firstErrorTime: new Date('2026-12-04T19:50:10Z'), failureCount: 2, result: failedResult, resendUrl: 'http://127.0.0.1:7071/?customerId=1&environment=Live' },
    ['admin@contoso.example'],
  );

  it('names application, environment and time', () => {
    expect(email.subject).toBe('Epicor connection down: Field <Service> (Live)');
    expect(email.text).toContain('Field <Service> (Live) cannot reach your Epicor server');
    expect(email.text).toMatch(/Failing since:\s+4 Dec 2026, 19:50 GMT \(Europe\/London\)/);
  });

  it('says what failed and what to check', () => {
    expect(email.text).toMatch(/What failed:\s+Invalid API key/);
    expect(email.text).toContain('Epicor returned 401: Invalid API Key for company <EPIC06>.');
    expect(email.text).toContain('Invalid API Key <script> (correlation ID abc-123)');
    expect(email.text).toMatch(/What to check:\s+Check the API key in Epicor's API Key Maintenance\./);
  });

  it('escapes every provided string in HTML', () => {
    expect(email.html).toContain('Field &lt;Service&gt; (Live)');
    expect(email.html).toContain('Contoso &amp; Sons');
    expect(email.html).toContain('Invalid API Key &lt;script&gt;');
    expect(email.html).toContain('Check the API key in Epicor&#39;s API Key Maintenance.');
    expect(email.html).toContain('href="http://127.0.0.1:7071/?customerId=1&amp;environment=Live"');
    expect(email.html).not.toMatch(/<script|<Service>|<EPIC06>/);
  });

  it('tags the email with its ids', () => {
    expect(email.tags).toEqual({ kind: 'outage', customerId: subject.customerId, applicationId: subject.applicationId, environment: 'Live', outageId: subject.outageId });
    expect(email.to).toEqual(['admin@contoso.example']);
  });
});

describe('buildRecoveryEmail', () => {
  it.each([
    [17, /Failed transactions:\s+17 outgoing transactions since the last successful check before the outage/],
    [1, /Failed transactions:\s+1 outgoing transaction since the last successful check before the outage/],
    [null, /Failed transactions:\s+could not be counted/],
  ])('reports %p failed transactions', (count, expected) => {
    const email = buildRecoveryEmail(
      {
        ...subject,
        firstErrorTime: new Date('2026-12-04T19:50:10Z'),
        lastErrorTime: new Date('2026-12-04T21:45:10Z'),
        recoveredTime: new Date('2026-12-04T21:50:10Z'),
        failedTransactionCount: count,
        resendUrl: 'http://portal.example/?from=a',
      },
      ['admin@contoso.example'],
    );

    expect(email.subject).toBe('Epicor connection restored: Field <Service> (Live)');
    expect(email.text).toMatch(expected);
    expect(email.text).toMatch(/First failed check:\s+4 Dec 2026, 19:50 GMT \(Europe\/London\)/);
    expect(email.text).toMatch(/Last failed check:\s+4 Dec 2026, 21:45 GMT \(Europe\/London\)/);
    expect(email.text).toMatch(/Outage duration:\s+2 h/);
    expect(email.text).toContain('http://portal.example/?from=a');
    expect(email.tags.kind).toBe('recovery');
    expect(email.text).toContain('resend them in their original order');
  });

  it('says when nothing failed', () => {
    const email = buildRecoveryEmail(
      {
        ...subject,
        firstErrorTime: new Date('2026-12-04T19:50:10Z'),
        lastErrorTime: new Date('2026-12-04T19:50:10Z'),
        recoveredTime: new Date('2026-12-04T19:55:10Z'),
        failedTransactionCount: 0,
        resendUrl: 'http://portal.example/?from=a',
      },
      ['admin@contoso.example'],
    );

    expect(email.text).toMatch(/Failed transactions:\s+0 outgoing transactions since the last successful check before the outage/);
    expect(email.text).toContain('No outgoing transaction failed during the outage, so there is nothing to resend.');
  });
});

describe('buildResendUrl', () => {
  it.each([
    ['https://portal.example.com', 'https://portal.example.com/?customerId=c&applicationId=a&environment=Test'],
    ['https://portal.example.com/licences/', 'https://portal.example.com/licences/?customerId=c&applicationId=a&environment=Test'],
  ])('builds from %s', (base, expected) => {
    const url = buildResendUrl(base, { customerId: 'c', applicationId: 'a', environment: 'Test' });

    expect(url).toBe(expected);
  });

  it('adds the outage window', () => {
    const url = buildResendUrl('https://portal.example.com', { customerId: 'c', applicationId: 'a', environment: 'Live' }, {
      from: new Date('2026-12-04T19:50:10Z'),
      to: new Date('2026-12-04T21:50:10Z'),
    });

    expect(new URL(url).searchParams.get('from')).toBe('2026-12-04T19:50:10.000Z');
    expect(new URL(url).searchParams.get('to')).toBe('2026-12-04T21:50:10.000Z');
  });
});
