import { CachingSecretStore } from '../../src/secrets/cachingSecretStore';
import { SecretNotFoundError, type SecretStore } from '../../src/secrets/secretStore';

class CountingStore implements SecretStore {
  reads = 0;
  values = new Map<string, string>([['db', 'sqlite:one.db']]);
  pending: (() => void)[] = [];

  getSecret(name: string): Promise<string> {
    this.reads += 1;
    return new Promise((resolve, reject) => {
      this.pending.push(() => {
        const value = this.values.get(name);
        if (value === undefined) {
          reject(new SecretNotFoundError(name, 'test store'));
        } else {
          resolve(value);
        }
      });
    });
  }

  release(): void {
    for (const finish of this.pending.splice(0)) {
      finish();
    }
  }
}

describe('CachingSecretStore', () => {
  it('shares one in-flight read per secret', async () => {
    const inner = new CountingStore();
    const store = new CachingSecretStore(inner, 1000, () => 0);

    const reads = Promise.all([store.getSecret('db'), store.getSecret('db'), store.getSecret('db')]);
    inner.release();

    await expect(reads).resolves.toEqual(['sqlite:one.db', 'sqlite:one.db', 'sqlite:one.db']);
    expect(inner.reads).toBe(1);
  });

  it('reads again after the expiry', async () => {
    const inner = new CountingStore();
    let now = 0;
    const store = new CachingSecretStore(inner, 1000, () => now);
    const first = store.getSecret('db');
    inner.release();
    await first;

    now = 999;
    await store.getSecret('db');
    now = 1000;
    inner.values.set('db', 'sqlite:two.db');
    const refreshed = store.getSecret('db');
    inner.release();

    await expect(refreshed).resolves.toBe('sqlite:two.db');
    expect(inner.reads).toBe(2);
  });

  it('does not cache a failed read', async () => {
    const inner = new CountingStore();
    const store = new CachingSecretStore(inner, 1000, () => 0);
    const missing = store.getSecret('absent');
    inner.release();
    await expect(missing).rejects.toThrow('Secret "absent" was not found in test store');

    inner.values.set('absent', 'now here');
    const retried = store.getSecret('absent');
    inner.release();

    await expect(retried).resolves.toBe('now here');
  });
});
