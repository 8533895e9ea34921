import { getServices, type Services } from '../app/services';
import { createMonitor, type Monitor } from './createMonitor';

const monitors = new WeakMap<Services, Monitor>();

/**
 * Returns the monitor over the process's services, building it once per
 * services object, so that tests and the local host that replace the
 * services with `setServices` get a monitor over theirs.
 */
export async function getMonitor(): Promise<Monitor> {
  const services = await getServices();
  let monitor = monitors.get(services);
  if (!monitor) {
    monitor = createMonitor(services, { emailSender: services.emailSender });
    monitors.set(services, monitor);
  }
  return monitor;
}
