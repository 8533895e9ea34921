import type { Kysely } from 'kysely';
import { resolveEpicorConnection, type ResolvedEpicorConnection } from '../app/epicorTargets';
import type { CustomerDatabase } from '../data/customerSchema';
import type { Environment } from '../data/environments';
import type { Application } from '../data/portalDirectory';
import { getEpicorConnection } from '../data/epicorConnections';
import { SecretNotFoundError, type SecretStore } from '../secrets/secretStore';
import { connectionKey } from './openOutages';

/** A connection ready to call, or why a message for it cannot be sent. */
export type ConnectionTarget = { ok: true; target: ResolvedEpicorConnection } | { ok: false; reason: string };

/**
 * Resolves the Epicor connection of each application and environment once
 * per request: the customer's EpicorConnection row with its credentials from
 * secrets. A missing or disabled connection, or a missing secret, gives a
 * reason instead of a target.
 */
export class ConnectionTargets {
  readonly #resolved = new Map<string, Promise<ConnectionTarget>>();

  constructor(
    private readonly db: Kysely<CustomerDatabase>,
    private readonly secrets: SecretStore,
    private readonly applications: ReadonlyMap<string, Application> = new Map(),
  ) {}

  /** Returns the target of one application and environment. */
  get(applicationId: string, environment: Environment): Promise<ConnectionTarget> {
    const key = connectionKey(applicationId, environment);
    let resolved = this.#resolved.get(key);
    if (!resolved) {
      resolved = this.#resolve(applicationId, environment);
      this.#resolved.set(key, resolved);
    }
    return resolved;
  }

  async #resolve(applicationId: string, environment: Environment): Promise<ConnectionTarget> {
    const name = this.applications.get(applicationId)?.name;
    const application = name === undefined ? `application ${applicationId}` : name;
    const record = await getEpicorConnection(this.db, applicationId, environment);
    if (!record) {
      return { ok: false, reason: `No Epicor connection is configured for ${application} (${environment}); add one, then resend.` };
    }
    if (!record.enabled) {
      return { ok: false, reason: `The Epicor connection for ${application} (${environment}) is disabled; enable it, then resend.` };
    }
    try {
      return { ok: true, target: await resolveEpicorConnection(record, this.secrets) };
    } catch (error) {
      if (error instanceof SecretNotFoundError) {
        return { ok: false, reason: `The credentials of the Epicor connection for ${application} (${environment}) are missing: secret "${error.secretName}" was not found.` };
      }
      throw error;
    }
  }
}
