import { checkPoisonQueueName, previewQueueItem } from './checkMessage';
import type { MonitorInvocation } from './monitorInvocation';

/**
 * Records a check message that the Functions host moved to the poison queue
 * after its last failed delivery: an error line and the `PoisonMessage`
 * event with the start of the message. The message is then complete.
 */
export function recordPoisonMessage(queueItem: unknown, invocation: MonitorInvocation): void {
  const messagePreview = previewQueueItem(queueItem);
  invocation.logger.error('A connection check failed every delivery and reached the poison queue; its check did not run', {
    queueName: checkPoisonQueueName,
    message: messagePreview,
  });
  invocation.emit('PoisonMessage', { queueName: checkPoisonQueueName, messagePreview });
}
