import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  openTediousExecutor,
  parseApplySqlScriptsArguments,
  runApplySqlScripts,
  type OpenSqlBatchExecutor,
} from '../../src/cli/applySqlScripts';
import { readEnvironmentValue } from '../../src/config/settings';
import { customerTables, portalTables, type ExpectedTable } from '../../src/data/expectedSchema';
import { createTediousConfig } from '../../src/data/mssqlConnection';
import {
  applySqlScripts,
  findPackageRoot,
  listSqlScripts,
  splitSqlBatches,
  SqlScriptError,
  type SqlScript,
} from '../../src/data/sqlScripts';

const repositoryRoot = path.resolve(__dirname, '..', '..');
const sqlRoot = path.join(repositoryRoot, 'sql', 'mssql');

/** Removes `--` line comments and block comments; the scripts have no `--` inside string literals. */
function stripComments(sql: string): string {
  return sql.replace(/\/\*[\s\S]*?\*\//g, '').replace(/--[^\n]*/g, '');
}

function normalizeSpace(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}

/** Returns the text between the parenthesis at `open` and its match. */
function parenthesized(text: string, open: number): string {
  let depth = 0;
  for (let index = open; index < text.length; index += 1) {
    if (text[index] === '(') {
      depth += 1;
    } else if (text[index] === ')') {
      depth -= 1;
      if (depth === 0) {
        return text.slice(open + 1, index);
      }
    }
  }
  throw new Error(`Unbalanced parenthesis at ${open}`);
}

/** Splits on commas outside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (character === '(') {
      depth += 1;
    } else if (character === ')') {
      depth -= 1;
    } else if (character === ',' && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/** Columns (name to type) that CREATE TABLE and ALTER TABLE ... ADD give each table. */
function declaredColumns(sql: string): Map<string, Map<string, string>> {
  const tables = new Map<string, Map<string, string>>();
  const columnsOf = (table: string): Map<string, string> => {
    const existing = tables.get(table);
    if (existing) {
      return existing;
    }
    const created = new Map<string, string>();
    tables.set(table, created);
    return created;
  };

  for (const match of sql.matchAll(/CREATE TABLE dbo\.(\w+) \(/g)) {
    const body = parenthesized(sql, (match.index ?? 0) + match[0].length - 1);
    for (const definition of splitTopLevel(body)) {
      const [name, type] = definition.split(/\s+/);
      if (name !== undefined && type !== undefined && name.toUpperCase() !== 'CONSTRAINT') {
        columnsOf(match[1] ?? '').set(name.replace(/[[\]]/g, ''), type);
      }
    }
  }
  for (const match of sql.matchAll(/ALTER TABLE dbo\.(\w+) ADD (?!CONSTRAINT)(\w+) (\S+)/g)) {
    columnsOf(match[1] ?? '').set(match[2] ?? '', (match[3] ?? '').replace(/;$/, ''));
  }
  return tables;
}

/** The SQL type each column of the service's tables must have. */
function expectedType(table: string, column: string): RegExp {
  if (/ID$/.test(column)) {
    return table === 'MessageResends' ? /^bigint$/ : /^uniqueidentifier$/;
  }
  if (/Time$|ScheduledFor$/.test(column)) {
    return /^datetime2\(3\)$/;
  }
  if (column === 'Success' || column === 'LastSuccess') {
    return /^bit$/;
  }
  if (/Count$|StatusCode$|DurationMs$/.test(column)) {
    return /^int$/;
  }
  if (column === 'Environment') {
    return /^nvarchar\(10\)$/;
  }
  return /^nvarchar\((\d+|max)\)$/;
}

async function readScripts(database: 'portal' | 'customer'): Promise<SqlScript[]> {
  return listSqlScripts(database, { scriptsRoot: sqlRoot });
}

async function allSqlFiles(): Promise<{ name: string; text: string }[]> {
  const scripts = [...(await readScripts('portal')), ...(await readScripts('customer'))];
  const grantPath = path.join(sqlRoot, 'grant-managed-identity.sql');
  return [
    ...scripts.map((script) => ({ name: `${path.basename(path.dirname(script.path))}/${script.name}`, text: script.text })),
    { name: 'grant-managed-identity.sql', text: await readFile(grantPath, 'utf8') },
  ];
}

function serviceTables(tables: readonly ExpectedTable[]): ExpectedTable[] {
  return tables.filter((table) => table.owner === 'service');
}

/** Records batches; fails on a batch that contains the marker. */
class RecordingExecutor implements OpenSqlBatchExecutor {
  readonly batches: string[] = [];
  closed = false;

  constructor(private readonly failOn: string | undefined = undefined) {}

  execute(batch: string): Promise<void> {
    this.batches.push(batch);
    if (this.failOn !== undefined && batch.includes(this.failOn)) {
      return Promise.reject(new Error(`Incorrect syntax near '${this.failOn}'.`));
    }
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

describe('splitSqlBatches', () => {
  it.each([
    ['no separator', 'SELECT 1;', ['SELECT 1;']],
    ['two batches', 'SELECT 1;\nGO\nSELECT 2;\n', ['SELECT 1;', 'SELECT 2;\n']],
    ['CRLF line ends', 'SELECT 1;\r\nGO\r\nSELECT 2;', ['SELECT 1;', 'SELECT 2;']],
    ['spaces around GO', 'SELECT 1;\n  GO  \nSELECT 2;', ['SELECT 1;', 'SELECT 2;']],
    ['trailing GO', 'SELECT 1;\nGO\n', ['SELECT 1;']],
    ['empty batches dropped', 'GO\n\nGO\nSELECT 1;\nGO\n  \nGO', ['SELECT 1;']],
    ['GO inside a line kept', "SELECT 'GO';\nPRINT 'GOTO';", ["SELECT 'GO';\nPRINT 'GOTO';"]],
    ['lower-case go kept', 'SELECT 1;\ngo\nSELECT 2;', ['SELECT 1;\ngo\nSELECT 2;']],
  ])('splits %s', (_case, text, expected) => {
    const batches = splitSqlBatches(text);

    expect(batches).toEqual(expected);
  });
});

describe('listSqlScripts', () => {
  let scratch: string;

  beforeEach(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'sql-scripts-'));
  });

  afterEach(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('reads portal scripts in order', async () => {
    const scripts = await listSqlScripts('portal');

    expect(scripts.map((script) => script.name)).toEqual([
      '001-sync-logs.sql',
      '002-sync-logs-outage-details.sql',
      '003-sync-logs-constraints.sql',
      '004-connection-checks.sql',
    ]);
    expect(scripts[0]?.path).toBe(path.join(sqlRoot, 'portal', '001-sync-logs.sql'));
    expect(scripts[2]?.batches).toHaveLength(5);
  });

  it('reads customer scripts in order', async () => {
    const scripts = await listSqlScripts('customer');

    expect(scripts.map((script) => script.name)).toEqual(['001-message-logs-failed-index.sql', '002-message-resends.sql']);
  });

  it('finds the package root', () => {
    const root = findPackageRoot();

    expect(root).toBe(repositoryRoot);
  });

  it('sorts by name, not by creation', async () => {
    await mkdir(path.join(scratch, 'portal'));
    await writeFile(path.join(scratch, 'portal', '010-later.sql'), 'SELECT 10;');
    await writeFile(path.join(scratch, 'portal', '002-earlier.sql'), 'SELECT 2;\nGO\nSELECT 3;');
    await writeFile(path.join(scratch, 'portal', 'notes.txt'), 'not a script');

    const scripts = await listSqlScripts('portal', { scriptsRoot: scratch });

    expect(scripts.map((script) => script.name)).toEqual(['002-earlier.sql', '010-later.sql']);
    expect(scripts[0]?.batches).toEqual(['SELECT 2;', 'SELECT 3;']);
  });

  it('rejects unnumbered script names', async () => {
    await mkdir(path.join(scratch, 'customer'));
    await writeFile(path.join(scratch, 'customer', 'add-index.sql'), 'SELECT 1;');

    const listing = listSqlScripts('customer', { scriptsRoot: scratch });

    await expect(listing).rejects.toThrow(/must be named like "001-create-table.sql".*rename add-index\.sql/);
  });
});

describe('applySqlScripts', () => {
  const scripts: SqlScript[] = [
    { name: '001-a.sql', path: '/a', text: '', batches: ['A1', 'A2'] },
    { name: '002-b.sql', path: '/b', text: '', batches: ['B1', 'B2', 'B3'] },
    { name: '003-c.sql', path: '/c', text: '', batches: ['C1'] },
  ];

  it('runs every batch in order', async () => {
    const executor = new RecordingExecutor();
    const applied: string[] = [];

    await applySqlScripts(scripts, executor, (script) => applied.push(script.name));

    expect(executor.batches).toEqual(['A1', 'A2', 'B1', 'B2', 'B3', 'C1']);
    expect(applied).toEqual(['001-a.sql', '002-b.sql', '003-c.sql']);
  });

  it('stops at the first failed batch', async () => {
    const executor = new RecordingExecutor('B2');
    const applied: string[] = [];

    const error: unknown = await applySqlScripts(scripts, executor, (script) => applied.push(script.name)).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SqlScriptError);
    expect(error).toMatchObject({ scriptName: '002-b.sql', batchNumber: 2 });
    expect((error as Error).message).toBe("002-b.sql failed at batch 2: Incorrect syntax near 'B2'.");
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(executor.batches).toEqual(['A1', 'A2', 'B1', 'B2']);
    expect(applied).toEqual(['001-a.sql']);
  });
});

describe('T-SQL scripts', () => {
  it.each([
    ['portal', portalTables],
    ['customer', customerTables],
  ] as const)('%s scripts create every service column', async (database, tables) => {
    const scripts = await readScripts(database);
    const declared = declaredColumns(stripComments(scripts.map((script) => script.text).join('\n')));

    for (const table of serviceTables(tables)) {
      const columns = [...(declared.get(table.name)?.keys() ?? [])].sort();
      expect({ table: table.name, columns }).toEqual({ table: table.name, columns: [...table.columns].sort() });
    }
  });

  it.each([
    ['portal', portalTables],
    ['customer', customerTables],
  ] as const)('%s scripts leave vendor tables alone', async (database, tables) => {
    const scripts = await readScripts(database);
    const sql = stripComments(scripts.map((script) => script.text).join('\n'));

    const created = [...sql.matchAll(/CREATE TABLE dbo\.(\w+)/g)].map((match) => match[1]);
    const vendorTables: string[] = tables.filter((table) => table.owner === 'vendor').map((table) => table.name);

    expect(created.length).toBeGreaterThan(0);
    expect(created.filter((name) => vendorTables.includes(name ?? ''))).toEqual([]);
  });

  it.each(
    [
      ...serviceTables(portalTables).map((table) => ['portal', table] as const),
      ...serviceTables(customerTables).map((table) => ['customer', table] as const),
    ].flatMap(([database, table]) => table.columns.map((column) => [database, table.name, column] as const)),
  )('%s %s.%s has the expected type', async (database, table, column) => {
    const scripts = await readScripts(database);
    const declared = declaredColumns(stripComments(scripts.map((script) => script.text).join('\n')));

    const type = declared.get(table)?.get(column);

    expect(type).toMatch(expectedType(table, column));
  });

  it('avoids MERGE and unaliased OUTPUT', async () => {
    const files = await allSqlFiles();

    const merges = files.filter((file) => /\bMERGE\b/i.test(stripComments(file.text))).map((file) => file.name);
    const unaliased = files.flatMap((file) =>
      [...stripComments(file.text).matchAll(/\b(?:inserted|deleted)\.\w+(?!\s+AS\s)/gi)].map((match) => `${file.name}: ${match[0]}`),
    );

    expect(files.length).toBe(7);
    expect(merges).toEqual([]);
    expect(unaliased).toEqual([]);
  });

  it('guards every CREATE and ALTER', async () => {
    const files = await allSqlFiles();
    const unguarded: string[] = [];

    for (const file of files) {
      for (const [index, rawBatch] of splitSqlBatches(file.text).entries()) {
        const batch = normalizeSpace(stripComments(rawBatch));
        const where = `${file.name} batch ${index + 1}`;
        const statements = [...batch.matchAll(/\b(CREATE|ALTER TABLE)\b/g)].length;
        let guarded = 0;

        for (const match of batch.matchAll(/CREATE TABLE dbo\.(\w+)/g)) {
          guarded += 1;
          if (!batch.includes(`IF OBJECT_ID(N'dbo.${match[1]}', N'U') IS NULL BEGIN CREATE TABLE dbo.${match[1]} (`)) {
            unguarded.push(`${where}: CREATE TABLE ${match[1]}`);
          }
        }
        for (const match of batch.matchAll(/CREATE (?:UNIQUE )?(?:NONCLUSTERED )?INDEX (\w+) ON dbo\.(\w+)/g)) {
          guarded += 1;
          const guard = `IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'${match[1]}' AND object_id = OBJECT_ID(N'dbo.${match[2]}')) CREATE`;
          if (!batch.includes(guard)) {
            unguarded.push(`${where}: CREATE INDEX ${match[1]}`);
          }
        }
        for (const match of batch.matchAll(/ALTER TABLE dbo\.(\w+) ADD (?!CONSTRAINT)(\w+)/g)) {
          guarded += 1;
          if (!batch.includes(`IF COL_LENGTH(N'dbo.${match[1]}', N'${match[2]}') IS NULL ALTER TABLE dbo.${match[1]} ADD ${match[2]} `)) {
            unguarded.push(`${where}: ADD ${match[2]}`);
          }
        }
        for (const match of batch.matchAll(/ALTER TABLE dbo\.(\w+) WITH CHECK ADD CONSTRAINT (\w+)/g)) {
          guarded += 1;
          const guard = `IF NOT EXISTS (SELECT 1 FROM sys.check_constraints WHERE name = N'${match[2]}' AND parent_object_id = OBJECT_ID(N'dbo.${match[1]}')) ALTER TABLE`;
          if (!batch.includes(guard)) {
            unguarded.push(`${where}: ADD CONSTRAINT ${match[2]}`);
          }
        }
        for (const match of batch.matchAll(/CREATE USER (\[[^\]]+\])/g)) {
          guarded += 1;
          const name = (match[1] ?? '').slice(1, -1);
          if (!batch.includes(`IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'${name}') CREATE USER`)) {
            unguarded.push(`${where}: CREATE USER ${name}`);
          }
        }
        if (guarded !== statements) {
          unguarded.push(`${where}: ${statements - guarded} statement(s) of an unchecked kind`);
        }
      }
    }

    expect(unguarded).toEqual([]);
  });

  it('creates the open-outage filtered unique index', async () => {
    const sql = normalizeSpace(stripComments((await readScripts('portal')).map((script) => script.text).join('\n')));

    expect(sql).toContain(
      'CREATE UNIQUE NONCLUSTERED INDEX UX_SyncLogs_OpenOutage ON dbo.SyncLogs (CustomerID, ApplicationID, Environment) WHERE Success = 0;',
    );
    expect(sql).toContain('CREATE NONCLUSTERED INDEX IX_SyncLogs_CustomerHistory ON dbo.SyncLogs (CustomerID, FirstErrorTime DESC, ID);');
  });

  it.each([
    ['SyncLogs', "ADD CONSTRAINT CK_SyncLogs_Environment CHECK (Environment IN (N'Live', N'Test'))"],
    ['ConnectionChecks', "CONSTRAINT CK_ConnectionChecks_Environment CHECK (Environment IN (N'Live', N'Test'))"],
    ['ConnectionChecks', 'CONSTRAINT PK_ConnectionChecks PRIMARY KEY (CustomerID, ApplicationID, Environment)'],
  ])('constrains %s with %s', async (_table, fragment) => {
    const sql = normalizeSpace(stripComments((await readScripts('portal')).map((script) => script.text).join('\n')));

    expect(sql).toContain(fragment);
  });

  it.each([
    [
      'IX_MessageLogs_Failed',
      'CREATE NONCLUSTERED INDEX IX_MessageLogs_Failed ON dbo.MessageLogs (Success, Incoming, Retries, [Timestamp] DESC, ID DESC) INCLUDE (ApplicationID, Environment);',
    ],
    ['IX_MessageResends_Message', 'CREATE NONCLUSTERED INDEX IX_MessageResends_Message ON dbo.MessageResends (MessageLogID, AttemptedTime DESC, ID DESC);'],
    ['MessageResends identity', 'ID bigint IDENTITY(1, 1) NOT NULL'],
  ])('customer scripts create %s', async (_name, fragment) => {
    const sql = normalizeSpace(stripComments((await readScripts('customer')).map((script) => script.text).join('\n')));

    expect(sql).toContain(fragment);
  });

  it('grant template reads all, writes service tables', async () => {
    const sql = normalizeSpace(stripComments(await readFile(path.join(sqlRoot, 'grant-managed-identity.sql'), 'utf8')));

    expect(sql.match(/CREATE USER \[<function-app-name>\] FROM EXTERNAL PROVIDER;/g)).toHaveLength(2);
    expect(sql.match(/ALTER ROLE db_datareader ADD MEMBER \[<function-app-name>\];/g)).toHaveLength(2);
    for (const table of ['SyncLogs', 'ConnectionChecks', 'MessageLogs', 'MessageResends']) {
      expect(sql).toContain(`GRANT INSERT, UPDATE ON dbo.${table} TO [<function-app-name>];`);
    }
    expect(sql).not.toMatch(/db_owner|db_ddladmin|GRANT CONTROL/i);
  });
});

describe('applySqlScripts command line', () => {
  let scratch: string;

  beforeEach(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'sql-cli-'));
    await mkdir(path.join(scratch, 'portal'));
    await writeFile(path.join(scratch, 'portal', '001-first.sql'), 'SELECT 1;\nGO\nSELECT 2;\nGO\n');
    await writeFile(path.join(scratch, 'portal', '002-second.sql'), 'SELECT 3;\nGO\nBROKEN 4;\nGO\n');
  });

  afterEach(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  function capture(): { lines: string[]; errors: string[]; writeLine: (line: string) => void; writeError: (line: string) => void } {
    const lines: string[] = [];
    const errors: string[] = [];
    return { lines, errors, writeLine: (line) => lines.push(line), writeError: (line) => errors.push(line) };
  }

  it.each([
    [['--database', 'portal', '--connection', 'Server=a;Database=b'], { database: 'portal', connection: { kind: 'value', value: 'Server=a;Database=b' } }],
    [['--database=customer', '--connection-env', 'CUSTOMER_SQL'], { database: 'customer', connection: { kind: 'environment', name: 'CUSTOMER_SQL' } }],
  ])('parses %j', (argv, expected) => {
    const parsed = parseApplySqlScriptsArguments(argv);

    expect(parsed).toEqual(expected);
  });

  it.each([
    [['--connection', 'x'], /needs --database portal or --database customer/],
    [['--database', 'billing', '--connection', 'x'], /needs --database portal or --database customer/],
    [['--database', 'portal'], /needs exactly one of --connection and --connection-env/],
    [['--database', 'portal', '--connection', 'x', '--connection-env', 'Y'], /needs exactly one of --connection and --connection-env/],
    [['--database', 'portal', '--connection-env', 'not a name'], /needs --connection-env to name an environment variable/],
    [['--database', 'portal', '--verbose'], /Unknown option '--verbose'/],
  ])('rejects %j', (argv, message) => {
    const parse = () => parseApplySqlScriptsArguments(argv);

    expect(parse).toThrow(message);
    expect(parse).toThrow(/Usage: node dist\/src\/cli\/applySqlScripts\.js/);
  });

  it('prints each script applied', async () => {
    const output = capture();
    const executor = new RecordingExecutor();
    const connections: string[] = [];
    await writeFile(path.join(scratch, 'portal', '002-second.sql'), 'SELECT 3;');

    const exitCode = await runApplySqlScripts(['--database', 'portal', '--connection-env', 'PORTAL_SQL'], {
      ...output,
      readEnvironment: (name) => (name === 'PORTAL_SQL' ? 'Server=tcp:sql.test,1433;Database=portal' : undefined),
      openExecutor: (connectionString) => {
        connections.push(connectionString);
        return Promise.resolve(executor);
      },
      listOptions: { scriptsRoot: scratch },
    });

    expect(exitCode).toBe(0);
    expect(output.lines).toEqual([
      'Applying 2 portal script(s)',
      'Applied 001-first.sql (2 batches)',
      'Applied 002-second.sql (1 batch)',
      'All portal scripts applied',
    ]);
    expect(output.errors).toEqual([]);
    expect(connections).toEqual(['Server=tcp:sql.test,1433;Database=portal']);
    expect(executor.batches).toEqual(['SELECT 1;', 'SELECT 2;', 'SELECT 3;']);
    expect(executor.closed).toBe(true);
  });

  it('stops with script and batch, hiding the connection string', async () => {
    const output = capture();
    const executor = new RecordingExecutor('BROKEN');
    const connectionString = 'Server=tcp:sql.test,1433;Database=portal;User Id=deployer;Password=Sup3r-Secret';

    const exitCode = await runApplySqlScripts(['--database', 'portal', '--connection', connectionString], {
      ...output,
      openExecutor: () => Promise.resolve(executor),
      listOptions: { scriptsRoot: scratch },
    });

    expect(exitCode).toBe(1);
    expect(output.lines).toEqual(['Applying 2 portal script(s)', 'Applied 001-first.sql (2 batches)']);
    expect(output.errors).toEqual(["Stopped: 002-second.sql failed at batch 2: Incorrect syntax near 'BROKEN'."]);
    expect([...output.lines, ...output.errors].join('\n')).not.toContain('Sup3r-Secret');
    expect(executor.closed).toBe(true);
  });

  it('reports an unset connection variable', async () => {
    const output = capture();

    const exitCode = await runApplySqlScripts(['--database', 'portal', '--connection-env', 'PORTAL_SQL'], {
      ...output,
      readEnvironment: () => undefined,
      openExecutor: () => Promise.reject(new Error('must not connect')),
      listOptions: { scriptsRoot: scratch },
    });

    expect(exitCode).toBe(2);
    expect(output.errors).toEqual([
      "Environment variable PORTAL_SQL is not set: set it to the database's connection string, or pass --connection",
    ]);
    expect(output.lines).toEqual([]);
  });

  it('reports a failed connection', async () => {
    const output = capture();

    const exitCode = await runApplySqlScripts(['--database', 'portal', '--connection', 'Server=tcp:sql.test;Database=portal;Password=hidden-value'], {
      ...output,
      openExecutor: () => Promise.reject(new Error('Failed to connect to sql.test:1433')),
      listOptions: { scriptsRoot: scratch },
    });

    expect(exitCode).toBe(1);
    expect(output.errors).toEqual(['Stopped: Failed to connect to sql.test:1433']);
    expect(output.errors.join('\n')).not.toContain('hidden-value');
  });
});

describe('T-SQL scripts on SQL Server', () => {
  const connectionString = readEnvironmentValue('TEST_MSSQL_CONNECTION');

  if (connectionString === undefined) {
    console.warn('SQL Server run of the T-SQL scripts skipped: TEST_MSSQL_CONNECTION is not set');
    it.skip('applies the scripts twice on SQL Server (skipped: TEST_MSSQL_CONNECTION is not set)', () => undefined);
    return;
  }

  // A scratch database stands in for both the License Portal and a customer database; MessageLogs is the vendor's table.
  const vendorMessageLogs = `IF OBJECT_ID(N'dbo.MessageLogs', N'U') IS NULL
    CREATE TABLE dbo.MessageLogs (
      ID bigint IDENTITY(1, 1) NOT NULL PRIMARY KEY, [Timestamp] datetime2(3) NOT NULL, ApplicationID uniqueidentifier NOT NULL,
      Environment nvarchar(10) NOT NULL, Incoming bit NOT NULL, Success bit NOT NULL, Retries int NOT NULL,
      HttpMethod nvarchar(10) NOT NULL, Endpoint nvarchar(1000) NOT NULL, RequestBody nvarchar(max) NULL,
      ResponseText nvarchar(max) NULL, StatusCode int NULL);`;

  function columnChecks(tables: readonly ExpectedTable[]): string {
    return serviceTables(tables)
      .flatMap((table) =>
        table.columns.map(
          (column) => `IF COL_LENGTH(N'dbo.${table.name}', N'${column}') IS NULL THROW 50100, 'Column ${table.name}.${column} is missing', 1;`,
        ),
      )
      .join('\n');
  }

  it('applies every script twice', async () => {
    const executor = await openTediousExecutor(await createTediousConfig(connectionString));
    try {
      const scripts = [...(await readScripts('portal')), ...(await readScripts('customer'))];
      await executor.execute(vendorMessageLogs);

      await applySqlScripts(scripts, executor);
      await applySqlScripts(scripts, executor);

      await expect(executor.execute(columnChecks([...portalTables, ...customerTables]))).resolves.toBeUndefined();
    } finally {
      await executor.close();
    }
  });
});
