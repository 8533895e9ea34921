import { toGuid } from '../data/rowValues';
import { forbiddenError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { Principal } from './principal';

/**
 * Checks that the principal may act for a customer: vendor support for any
 * customer, an administrator for their own only. A refusal throws a
 * `forbidden` error and logs a warning with the user, their customer and the
 * requested customer.
 */
export function assertCustomerAccess(principal: Principal, customerId: string, logger: Logger): void {
  if (principal.role === 'vendorSupport') {
    return;
  }
  if (principal.customerId !== null && principal.customerId === toGuid(customerId)) {
    return;
  }
  logger.warn('Refused access to another customer\'s data', {
    userId: principal.userId,
    userCustomerId: principal.customerId,
    requestedCustomerId: toGuid(customerId),
  });
  throw forbiddenError(`You may only act for your own customer (${principal.customerId ?? 'none'}), not for customer ${toGuid(customerId)}.`);
}
