import type { ConnectionConfiguration } from 'tedious';
import type { TokenCredential } from '@azure/identity';

/** Parts of an ADO.NET-style SQL Server connection string that this service uses. */
export interface MssqlConnectionParts {
  server: string;
  port: number;
  database: string;
  authentication: 'managedIdentity' | 'default' | 'sqlPassword';
  userId: string | undefined;
  password: string | undefined;
  encrypt: boolean;
  trustServerCertificate: boolean;
  connectTimeoutMs: number;
}

const authenticationAliases: Record<string, MssqlConnectionParts['authentication']> = {
  'active directory managed identity': 'managedIdentity',
  'active directory msi': 'managedIdentity',
  'active directory default': 'default',
  'sql password': 'sqlPassword',
  sqlpassword: 'sqlPassword',
};

/**
 * Parses an ADO.NET-style connection string (`Server=tcp:host,1433;Database=db;...`).
 * Error messages name the key at fault and never include the string itself,
 * since it may contain a password.
 */
export function parseMssqlConnectionString(connectionString: string): MssqlConnectionParts {
  const pairs = new Map<string, string>();
  for (const segment of connectionString.split(';')) {
    const separator = segment.indexOf('=');
    if (separator <= 0) {
      continue;
    }
    pairs.set(segment.slice(0, separator).trim().toLowerCase(), segment.slice(separator + 1).trim());
  }

  const serverText = pairs.get('server') ?? pairs.get('data source') ?? pairs.get('address');
  if (!serverText) {
    throw new Error('The SQL Server connection string has no Server key: add "Server=tcp:<host>,1433"');
  }
  const [hostText, portText] = serverText.replace(/^tcp:/i, '').split(',');
  const port = portText === undefined ? 1433 : Number(portText.trim());
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error('The SQL Server connection string has an invalid port after the server name: use "host,1433"');
  }

  const database = pairs.get('database') ?? pairs.get('initial catalog');
  if (!database) {
    throw new Error('The SQL Server connection string has no Database key: add "Database=<name>"');
  }

  const userId = pairs.get('user id') ?? pairs.get('uid') ?? pairs.get('user');
  const password = pairs.get('password') ?? pairs.get('pwd');
  const authenticationText = pairs.get('authentication')?.toLowerCase();
  let authentication: MssqlConnectionParts['authentication'];
  if (authenticationText === undefined) {
    authentication = password === undefined ? 'default' : 'sqlPassword';
  } else {
    const known = authenticationAliases[authenticationText];
    if (!known) {
      throw new Error(
        `The SQL Server connection string has an unsupported Authentication "${pairs.get('authentication')}": use "Active Directory Managed Identity", "Active Directory Default" or "Sql Password"`,
      );
    }
    authentication = known;
  }
  if (authentication === 'sqlPassword' && (userId === undefined || password === undefined)) {
    throw new Error('The SQL Server connection string uses SQL authentication but lacks "User Id" or "Password"');
  }

  const flag = (key: string, fallback: boolean): boolean => {
    const value = pairs.get(key)?.toLowerCase();
    return value === undefined ? fallback : value === 'true' || value === 'yes' || value === 'mandatory';
  };

  return {
    server: (hostText ?? '').trim(),
    port,
    database,
    authentication,
    userId,
    password,
    encrypt: flag('encrypt', true),
    trustServerCertificate: flag('trustservercertificate', false),
    connectTimeoutMs: Number(pairs.get('connect timeout') ?? pairs.get('connection timeout') ?? 30) * 1000,
  };
}

/**
 * Builds a `tedious` configuration from a connection string. Entra ID
 * authentication (managed identity in Azure, developer credentials elsewhere)
 * uses a credential from `@azure/identity`, so no SQL password is needed.
 */
export async function createTediousConfig(connectionString: string): Promise<ConnectionConfiguration> {
  const parts = parseMssqlConnectionString(connectionString);
  const options: ConnectionConfiguration['options'] = {
    database: parts.database,
    port: parts.port,
    encrypt: parts.encrypt,
    trustServerCertificate: parts.trustServerCertificate,
    connectTimeout: parts.connectTimeoutMs,
    requestTimeout: 30_000,
    useUTC: true,
  };

  if (parts.authentication === 'sqlPassword') {
    return {
      server: parts.server,
      options,
      authentication: { type: 'default', options: { userName: parts.userId, password: parts.password } },
    };
  }

  const identity = await import('@azure/identity');
  const credential: TokenCredential =
    parts.authentication === 'managedIdentity'
      ? new identity.ManagedIdentityCredential(parts.userId ? { clientId: parts.userId } : {})
      : new identity.DefaultAzureCredential();
  return {
    server: parts.server,
    options,
    authentication: { type: 'token-credential', options: { credential } },
  };
}
