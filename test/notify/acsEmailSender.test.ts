import { EmailClient } from '@azure/communication-email';
import { AcsEmailSender, throttleDelayMs } from '../../src/notify/acsEmailSender';
import type { EmailMessage } from '../../src/notify/emailSender';
import { FakeAcsServer } from './fakeAcsServer';

const message: EmailMessage = {
  to: ['admin@contoso.example', 'ops@contoso.example'],
  subject: 'Epicor connection down: Mobile Field Service (Live)',
  text: 'plain text',
  html: '<p>html</p>',
  tags: { kind: 'outage', outageId: 'o-1' },
};

const throttled = (headers: Record<string, string>) => ({ status: 429, headers, body: { error: { code: 'TooManyRequests', message: 'Too many requests' } } });

describe('AcsEmailSender', () => {
  let server: FakeAcsServer;
  let delays: number[];

  beforeEach(async () => {
    server = await FakeAcsServer.start();
    delays = [];
  });

  afterEach(async () => {
    await server.close();
  });

  function createSender(timeoutMs = 5000): AcsEmailSender {
    // A key credential signs requests with HMAC, which the SDK allows over http to this local server.
    const client = new EmailClient(server.endpoint, { key: Buffer.from('test-access-key').toString('base64') }, {
      allowInsecureConnection: true,
      retryOptions: { maxRetries: 0 },
    });
    return new AcsEmailSender({
      client,
      senderAddress: 'DoNotReply@vendor.example',
      timeoutMs,
      pollIntervalMs: 1,
      sleep: (milliseconds) => {
        delays.push(milliseconds);
        return Promise.resolve();
      },
    });
  }

  it('sends and polls until succeeded', async () => {
    server.pollAnswers.push({ status: 200, body: { id: 'operation-1', status: 'Running' } });

    const receipt = await createSender().send(message);

    expect(receipt).toEqual({ messageId: 'operation-1' });
    expect(server.sends()).toHaveLength(1);
    expect(server.polls()).toHaveLength(2);
    expect(JSON.parse(server.sends()[0]!.body)).toEqual({
      senderAddress: 'DoNotReply@vendor.example',
      content: { subject: message.subject, plainText: 'plain text', html: '<p>html</p>' },
      recipients: { to: [{ address: 'admin@contoso.example' }, { address: 'ops@contoso.example' }] },
    });
    expect(server.sends()[0]!.headers.authorization).toMatch(/^HMAC-SHA256 /);
  });

  it.each([
    ['Retry-After seconds', { 'retry-after': '2' }, 2000],
    ['retry-after-ms', { 'retry-after-ms': '150' }, 150],
    ['no header', {}, 1000],
  ])('throttled send retries after %s', async (_case, headers, expectedDelay) => {
    server.sendAnswers.push(throttled(headers));

    const receipt = await createSender().send(message);

    expect(receipt.messageId).toBe('operation-2');
    expect(delays).toEqual([expectedDelay]);
    expect(server.sends()).toHaveLength(2);
  });

  it('throttle beyond deadline fails at once', async () => {
    server.sendAnswers.push(throttled({ 'retry-after': '60' }));

    const sending = createSender(5000).send(message);

    await expect(sending).rejects.toThrow('requested a wait of 60 s, longer than the 4 s left before the deadline');
    expect(delays).toEqual([]);
    expect(server.sends()).toHaveLength(1);
  });

  it.each([
    ['first status poll throttled', [throttled({ 'retry-after': '1' })]],
    ['later status poll throttled', [{ status: 200, body: { id: 'operation-1', status: 'Running' } }, throttled({ 'retry-after': '1' })]],
    ['status poll failing', [{ status: 500, body: { error: { code: 'InternalError', message: 'Try later' } } }]],
  ])('accepted email counts as sent: %s', async (_case, answers) => {
    server.pollAnswers.push(...answers);

    const receipt = await createSender().send(message);

    expect(receipt.messageId).toBe('operation-1');
    expect(server.sends()).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('accepted email counts as sent at the deadline', async () => {
    server.pollAnswers.push({ status: 200, body: { id: 'operation-1', status: 'Running' } }, 'hang');

    const receipt = await createSender(200).send(message);

    expect(receipt.messageId).toBe('operation-1');
    expect(server.sends()).toHaveLength(1);
  });

  it('service that never answers times out', async () => {
    server.sendAnswers.push('hang');

    const sending = createSender(200).send(message);

    await expect(sending).rejects.toThrow('timed out after 200 ms (Email__TimeoutSeconds)');
  });

  it('failed operation rejects', async () => {
    server.pollAnswers.push({ status: 200, body: { id: 'operation-1', status: 'Failed', error: { code: 'EmailDroppedAllRecipientsSuppressed', message: 'All recipients are suppressed' } } });

    const sending = createSender().send(message);

    await expect(sending).rejects.toThrow('Sending the email through Communication Services failed');
    expect(server.sends()).toHaveLength(1);
  });

  it('rejected request is not retried', async () => {
    server.sendAnswers.push({ status: 400, body: { error: { code: 'BadRequest', message: 'Invalid sender domain' } } });

    const sending = createSender().send(message);

    await expect(sending).rejects.toThrow('Invalid sender domain');
    expect(server.sends()).toHaveLength(1);
    expect(delays).toEqual([]);
  });
});

describe('throttleDelayMs', () => {
  const restError = (statusCode: number, headers: Record<string, string>): Error =>
    Object.assign(new Error('failed'), { statusCode, response: { headers: { get: (name: string) => headers[name] } } });

  it.each([
    ['not throttled', restError(500, { 'retry-after': '5' }), undefined],
    ['plain error', new Error('socket hang up'), undefined],
    ['seconds', restError(429, { 'retry-after': '5' }), 5000],
    ['milliseconds first', restError(429, { 'retry-after-ms': '250', 'retry-after': '5' }), 250],
    ['x-ms milliseconds', restError(429, { 'x-ms-retry-after-ms': '300' }), 300],
    ['HTTP date', restError(429, { 'retry-after': 'Fri, 04 Dec 2026 19:50:30 GMT' }), 20_000],
    ['no header', restError(429, {}), 1000],
  ])('%s', (_case, error, expected) => {
    const delay = throttleDelayMs(error, Date.parse('2026-12-04T19:50:10Z'));

    expect(delay).toBe(expected);
  });
});
