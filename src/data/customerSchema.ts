import type { Generated } from 'kysely';
import type { DateColumn, FlagColumn } from './portalSchema';

export interface EpicorConnectionTable {
  ID: string;
  ApplicationID: string;
  Environment: string;
  BaseUrl: string;
  Company: string;
  UserName: string | null;
  Password: string | null;
  PasswordSecretName: string | null;
  ApiKey: string | null;
  ApiKeySecretName: string | null;
  TestPath: string | null;
  TrustedCaCertificate: string | null;
  Enabled: FlagColumn;
}

export interface MessageLogsTable {
  ID: Generated<number | string>;
  Timestamp: DateColumn;
  ApplicationID: string;
  Environment: string;
  Incoming: FlagColumn;
  Success: FlagColumn;
  Retries: number;
  HttpMethod: string;
  Endpoint: string;
  RequestBody: string | null;
  ResponseText: string | null;
  StatusCode: number | null;
}

export interface MessageResendsTable {
  ID: Generated<number | string>;
  MessageLogID: number;
  RetryMessageLogID: number | null;
  AttemptedTime: DateColumn;
  RequestedBy: string;
  Outcome: string;
  StatusCode: number | null;
  ErrorSummary: string | null;
}

/** One customer's own database. */
export interface CustomerDatabase {
  EpicorConnection: EpicorConnectionTable;
  MessageLogs: MessageLogsTable;
  MessageResends: MessageResendsTable;
}
