import { createEmailSender, type EmailSettings } from '../../src/notify/createEmailSender';
import { OutboxEmailSender } from '../../src/notify/outboxEmailSender';
import { createLogger } from '../../src/shared/logger';

const logger = createLogger(console);
const base: EmailSettings = { Email__Mode: 'outbox', Email__OutboxDir: '.local/outbox', Email__TimeoutSeconds: 30, Email__Endpoint: undefined, Email__Sender: undefined };

describe('createEmailSender', () => {
  it('outbox mode writes to the folder', () => {
    const sender = createEmailSender(base, logger);

    expect(sender).toBeInstanceOf(OutboxEmailSender);
    expect((sender as OutboxEmailSender).directory).toBe('.local/outbox');
  });

  it('acs mode defers to Communication Services', () => {
    const sender = createEmailSender(
      { ...base, Email__Mode: 'acs', Email__Endpoint: 'https://sync-guard.europe.communication.azure.com', Email__Sender: 'DoNotReply@vendor.example' },
      logger,
    );

    // The Communication Services client is created on the first send, so no request is made here.
    expect(sender).not.toBeInstanceOf(OutboxEmailSender);
    expect(typeof sender.send).toBe('function');
  });

  it.each<[string, EmailSettings, string]>([
    ['outbox without folder', { ...base, Email__OutboxDir: undefined }, 'Email__OutboxDir is required'],
    ['acs without endpoint', { ...base, Email__Mode: 'acs', Email__Sender: 'DoNotReply@vendor.example' }, 'Email__Endpoint and Email__Sender are required'],
  ])('%s is rejected', (_case, settings, message) => {
    const creating = () => createEmailSender(settings, logger);

    expect(creating).toThrow(message);
  });
});
