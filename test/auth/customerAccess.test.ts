import { assertCustomerAccess } from '../../src/auth/customerAccess';
import type { Principal } from '../../src/auth/principal';
import { ServiceError } from '../../src/shared/errors';
import { createLogger } from '../../src/shared/logger';

const customerA = 'aaaaaaaa-0000-4000-8000-000000000001';
const customerB = 'bbbbbbbb-0000-4000-8000-000000000002';
const admin: Principal = { userId: 'd0000000-0000-4000-8000-0000000000a1', customerId: customerA, role: 'customerAdministrator', name: 'A', email: 'a@a.example' };
const support: Principal = { userId: 'd0000000-0000-4000-8000-000000000099', customerId: null, role: 'vendorSupport', name: 'S', email: 's@vendor.example' };

function recordingLogger() {
  const lines: string[] = [];
  const record = (line: unknown) => lines.push(`${String(line)}`);
  return { lines, logger: createLogger({ debug: record, info: record, warn: (line: unknown) => lines.push(`warn ${String(line)}`), error: record }) };
}

describe('assertCustomerAccess', () => {
  it.each([
    ['administrator, own customer', admin, customerA],
    ['administrator, own customer in upper case', admin, customerA.toUpperCase()],
    ['vendor support, any customer', support, customerB],
  ])('allows %s', (_name, principal, customerId) => {
    const { lines, logger } = recordingLogger();

    assertCustomerAccess(principal, customerId, logger);

    expect(lines).toEqual([]);
  });

  it('refuses another customer and logs it', () => {
    const { lines, logger } = recordingLogger();

    const act = () => assertCustomerAccess(admin, customerB, logger);

    expect(act).toThrow(ServiceError);
    expect(act).toThrow(customerB);
    expect(lines[0]).toContain('warn');
    expect(lines[0]).toContain(`userId=${admin.userId}`);
    expect(lines[0]).toContain(`userCustomerId=${customerA}`);
    expect(lines[0]).toContain(`requestedCustomerId=${customerB}`);
  });
});
