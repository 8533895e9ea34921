import type { ColumnType } from 'kysely';

/**
 * Column types of the License Portal database as both engines return them:
 * SQL Server gives `Date` and `boolean`, SQLite gives ISO text and 0/1, so
 * rows pass through the converters in `rowValues.ts` before use.
 */
export type DateColumn = ColumnType<Date | string, Date, Date>;
export type NullableDateColumn = ColumnType<Date | string | null, Date | null | undefined, Date | null>;
export type FlagColumn = ColumnType<boolean | number, boolean, boolean>;

export interface CustomersTable {
  ID: string;
  Name: string;
  IsActive: FlagColumn;
  DatabaseSecretName: string;
  TimeZone: string | null;
}

export interface ApplicationsTable {
  ID: string;
  Name: string;
}

export interface UsersTable {
  ID: string;
  CustomerID: string | null;
  Email: string;
  DisplayName: string;
  IsAdministrator: FlagColumn;
  IsActive: FlagColumn;
}

export interface SyncLogsTable {
  ID: string;
  CustomerID: string;
  ApplicationID: string;
  Environment: string;
  FirstErrorTime: DateColumn;
  LastErrorTime: DateColumn;
  Success: FlagColumn;
  RecoveredTime: NullableDateColumn;
  /** Defaults to 1: the failed check that opened the outage. */
  FailureCount: ColumnType<number, number | undefined, number>;
  LastErrorClass: string | null;
  LastErrorMessage: string | null;
  LastStatusCode: number | null;
  AlertEmailClaimedTime: NullableDateColumn;
  AlertEmailSentTime: NullableDateColumn;
  AlertEmailRecipients: string | null;
  RecoveryEmailClaimedTime: NullableDateColumn;
  RecoveryEmailSentTime: NullableDateColumn;
}

export interface ConnectionChecksTable {
  CustomerID: string;
  ApplicationID: string;
  Environment: string;
  LastScheduledFor: NullableDateColumn;
  LastCheckedTime: NullableDateColumn;
  LastSuccess: ColumnType<boolean | number | null, boolean | null | undefined, boolean | null>;
  LastErrorClass: string | null;
  LastErrorMessage: string | null;
  LastStatusCode: number | null;
  LastDurationMs: number | null;
}

/** The License Portal database (GHALicensePortal). */
export interface PortalDatabase {
  Customers: CustomersTable;
  Applications: ApplicationsTable;
  Users: UsersTable;
  SyncLogs: SyncLogsTable;
  ConnectionChecks: ConnectionChecksTable;
}

