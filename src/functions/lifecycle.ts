import { app } from '@azure/functions';
import { closeServices } from '../app/services';

// Pools of the portal and customer databases stay open across invocations and close with the host.
app.hook.appTerminate(async () => {
  await closeServices();
});
