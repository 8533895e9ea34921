import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Customer } from '../../src/data/portalDirectory';
import { TenantDatabases } from '../../src/data/tenantDatabases';
import type { SecretStore } from '../../src/secrets/secretStore';
import { createSqliteTestDatabases, type TestDatabases } from '../support/databases';

class MapSecretStore implements SecretStore {
  constructor(readonly values: Map<string, string>) {}

  getSecret(name: string): Promise<string> {
    const value = this.values.get(name);
    return value === undefined ? Promise.reject(new Error(`no secret ${name}`)) : Promise.resolve(value);
  }
}

const customer: Customer = {
  id: 'c0000000-0000-4000-8000-0000000000aa',
  name: 'Pool Test Ltd',
  isActive: true,
  databaseSecretName: 'pool-test-db',
  timeZone: null,
};

describe('TenantDatabases', () => {
  let first: TestDatabases;
  let second: TestDatabases;
  let emptyFolder: string;

  beforeAll(async () => {
    first = await createSqliteTestDatabases();
    second = await createSqliteTestDatabases();
    emptyFolder = mkdtempSync(join(tmpdir(), 'sync-guard-empty-'));
  });

  afterAll(async () => {
    await first.close();
    await second.close();
    rmSync(emptyFolder, { recursive: true, force: true });
  });

  it('reuses one pool per customer', async () => {
    const tenants = new TenantDatabases(new MapSecretStore(new Map([['pool-test-db', first.customerConnectionString]])));

    const [a, b] = await Promise.all([tenants.forCustomer(customer), tenants.forCustomer(customer)]);
    const c = await tenants.forCustomer(customer);

    expect(a).toBe(b);
    expect(a).toBe(c);
    await tenants.closeAll();
  });

  it('reopens when the secret changes', async () => {
    const secrets = new Map([['pool-test-db', first.customerConnectionString]]);
    const tenants = new TenantDatabases(new MapSecretStore(secrets));
    const before = await tenants.forCustomer(customer);

    secrets.set('pool-test-db', second.customerConnectionString);
    const after = await tenants.forCustomer(customer);

    expect(after).not.toBe(before);
    expect(after.label).toBe(second.customerConnectionString.slice('sqlite:'.length));
    await tenants.closeAll();
  });

  it('names missing tables of a customer database', async () => {
    const tenants = new TenantDatabases(new MapSecretStore(new Map([['pool-test-db', `sqlite:${join(emptyFolder, 'empty.db')}`]])));

    const opening = tenants.forCustomer(customer);

    await expect(opening).rejects.toThrow('table EpicorConnection is missing');
    await tenants.closeAll();
  });
});
