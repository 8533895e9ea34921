import { parseCheckMessage, previewQueueItem, toCheckMessageBody } from '../../src/monitoring/checkMessage';

const valid = {
  customerId: '8F6B1C2A-3D4E-4F50-9A1B-2C3D4E5F6A7B',
  applicationId: '0b1c2d3e-4f50-4a1b-8c2d-3e4f5a6b7c8d',
  environment: 'Test',
  scheduledFor: '2026-12-04T19:50:00.000Z',
};

describe('parseCheckMessage', () => {
  it.each([
    ['object', valid],
    ['JSON text', JSON.stringify(valid)],
    ['JSON buffer', Buffer.from(JSON.stringify(valid))],
    ['object with extra field', { ...valid, attempt: 2 }],
  ])('accepts %s', (_case, queueItem) => {
    const parsed = parseCheckMessage(queueItem);

    expect(parsed).toEqual({
      ok: true,
      message: {
        customerId: '8f6b1c2a-3d4e-4f50-9a1b-2c3d4e5f6a7b',
        applicationId: '0b1c2d3e-4f50-4a1b-8c2d-3e4f5a6b7c8d',
        environment: 'Test',
        scheduledFor: new Date('2026-12-04T19:50:00.000Z'),
      },
    });
  });

  it.each([
    ['text that is not JSON', 'check everything', 'the message is not JSON'],
    ['number', 42, 'message:'],
    ['lower-case environment', { ...valid, environment: 'live' }, 'environment:'],
    ['invalid GUID', { ...valid, customerId: 'not-a-guid' }, 'customerId:'],
    ['time without zone', { ...valid, scheduledFor: '2026-12-04T19:50:00' }, 'scheduledFor:'],
    ['missing application', { ...valid, applicationId: undefined }, 'applicationId:'],
  ])('rejects %s', (_case, queueItem, reason) => {
    const parsed = parseCheckMessage(queueItem);

    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toContain(reason);
  });
});

describe('toCheckMessageBody', () => {
  it('round-trips through the parser', () => {
    const parsed = parseCheckMessage(valid);
    if (!parsed.ok) {
      throw new Error(parsed.reason);
    }

    const body = toCheckMessageBody(parsed.message);

    expect(parseCheckMessage(JSON.stringify(body))).toEqual(parsed);
  });
});

describe('previewQueueItem', () => {
  it.each([
    ['short text', 'hello', 'hello'],
    ['object', { a: 1 }, '{"a":1}'],
    ['long text', 'x'.repeat(600), `${'x'.repeat(500)}…`],
    ['long buffer', Buffer.from('y'.repeat(3000)), `${'y'.repeat(500)}…`],
    ['undefined', undefined, 'undefined'],
  ])('previews %s', (_case, queueItem, expected) => {
    const preview = previewQueueItem(queueItem);

    expect(preview).toBe(expected);
  });
});
