import { app, type HttpResponseInit } from '@azure/functions';
import { getServices } from '../app/services';
import { SettingsError } from '../config/settings';
import { SchemaMismatchError } from '../data/schemaCheck';
import { describeError } from '../shared/errors';
import { createLogger } from '../shared/logger';

/** Names the failing part without internal detail; the log line has the cause. */
function summarizeFailure(error: unknown): string {
  if (error instanceof SettingsError) {
    return 'App settings are invalid; see the function log for each setting';
  }
  if (error instanceof SchemaMismatchError) {
    return 'The License Portal database lacks expected tables or columns; see the function log';
  }
  return 'The License Portal database is unavailable; see the function log';
}

/**
 * Reports whether the app can serve: settings valid and the License Portal
 * database reachable with the expected schema. Anonymous by design, so it
 * returns no customer data and no connection details beyond the database name.
 */
app.http('health', {
  methods: ['GET'],
  route: 'health',
  authLevel: 'anonymous',
  handler: async (_request, context): Promise<HttpResponseInit> => {
    const logger = createLogger(context);
    try {
      const services = await getServices();
      await services.directory.listApplications();
      return { status: 200, jsonBody: { status: 'ok', checkedAt: services.clock().toISOString() } };
    } catch (error) {
      logger.error('Health check failed', { error: describeError(error) });
      return { status: 503, jsonBody: { status: 'unavailable', reason: summarizeFailure(error) } };
    }
  },
});
