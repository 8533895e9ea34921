/**
 * Tables and columns that the service reads or writes, per database. The
 * start-up check compares a live database against these lists, the SQLite
 * migrations create exactly these columns, and the SQL Server scripts under
 * sql/mssql are tested against them.
 */
export interface ExpectedTable {
  readonly name: string;
  /** Owner of the table: `vendor` when the vendor's applications already have it, `service` when this service creates it. */
  readonly owner: 'vendor' | 'service';
  readonly columns: readonly string[];
}

export const portalTables = [
  {
    name: 'Customers',
    owner: 'vendor',
    columns: ['ID', 'Name', 'IsActive', 'DatabaseSecretName', 'TimeZone'],
  },
  {
    name: 'Applications',
    owner: 'vendor',
    columns: ['ID', 'Name'],
  },
  {
    name: 'Users',
    owner: 'vendor',
    columns: ['ID', 'CustomerID', 'Email', 'DisplayName', 'IsAdministrator', 'IsActive'],
  },
  {
    name: 'SyncLogs',
    owner: 'service',
    columns: [
      'ID',
      'CustomerID',
      'ApplicationID',
      'Environment',
      'FirstErrorTime',
      'LastErrorTime',
      'Success',
      'RecoveredTime',
      'FailureCount',
      'LastErrorClass',
      'LastErrorMessage',
      'LastStatusCode',
      'AlertEmailClaimedTime',
      'AlertEmailSentTime',
      'AlertEmailRecipients',
      'RecoveryEmailClaimedTime',
      'RecoveryEmailSentTime',
    ],
  },
  {
    name: 'ConnectionChecks',
    owner: 'service',
    columns: [
      'CustomerID',
      'ApplicationID',
      'Environment',
      'LastScheduledFor',
      'LastCheckedTime',
      'LastSuccess',
      'LastErrorClass',
      'LastErrorMessage',
      'LastStatusCode',
      'LastDurationMs',
    ],
  },
] as const satisfies readonly ExpectedTable[];

export const customerTables = [
  {
    name: 'EpicorConnection',
    owner: 'vendor',
    columns: [
      'ID',
      'ApplicationID',
      'Environment',
      'BaseUrl',
      'Company',
      'UserName',
      'Password',
      'PasswordSecretName',
      'ApiKey',
      'ApiKeySecretName',
      'TestPath',
      'TrustedCaCertificate',
      'Enabled',
    ],
  },
  {
    name: 'MessageLogs',
    owner: 'vendor',
    columns: [
      'ID',
      'Timestamp',
      'ApplicationID',
      'Environment',
      'Incoming',
      'Success',
      'Retries',
      'HttpMethod',
      'Endpoint',
      'RequestBody',
      'ResponseText',
      'StatusCode',
    ],
  },
  {
    name: 'MessageResends',
    owner: 'service',
    columns: [
      'ID',
      'MessageLogID',
      'RetryMessageLogID',
      'AttemptedTime',
      'RequestedBy',
      'Outcome',
      'StatusCode',
      'ErrorSummary',
    ],
  },
] as const satisfies readonly ExpectedTable[];
