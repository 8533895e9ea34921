import type { Kysely } from 'kysely';
import type { PortalDatabase } from './portalSchema';
import { toFlag, toGuid } from './rowValues';

/** A customer of the License Portal. */
export interface Customer {
  id: string;
  name: string;
  isActive: boolean;
  /** Name of the secret that contains the customer database's connection string. */
  databaseSecretName: string;
  /** IANA time zone for times in emails; null means the service default. */
  timeZone: string | null;
}

/** An application of the vendor (Mobile Field Service and others). */
export interface Application {
  id: string;
  name: string;
}

/** A portal user who receives alerts. */
export interface Administrator {
  id: string;
  email: string;
  displayName: string;
}

function toCustomer(row: {
  ID: string;
  Name: string;
  IsActive: boolean | number;
  DatabaseSecretName: string;
  TimeZone: string | null;
}): Customer {
  return {
    id: toGuid(row.ID),
    name: row.Name,
    isActive: toFlag(row.IsActive),
    databaseSecretName: row.DatabaseSecretName,
    timeZone: row.TimeZone,
  };
}

/** Reads customers, applications and users from the License Portal database. */
export class PortalDirectory {
  constructor(private readonly db: Kysely<PortalDatabase>) {}

  /** Returns active customers ordered by id. */
  async listActiveCustomers(): Promise<Customer[]> {
    const rows = await this.db.selectFrom('Customers').selectAll().where('IsActive', '=', true).orderBy('ID').execute();
    return rows.map(toCustomer);
  }

  /** Returns one customer, active or not, or undefined. */
  async getCustomer(customerId: string): Promise<Customer | undefined> {
    const row = await this.db.selectFrom('Customers').selectAll().where('ID', '=', customerId).executeTakeFirst();
    return row ? toCustomer(row) : undefined;
  }

  /** Returns every application, keyed by lower-case id. */
  async listApplications(): Promise<Map<string, Application>> {
    const rows = await this.db.selectFrom('Applications').select(['ID', 'Name']).execute();
    return new Map(rows.map((row) => [toGuid(row.ID), { id: toGuid(row.ID), name: row.Name }]));
  }

  /** Returns the customer's active administrators with distinct addresses (compared case-insensitively). */
  async listAdministrators(customerId: string): Promise<Administrator[]> {
    const rows = await this.db
      .selectFrom('Users')
      .select(['ID', 'Email', 'DisplayName'])
      .where('CustomerID', '=', customerId)
      .where('IsAdministrator', '=', true)
      .where('IsActive', '=', true)
      .orderBy('Email')
      .orderBy('ID')
      .execute();

    const seen = new Set<string>();
    const administrators: Administrator[] = [];
    for (const row of rows) {
      const email = row.Email.trim();
      const key = email.toLowerCase();
      if (email === '' || seen.has(key)) {
        continue;
      }
      seen.add(key);
      administrators.push({ id: toGuid(row.ID), email, displayName: row.DisplayName });
    }
    return administrators;
  }
}
