import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutboxEmailSender } from '../../src/notify/outboxEmailSender';
import { createLogger } from '../../src/shared/logger';

describe('OutboxEmailSender', () => {
  let directory: string;
  let lines: string[];
  let sender: OutboxEmailSender;

  beforeEach(() => {
    directory = join(mkdtempSync(join(tmpdir(), 'outbox-test-')), 'outbox');
    lines = [];
    const record = (...args: unknown[]): void => {
      lines.push(args.map(String).join(' '));
    };
    sender = new OutboxEmailSender(directory, createLogger({ debug: record, info: record, warn: record, error: record }), () => new Date('2026-12-04T19:50:10.123Z'));
  });

  afterEach(() => {
    rmSync(join(directory, '..'), { recursive: true, force: true });
  });

  const message = {
    to: ['admin@contoso.example', 'ops@contoso.example'],
    subject: 'Epicor connection down: Mobile Field Service (Live)',
    text: 'The body with details',
    html: '<p>The body with details</p>',
    tags: { kind: 'outage', outageId: 'o-1' },
  };

  it('writes one JSON file per email', async () => {
    const first = await sender.send(message);
    const second = await sender.send(message);

    const files = readdirSync(directory);
    expect(files).toHaveLength(2);
    expect(files.every((name) => /^2026-12-04T19-50-10-123Z-outage-[0-9a-f-]{36}\.json$/.test(name))).toBe(true);
    expect(first.messageId).not.toBe(second.messageId);
    const written = JSON.parse(readFileSync(join(directory, files.find((name) => name.includes(first.messageId))!), 'utf8'));
    expect(written).toEqual({ ...message, messageId: first.messageId, createdAt: '2026-12-04T19:50:10.123Z' });
  });

  it('logs subject and count, not the body', async () => {
    await sender.send(message);

    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Email written to the outbox: Epicor connection down: Mobile Field Service (Live)');
    expect(lines[0]).toContain('recipientCount=2');
    expect(lines[0]).not.toContain('The body with details');
    expect(lines[0]).not.toContain('admin@contoso.example');
  });

  it('kind tag is sanitized in file name', async () => {
    await sender.send({ ...message, tags: { kind: '../../etc' } });

    expect(readdirSync(directory)[0]).toMatch(/-etc-[0-9a-f-]{36}\.json$/);
  });
});
