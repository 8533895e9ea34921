import { app, output, type InvocationContext, type Timer } from '@azure/functions';
import { checkQueueName } from '../monitoring/checkMessage';
import { getMonitor } from '../monitoring/getMonitor';
import { monitorInvocation } from '../monitoring/monitorInvocation';

/** Queue output of the fan-out: set once per run with the array of check messages. */
export const checkQueueOutput = output.storageQueue({ queueName: checkQueueName, connection: 'AzureWebJobsStorage' });

/**
 * Timer trigger: enqueues one connection check per active customer,
 * application and environment with an enabled Epicor connection.
 */
export async function scheduleConnectionChecks(timer: Timer, context: InvocationContext): Promise<void> {
  const invocation = monitorInvocation(context);
  if (timer.isPastDue) {
    invocation.logger.info('The timer runs late, for example after a restart; this run schedules the current interval');
  }

  const monitor = await getMonitor();
  const cycle = await monitor.scheduleChecks(invocation);
  context.extraOutputs.set(checkQueueOutput, cycle.messages);
}

app.timer('scheduleConnectionChecks', {
  schedule: '%CheckSchedule%',
  runOnStartup: false,
  useMonitor: true,
  extraOutputs: [checkQueueOutput],
  handler: scheduleConnectionChecks,
});
