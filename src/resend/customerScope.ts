import type { Services } from '../app/services';
import { assertCustomerAccess } from '../auth/customerAccess';
import type { Principal } from '../auth/principal';
import type { CustomerDatabase } from '../data/customerSchema';
import type { DatabaseHandle } from '../data/openDatabase';
import type { Customer } from '../data/portalDirectory';
import { SecretNotFoundError } from '../secrets/secretStore';
import { dependencyUnavailableError, describeError, notFoundError } from '../shared/errors';
import type { Logger } from '../shared/logger';

/** A customer the principal may act for, with the customer's own database. */
export interface CustomerScope {
  customer: Customer;
  database: DatabaseHandle<CustomerDatabase>;
}

/**
 * Returns the customer after checking that the principal may act for it
 * (`forbidden` otherwise, before the customer is even looked up) and that it
 * exists and is active (`notFound` otherwise).
 */
export async function findAccessibleCustomer(services: Services, principal: Principal, customerId: string, logger: Logger): Promise<Customer> {
  assertCustomerAccess(principal, customerId, logger);
  const customer = await services.directory.getCustomer(customerId);
  if (!customer || !customer.isActive) {
    throw notFoundError(`Customer ${customerId} was not found among the active customers; check the id in the address.`);
  }
  return customer;
}

/**
 * Like {@link findAccessibleCustomer}, and opens the customer's database.
 * A missing secret or an unreachable database is `dependencyUnavailable`.
 */
export async function openCustomerScope(services: Services, principal: Principal, customerId: string, logger: Logger): Promise<CustomerScope> {
  const customer = await findAccessibleCustomer(services, principal, customerId, logger);
  try {
    return { customer, database: await services.tenants.forCustomer(customer) };
  } catch (error) {
    const reason = error instanceof SecretNotFoundError ? `its connection secret "${error.secretName}" was not found` : describeError(error);
    throw dependencyUnavailableError(`The database of customer ${customer.id} could not be opened because ${reason}; try again later or ask an operator to check it.`, error);
  }
}
