import { app, type InvocationContext } from '@azure/functions';
import { checkPoisonQueueName } from '../monitoring/checkMessage';
import { monitorInvocation } from '../monitoring/monitorInvocation';
import { recordPoisonMessage } from '../monitoring/poisonMessage';

/**
 * Queue trigger on the poison queue: records a check message that failed
 * every delivery, then completes it. It needs no database, so it works while
 * the faults that poisoned the message last.
 */
export function recordPoisonCheck(queueItem: unknown, context: InvocationContext): void {
  recordPoisonMessage(queueItem, monitorInvocation(context));
}

app.storageQueue('recordPoisonCheck', {
  queueName: checkPoisonQueueName,
  connection: 'AzureWebJobsStorage',
  handler: recordPoisonCheck,
});
