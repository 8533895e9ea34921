import { sql, type ColumnDefinitionBuilder, type Expression } from 'kysely';
import type { DatabaseEngine } from '../openDatabase';

type DataType = Parameters<import('kysely').CreateTableBuilder<string>['addColumn']>[1];

/** Column types per engine, so that one migration creates equivalent tables on both. */
export interface ColumnTypes {
  guid: DataType;
  time: DataType;
  flag: DataType;
  text: (maxLength: number) => DataType;
  longText: DataType;
  integer: DataType;
  /** Modifier for GUID columns: case-insensitive comparison on SQLite (SQL Server's uniqueidentifier already is). */
  guidCollation: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
  /** Identity primary key of 64-bit integers. */
  identity: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
}

const raw = (text: string): Expression<unknown> => sql.raw(text);

/** Returns the column types for an engine. */
export function columnTypesFor(engine: DatabaseEngine): ColumnTypes {
  if (engine === 'mssql') {
    return {
      guid: raw('uniqueidentifier'),
      time: raw('datetime2(3)'),
      flag: raw('bit'),
      text: (maxLength) => raw(`nvarchar(${maxLength})`),
      longText: raw('nvarchar(max)'),
      integer: 'integer',
      guidCollation: (column) => column,
      identity: (column) => column.identity().primaryKey(),
    };
  }
  return {
    guid: 'text',
    time: 'text',
    flag: 'integer',
    text: () => 'text',
    longText: 'text',
    integer: 'integer',
    guidCollation: (column) => column.modifyEnd(sql`collate nocase`),
    identity: (column) => column.primaryKey().autoIncrement(),
  };
}

/** SQL type of an identity column: bigint on SQL Server, SQLite's integer row id. */
export function identityTypeFor(engine: DatabaseEngine): DataType {
  return engine === 'mssql' ? 'bigint' : 'integer';
}
