import type { Kysely } from 'kysely';
import type { SecretStore } from '../secrets/secretStore';
import { customerTables } from './expectedSchema';
import { assertSchema } from './schemaCheck';
import type { CustomerDatabase } from './customerSchema';
import { openDatabase, type DatabaseHandle } from './openDatabase';
import type { Customer } from './portalDirectory';

interface OpenEntry {
  connectionString: string;
  handle: Promise<DatabaseHandle<CustomerDatabase>>;
}

/** Opens a customer database and checks its schema once, naming any missing table or column. */
async function openCheckedCustomerDatabase(connectionString: string, maxConnections: number): Promise<DatabaseHandle<CustomerDatabase>> {
  const handle = await openDatabase<CustomerDatabase>(connectionString, { maxConnections });
  try {
    await assertSchema(handle.db as Kysely<unknown>, handle.label, customerTables);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/**
 * Opens each customer's database once and reuses its pool across
 * invocations. The connection string comes from the secret named by the
 * customer; when the secret's value changes the old pool is closed.
 */
export class TenantDatabases {
  readonly #open = new Map<string, OpenEntry>();

  constructor(
    private readonly secrets: SecretStore,
    private readonly maxConnectionsPerCustomer = 4,
  ) {}

  /** Returns the pooled database of a customer, opening it on first use. */
  async forCustomer(customer: Customer): Promise<DatabaseHandle<CustomerDatabase>> {
    const connectionString = await this.secrets.getSecret(customer.databaseSecretName);
    const existing = this.#open.get(customer.id);
    if (existing && existing.connectionString === connectionString) {
      return existing.handle;
    }
    if (existing) {
      this.#open.delete(customer.id);
      // A pool that failed to open has nothing to close, so that rejection is ignored.
      void existing.handle.then((handle) => handle.close()).catch(() => undefined);
    }

    const handle = openCheckedCustomerDatabase(connectionString, this.maxConnectionsPerCustomer);
    this.#open.set(customer.id, { connectionString, handle });
    // A failed open is not kept, so the next invocation tries again.
    handle.catch(() => {
      if (this.#open.get(customer.id)?.handle === handle) {
        this.#open.delete(customer.id);
      }
    });
    return handle;
  }

  /** Closes every pool; called when the host shuts down. */
  async closeAll(): Promise<void> {
    const entries = [...this.#open.values()];
    this.#open.clear();
    await Promise.allSettled(entries.map(async (entry) => (await entry.handle).close()));
  }
}
