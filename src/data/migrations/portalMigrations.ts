import { sql, type Kysely, type Migration } from 'kysely';
import type { DatabaseEngine } from '../openDatabase';
import { columnTypesFor } from './columnTypes';

/**
 * Migrations of the License Portal database for the embedded default and
 * tests. They create the vendor's tables too; in production those exist
 * already and only the service's own tables are created, by the T-SQL
 * scripts under sql/mssql/portal.
 */
export function portalMigrations(engine: DatabaseEngine): Record<string, Migration> {
  const types = columnTypesFor(engine);

  return {
    '001_vendor_tables': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('Customers')
          .addColumn('ID', types.guid, (c) => types.guidCollation(c.primaryKey()))
          .addColumn('Name', types.text(200), (c) => c.notNull())
          .addColumn('IsActive', types.flag, (c) => c.notNull())
          .addColumn('DatabaseSecretName', types.text(200), (c) => c.notNull())
          .addColumn('TimeZone', types.text(64))
          .execute();
        await db.schema
          .createTable('Applications')
          .addColumn('ID', types.guid, (c) => types.guidCollation(c.primaryKey()))
          .addColumn('Name', types.text(200), (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('Users')
          .addColumn('ID', types.guid, (c) => types.guidCollation(c.primaryKey()))
          .addColumn('CustomerID', types.guid, (c) => types.guidCollation(c))
          .addColumn('Email', types.text(320), (c) => c.notNull())
          .addColumn('DisplayName', types.text(200), (c) => c.notNull())
          .addColumn('IsAdministrator', types.flag, (c) => c.notNull())
          .addColumn('IsActive', types.flag, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('IX_Users_Customer').on('Users').columns(['CustomerID', 'IsAdministrator']).execute();
      },
    },
    '002_sync_logs': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('SyncLogs')
          .addColumn('ID', types.guid, (c) => types.guidCollation(c.primaryKey()))
          .addColumn('CustomerID', types.guid, (c) => types.guidCollation(c.notNull()))
          .addColumn('ApplicationID', types.guid, (c) => types.guidCollation(c.notNull()))
          .addColumn('Environment', types.text(10), (c) => c.notNull().check(sql`Environment in ('Live', 'Test')`))
          .addColumn('FirstErrorTime', types.time, (c) => c.notNull())
          .addColumn('LastErrorTime', types.time, (c) => c.notNull())
          .addColumn('Success', types.flag, (c) => c.notNull())
          .addColumn('RecoveredTime', types.time)
          .addColumn('FailureCount', types.integer, (c) => c.notNull().defaultTo(1))
          .addColumn('LastErrorClass', types.text(40))
          .addColumn('LastErrorMessage', types.text(2000))
          .addColumn('LastStatusCode', types.integer)
          .addColumn('AlertEmailClaimedTime', types.time)
          .addColumn('AlertEmailSentTime', types.time)
          .addColumn('AlertEmailRecipients', types.text(4000))
          .addColumn('RecoveryEmailClaimedTime', types.time)
          .addColumn('RecoveryEmailSentTime', types.time)
          .execute();
        // At most one open outage per customer, application and environment.
        await db.schema
          .createIndex('UX_SyncLogs_OpenOutage')
          .on('SyncLogs')
          .columns(['CustomerID', 'ApplicationID', 'Environment'])
          .unique()
          .where(sql.ref('Success'), '=', 0)
          .execute();
        await db.schema
          .createIndex('IX_SyncLogs_CustomerHistory')
          .on('SyncLogs')
          .columns(['CustomerID', 'FirstErrorTime desc', 'ID'])
          .execute();
        await db.schema
          .createTable('ConnectionChecks')
          .addColumn('CustomerID', types.guid, (c) => types.guidCollation(c.notNull()))
          .addColumn('ApplicationID', types.guid, (c) => types.guidCollation(c.notNull()))
          .addColumn('Environment', types.text(10), (c) => c.notNull())
          .addColumn('LastScheduledFor', types.time)
          .addColumn('LastCheckedTime', types.time)
          .addColumn('LastSuccess', types.flag)
          .addColumn('LastErrorClass', types.text(40))
          .addColumn('LastErrorMessage', types.text(2000))
          .addColumn('LastStatusCode', types.integer)
          .addColumn('LastDurationMs', types.integer)
          .addPrimaryKeyConstraint('PK_ConnectionChecks', ['CustomerID', 'ApplicationID', 'Environment'])
          .execute();
      },
    },
  };
}
