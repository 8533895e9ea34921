/** One email, as plain text and HTML. */
export interface EmailMessage {
  to: readonly string[];
  subject: string;
  text: string;
  html: string;
  /** Ids for logs and the outbox file name, never shown to recipients. */
  tags: Record<string, string>;
}

/** Result of a send that the email service accepted. */
export interface EmailReceipt {
  /** The provider's message or operation id, for tracing a delivery. */
  messageId: string;
}

/**
 * Sends email: Azure Communication Services in Azure, a local outbox folder
 * in the embedded default. Throws when the message was not accepted; the
 * caller keeps the claim so that the next check retries it.
 */
export interface EmailSender {
  send(message: EmailMessage): Promise<EmailReceipt>;
}
