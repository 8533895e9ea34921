import type { Kysely } from 'kysely';
import { getSettings, type Settings } from '../config/settings';
import { portalTables } from '../data/expectedSchema';
import { openDatabase, type DatabaseHandle } from '../data/openDatabase';
import { PortalDirectory } from '../data/portalDirectory';
import type { PortalDatabase } from '../data/portalSchema';
import { assertSchema } from '../data/schemaCheck';
import { TenantDatabases } from '../data/tenantDatabases';
import { CachingSecretStore } from '../secrets/cachingSecretStore';
import { LocalSecretStore } from '../secrets/localSecretStore';
import type { SecretStore } from '../secrets/secretStore';
import { createEmailSender } from '../notify/createEmailSender';
import type { EmailSender } from '../notify/emailSender';
import { describeError } from '../shared/errors';
import { createLogger } from '../shared/logger';
import { systemClock, type Clock } from './clock';

/**
 * Everything the functions share across invocations: settings, pooled
 * databases and clients. Built once per process by {@link getServices}.
 */
export interface Services {
  settings: Settings;
  clock: Clock;
  portal: DatabaseHandle<PortalDatabase>;
  portalDb: Kysely<PortalDatabase>;
  directory: PortalDirectory;
  secrets: SecretStore;
  tenants: TenantDatabases;
  /** Outage and recovery emails: Communication Services in Azure, the outbox locally. */
  emailSender: EmailSender;
  /** Closes pools; called by the host's terminate hook. */
  close(): Promise<void>;
}

/** Raised when the License Portal database cannot be opened or lacks tables. */
export class PortalDatabaseError extends Error {
  constructor(label: string, cause: unknown) {
    super(`License Portal database ${label} is unavailable: ${describeError(cause)}`, { cause });
    this.name = 'PortalDatabaseError';
  }
}

function createSecretStore(settings: Settings): SecretStore {
  if (settings.Secrets__Source === 'local') {
    return new CachingSecretStore(new LocalSecretStore(settings.Secrets__LocalFile ?? ''), settings.Secrets__CacheSeconds * 1000);
  }
  // The Key Vault and identity SDKs load on the first secret read, which keeps them out of cold start.
  let vault: Promise<SecretStore> | undefined;
  const lazyVault: SecretStore = {
    getSecret: async (name) => {
      vault ??= import('../secrets/keyVaultSecretStore').then(({ KeyVaultSecretStore }) => new KeyVaultSecretStore(settings.Secrets__KeyVaultUrl ?? ''));
      return (await vault).getSecret(name);
    },
  };
  return new CachingSecretStore(lazyVault, settings.Secrets__CacheSeconds * 1000);
}

/** Builds the services from settings; the portal database schema is checked before use. */
export async function createServices(settings: Settings, clock: Clock = systemClock): Promise<Services> {
  const portal = await openDatabase<PortalDatabase>(settings.LicensePortalDatabase);
  try {
    await assertSchema(portal.db as Kysely<unknown>, portal.label, portalTables);
  } catch (error) {
    await portal.close();
    throw error instanceof Error && error.name === 'SchemaMismatchError' ? error : new PortalDatabaseError(portal.label, error);
  }

  const secrets = createSecretStore(settings);
  const tenants = new TenantDatabases(secrets);
  return {
    settings,
    clock,
    portal,
    portalDb: portal.db,
    directory: new PortalDirectory(portal.db),
    secrets,
    tenants,
    emailSender: createEmailSender(settings, createLogger(console)),
    close: async () => {
      await tenants.closeAll();
      await portal.close();
    },
  };
}

let shared: Promise<Services> | undefined;

/**
 * Returns the process's services, building them on first use. A failed build
 * is not kept, so the next invocation tries again (for example once the
 * database is reachable).
 */
export function getServices(): Promise<Services> {
  if (!shared) {
    const building = createServices(getSettings());
    shared = building;
    building.catch(() => {
      if (shared === building) {
        shared = undefined;
      }
    });
  }
  return shared;
}

/** Replaces the process's services, for the local host and tests that build their own. */
export function setServices(services: Promise<Services> | undefined): void {
  shared = services;
}

/** Closes the process's services if they were built. */
export async function closeServices(): Promise<void> {
  const current = shared;
  shared = undefined;
  if (current) {
    await (await current).close();
  }
}
