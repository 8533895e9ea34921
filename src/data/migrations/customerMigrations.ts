import type { Kysely, Migration } from 'kysely';
import type { DatabaseEngine } from '../openDatabase';
import { columnTypesFor, identityTypeFor } from './columnTypes';

/**
 * Migrations of a customer database for the embedded default and tests.
 * `EpicorConnection` and `MessageLogs` belong to the vendor's applications;
 * in production only `MessageResends` and the failed-message index are
 * added, by the T-SQL scripts under sql/mssql/customer.
 */
export function customerMigrations(engine: DatabaseEngine): Record<string, Migration> {
  const types = columnTypesFor(engine);
  const identityType = identityTypeFor(engine);

  return {
    '001_vendor_tables': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('EpicorConnection')
          .addColumn('ID', types.guid, (c) => types.guidCollation(c.primaryKey()))
          .addColumn('ApplicationID', types.guid, (c) => types.guidCollation(c.notNull()))
          .addColumn('Environment', types.text(10), (c) => c.notNull())
          .addColumn('BaseUrl', types.text(500), (c) => c.notNull())
          .addColumn('Company', types.text(50), (c) => c.notNull())
          .addColumn('UserName', types.text(200))
          .addColumn('Password', types.text(500))
          .addColumn('PasswordSecretName', types.text(200))
          .addColumn('ApiKey', types.text(500))
          .addColumn('ApiKeySecretName', types.text(200))
          .addColumn('TestPath', types.text(500))
          .addColumn('TrustedCaCertificate', types.longText)
          .addColumn('Enabled', types.flag, (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('UX_EpicorConnection_Target')
          .on('EpicorConnection')
          .columns(['ApplicationID', 'Environment'])
          .unique()
          .execute();
        await db.schema
          .createTable('MessageLogs')
          .addColumn('ID', identityType, (c) => types.identity(c))
          .addColumn('Timestamp', types.time, (c) => c.notNull())
          .addColumn('ApplicationID', types.guid, (c) => types.guidCollation(c.notNull()))
          .addColumn('Environment', types.text(10), (c) => c.notNull())
          .addColumn('Incoming', types.flag, (c) => c.notNull())
          .addColumn('Success', types.flag, (c) => c.notNull())
          .addColumn('Retries', types.integer, (c) => c.notNull().defaultTo(0))
          .addColumn('HttpMethod', types.text(10), (c) => c.notNull())
          .addColumn('Endpoint', types.text(1000), (c) => c.notNull())
          .addColumn('RequestBody', types.longText)
          .addColumn('ResponseText', types.longText)
          .addColumn('StatusCode', types.integer)
          .execute();
      },
    },
    '002_resend_tracking': {
      async up(db: Kysely<unknown>) {
        // Serves the failed-message grid: equality on the flags, then newest first.
        await db.schema
          .createIndex('IX_MessageLogs_Failed')
          .on('MessageLogs')
          .columns(['Success', 'Incoming', 'Retries', 'Timestamp desc', 'ID desc'])
          .execute();
        await db.schema
          .createTable('MessageResends')
          .addColumn('ID', identityType, (c) => types.identity(c))
          .addColumn('MessageLogID', identityType, (c) => c.notNull())
          .addColumn('RetryMessageLogID', identityType)
          .addColumn('AttemptedTime', types.time, (c) => c.notNull())
          .addColumn('RequestedBy', types.text(320), (c) => c.notNull())
          .addColumn('Outcome', types.text(20), (c) => c.notNull())
          .addColumn('StatusCode', types.integer)
          .addColumn('ErrorSummary', types.text(2000))
          .execute();
        await db.schema
          .createIndex('IX_MessageResends_Message')
          .on('MessageResends')
          .columns(['MessageLogID', 'AttemptedTime desc', 'ID desc'])
          .execute();
      },
    },
  };
}
