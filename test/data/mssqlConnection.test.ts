import { createTediousConfig, parseMssqlConnectionString } from '../../src/data/mssqlConnection';

describe('parseMssqlConnectionString', () => {
  it('reads an Azure SQL managed-identity string', () => {
    const parts = parseMssqlConnectionString(
      'Server=tcp:portal.database.windows.net,1433;Database=GHALicensePortal;Authentication=Active Directory Managed Identity;Encrypt=True',
    );

    expect(parts).toMatchObject({ server: 'portal.database.windows.net', port: 1433, database: 'GHALicensePortal', authentication: 'managedIdentity', encrypt: true });
  });

  it('reads a SQL login with Data Source and Initial Catalog', () => {
    const parts = parseMssqlConnectionString('Data Source=sql01;Initial Catalog=Cust1;User ID=app;Password=p@ss;TrustServerCertificate=true');

    expect(parts).toMatchObject({ server: 'sql01', port: 1433, database: 'Cust1', authentication: 'sqlPassword', userId: 'app', trustServerCertificate: true });
  });

  it.each([
    ['Database=x', 'no Server key'],
    ['Server=sql01', 'no Database key'],
    ['Server=sql01,99999;Database=x', 'invalid port'],
    ['Server=sql01;Database=x;Authentication=Kerberos', 'unsupported Authentication'],
    ['Server=sql01;Database=x;Authentication=Sql Password;User Id=app', 'lacks "User Id" or "Password"'],
  ])('rejects %s', (connectionString, expected) => {
    expect(() => parseMssqlConnectionString(connectionString)).toThrow(expected);
  });

  it('never puts the password in an error', () => {
    let message = '';
    try {
      parseMssqlConnectionString('Server=sql01,abc;Database=x;Password=hunter2');
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toContain('invalid port');
    expect(message).not.toContain('hunter2');
  });

  it('builds a token credential configuration for managed identity', async () => {
    const config = await createTediousConfig('Server=tcp:portal.database.windows.net;Database=P;Authentication=Active Directory Managed Identity');

    expect(config.authentication?.type).toBe('token-credential');
    expect(config.options?.database).toBe('P');
    expect(config.options?.encrypt).toBe(true);
  });
});
