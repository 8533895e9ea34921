import type { SecretStore } from './secretStore';

interface CacheEntry {
  value: string;
  expiresAt: number;
}

/**
 * Caches secrets for a fixed time and shares one in-flight read per secret,
 * so a fan-out over many customers reads each secret from the vault once.
 * Failed reads are not cached.
 */
export class CachingSecretStore implements SecretStore {
  readonly #cache = new Map<string, CacheEntry>();
  readonly #inFlight = new Map<string, Promise<string>>();

  /**
   * @param inner the store that really reads secrets
   * @param ttlMs how long a value is reused, in milliseconds
   * @param now clock in milliseconds since the epoch, injectable for tests
   */
  constructor(
    private readonly inner: SecretStore,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  getSecret(name: string): Promise<string> {
    const cached = this.#cache.get(name);
    if (cached && cached.expiresAt > this.now()) {
      return Promise.resolve(cached.value);
    }

    const pending = this.#inFlight.get(name);
    if (pending) {
      return pending;
    }

    const read = this.inner
      .getSecret(name)
      .then((value) => {
        this.#cache.set(name, { value, expiresAt: this.now() + this.ttlMs });
        return value;
      })
      .finally(() => this.#inFlight.delete(name));
    this.#inFlight.set(name, read);
    return read;
  }

  /** Drops a cached value, for example after a connection string stopped working. */
  invalidate(name: string): void {
    this.#cache.delete(name);
  }
}
