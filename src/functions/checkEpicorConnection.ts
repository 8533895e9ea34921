import { app, type InvocationContext } from '@azure/functions';
import { z } from 'zod';
import { checkQueueName } from '../monitoring/checkMessage';
import { getMonitor } from '../monitoring/getMonitor';
import { monitorInvocation } from '../monitoring/monitorInvocation';

const deliverySchema = z.object({ dequeueCount: z.coerce.number().int().min(1).catch(1) }).catch({ dequeueCount: 1 });

/**
 * Queue trigger: runs one connection check. Returning completes the message;
 * throwing makes the host redeliver it and, after the last delivery, move it
 * to the poison queue.
 */
export async function checkEpicorConnection(queueItem: unknown, context: InvocationContext): Promise<void> {
  const delivery = deliverySchema.parse(context.triggerMetadata ?? {});
  const monitor = await getMonitor();
  await monitor.checkConnection(queueItem, monitorInvocation(context), delivery);
}

app.storageQueue('checkEpicorConnection', {
  queueName: checkQueueName,
  connection: 'AzureWebJobsStorage',
  handler: checkEpicorConnection,
});
