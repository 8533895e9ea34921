import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../shared/logger';
import type { EmailMessage, EmailReceipt, EmailSender } from './emailSender';

/** One outbox file: the message as it would have been sent. */
export interface OutboxEmail extends EmailMessage {
  messageId: string;
  /** When the message was written, ISO 8601 UTC. */
  createdAt: string;
}

/**
 * Writes each email as a JSON file into a local folder instead of sending
 * it, for the embedded default and demos. Files are named
 * `<time>-<kind>-<message id>.json`, so they sort by time, and each appears
 * complete (written under a temporary name, then renamed).
 */
export class OutboxEmailSender implements EmailSender {
  constructor(
    readonly directory: string,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(message: EmailMessage): Promise<EmailReceipt> {
    const messageId = randomUUID();
    const createdAt = this.now();
    const kind = (message.tags.kind ?? '').replace(/[^A-Za-z0-9-]/g, '') || 'email';
    const name = `${createdAt.toISOString().replace(/[:.]/g, '-')}-${kind}-${messageId}.json`;
    const email: OutboxEmail = { ...message, messageId, createdAt: createdAt.toISOString() };

    await mkdir(this.directory, { recursive: true });
    const temporary = join(this.directory, `.${name}.tmp`);
    await writeFile(temporary, `${JSON.stringify(email, null, 2)}\n`, 'utf8');
    await rename(temporary, join(this.directory, name));

    this.logger.info(`Email written to the outbox: ${message.subject}`, { file: name, recipientCount: message.to.length, ...message.tags });
    return { messageId };
  }
}
