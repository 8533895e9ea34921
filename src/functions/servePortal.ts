import { app } from '@azure/functions';
import { createPortalHandler } from '../portal/portalHandler';
import { findStaticFolder } from '../portal/staticFolder';

/**
 * Serves the failed-transactions screen (index.html, app.js, app.css) under
 * /api/portal/. Anonymous by design: the page contains no data, and every API
 * call it makes carries the user's bearer token, which the API verifies in code.
 */
app.http('servePortal', {
  methods: ['GET'],
  route: 'portal/{*path}',
  authLevel: 'anonymous',
  // Found on the first request, so that missing screen files do not stop the rest of the app.
  handler: createPortalHandler({ staticFolder: () => findStaticFolder() }),
});
