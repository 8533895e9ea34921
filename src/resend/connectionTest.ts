import type { Kysely } from 'kysely';
import type { Clock } from '../app/clock';
import { epicorCallSettings, resolveEpicorConnection } from '../app/epicorTargets';
import type { Settings } from '../config/settings';
import type { CustomerDatabase } from '../data/customerSchema';
import type { Environment } from '../data/environments';
import { getEpicorConnection } from '../data/epicorConnections';
import { testConnection, type ConnectionTestResult } from '../epicor/testConnection';
import type { SecretStore } from '../secrets/secretStore';
import { notFoundError } from '../shared/errors';

/**
 * Tests one Epicor connection of a customer now, enabled or not, with the
 * address guard and timeout of the scheduled checks. Throws `notFound` when
 * the customer has no connection for that application and environment; a
 * missing credentials secret propagates as `SecretNotFoundError`.
 */
export async function testCustomerConnection(
  customerDb: Kysely<CustomerDatabase>,
  dependencies: { secrets: SecretStore; settings: Settings; clock: Clock },
  applicationId: string,
  environment: Environment,
): Promise<ConnectionTestResult> {
  const record = await getEpicorConnection(customerDb, applicationId, environment);
  if (!record) {
    throw notFoundError(`No Epicor connection is configured for application ${applicationId} (${environment}); check the application id and environment.`);
  }
  const target = await resolveEpicorConnection(record, dependencies.secrets);
  return testConnection(target, { ...epicorCallSettings(dependencies.settings), now: dependencies.clock });
}
