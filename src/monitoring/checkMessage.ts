import { z } from 'zod';
import { environments, type Environment } from '../data/environments';

/** Storage queue that carries one message per connection check. */
export const checkQueueName = 'epicor-connection-checks';

/** Queue that the Functions host moves a check message to after its last failed delivery. */
export const checkPoisonQueueName = `${checkQueueName}-poison`;

/** Characters of a rejected or poisoned message that a log line shows. */
export const messagePreviewLength = 500;

/** One customer's Epicor connection for one application and environment. */
export interface CheckTarget {
  customerId: string;
  applicationId: string;
  environment: Environment;
}

/** A queued connection check: the target and the schedule occurrence it was enqueued for. */
export interface CheckMessage extends CheckTarget {
  /** The schedule occurrence, not the time the timer happened to run. */
  scheduledFor: Date;
}

const guid = z.guid().transform((value) => value.toLowerCase());

// Unknown fields are ignored, so that messages of a newer timer still check during a deployment.
const checkMessageSchema = z.object({
  customerId: guid,
  applicationId: guid,
  environment: z.enum(environments),
  scheduledFor: z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
});

/** The JSON form of a {@link CheckMessage}, as the timer writes it to the queue. */
export interface CheckMessageBody {
  customerId: string;
  applicationId: string;
  environment: Environment;
  scheduledFor: string;
}

export type ParsedCheckMessage = { ok: true; message: CheckMessage } | { ok: false; reason: string };

/** Converts a check message to the JSON object that goes on the queue. */
export function toCheckMessageBody(message: CheckMessage): CheckMessageBody {
  return {
    customerId: message.customerId,
    applicationId: message.applicationId,
    environment: message.environment,
    scheduledFor: message.scheduledFor.toISOString(),
  };
}

/**
 * Validates a queue item as a check message. The Functions host passes a
 * JSON message as the parsed object and anything else as text, so both
 * forms are accepted.
 */
export function parseCheckMessage(queueItem: unknown): ParsedCheckMessage {
  let value = queueItem;
  if (typeof queueItem === 'string' || Buffer.isBuffer(queueItem)) {
    try {
      value = JSON.parse(queueItem.toString()) as unknown;
    } catch {
      return { ok: false, reason: 'the message is not JSON' };
    }
  }

  const result = checkMessageSchema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'message'}: ${issue.message}`);
    return { ok: false, reason: problems.join('; ') };
  }
  return { ok: true, message: result.data };
}

/** Returns the start of a queue item as text, at most `maxLength` characters, for a log line. */
export function previewQueueItem(queueItem: unknown, maxLength = messagePreviewLength): string {
  let text: string;
  if (typeof queueItem === 'string') {
    text = queueItem;
  } else if (Buffer.isBuffer(queueItem)) {
    text = queueItem.toString('utf8', 0, maxLength * 4);
  } else {
    text = JSON.stringify(queueItem) ?? String(queueItem);
  }
  return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}
