import type { Settings } from '../config/settings';
import type { Logger } from '../shared/logger';
import type { EmailSender } from './emailSender';
import { OutboxEmailSender } from './outboxEmailSender';

/** Settings that choose and configure the email sender. */
export type EmailSettings = Pick<Settings, 'Email__Mode' | 'Email__Endpoint' | 'Email__Sender' | 'Email__OutboxDir' | 'Email__TimeoutSeconds'>;

/**
 * Creates the email sender that `Email__Mode` selects: Azure Communication
 * Services (`acs`, authenticated with the managed identity) or a local
 * outbox folder (`outbox`). Throws naming the missing setting.
 */
export function createEmailSender(settings: EmailSettings, logger: Logger): EmailSender {
  if (settings.Email__Mode === 'outbox') {
    if (!settings.Email__OutboxDir) {
      throw new Error('Email__OutboxDir is required when Email__Mode is "outbox": set it to the folder that receives each email');
    }
    return new OutboxEmailSender(settings.Email__OutboxDir, logger);
  }

  if (!settings.Email__Endpoint || !settings.Email__Sender) {
    throw new Error(
      'Email__Endpoint and Email__Sender are required when Email__Mode is "acs": set the Communication Services endpoint and a sender address on its verified domain',
    );
  }
  const options = {
    endpoint: settings.Email__Endpoint,
    senderAddress: settings.Email__Sender,
    timeoutMs: settings.Email__TimeoutSeconds * 1000,
  };
  // The Communication Services and identity SDKs load on the first email, which keeps them out of cold start.
  let sender: Promise<EmailSender> | undefined;
  return {
    send: async (message) => {
      sender ??= import('./acsEmailSender').then(({ AcsEmailSender }) => AcsEmailSender.create(options));
      return (await sender).send(message);
    },
  };
}
