/**
 * The embedded default's demo customers, applications, users and Epicor
 * connections. Ids are fixed so that the README and tests can name them.
 */

export const demoApplications = [
  { id: 'a1f0c6d2-3b7e-4a51-9c1d-000000000001', name: 'Mobile Field Service' },
  { id: 'a1f0c6d2-3b7e-4a51-9c1d-000000000002', name: 'Mobile Timesheets' },
] as const;

/** Simulator scenario of one demo connection; see src/local/epicorSimulator.ts for their meaning. */
export interface DemoConnection {
  applicationIndex: 0 | 1;
  environment: 'Live' | 'Test';
  scenario: string;
  enabled: boolean;
}

export interface DemoUser {
  id: string;
  email: string;
  displayName: string;
  isAdministrator: boolean;
  isActive: boolean;
}

export interface DemoCustomer {
  id: string;
  name: string;
  slug: string;
  company: string;
  isActive: boolean;
  timeZone: string | null;
  users: DemoUser[];
  connections: DemoConnection[];
  /** Share of outgoing messages that failed, 0 to 1. */
  failureRate: number;
}

export const demoCustomers: DemoCustomer[] = [
  {
    id: 'c0000000-0000-4000-8000-000000000001',
    name: 'Northwind Field Services',
    slug: 'northwind',
    company: 'NWFS01',
    isActive: true,
    timeZone: 'Europe/London',
    failureRate: 0.18,
    users: [
      { id: 'd0000000-0000-4000-8000-000000000011', email: 'ops.admin@northwind.example', displayName: 'Olivia Hart', isAdministrator: true, isActive: true },
      { id: 'd0000000-0000-4000-8000-000000000012', email: 'it.lead@northwind.example', displayName: 'Ravi Patel', isAdministrator: true, isActive: true },
      // Same mailbox in another case: the alert goes to it once.
      { id: 'd0000000-0000-4000-8000-000000000013', email: 'IT.Lead@Northwind.example', displayName: 'Ravi Patel (second login)', isAdministrator: true, isActive: true },
      { id: 'd0000000-0000-4000-8000-000000000014', email: 'engineer@northwind.example', displayName: 'Sam Cole', isAdministrator: false, isActive: true },
    ],
    connections: [
      { applicationIndex: 0, environment: 'Live', scenario: 'healthy', enabled: true },
      { applicationIndex: 0, environment: 'Test', scenario: 'healthy', enabled: true },
      { applicationIndex: 1, environment: 'Live', scenario: 'appPoolStopped', enabled: true },
      { applicationIndex: 1, environment: 'Test', scenario: 'healthy', enabled: true },
    ],
  },
  {
    id: 'c0000000-0000-4000-8000-000000000002',
    name: 'Contoso Engineering',
    slug: 'contoso',
    company: 'CONT01',
    isActive: true,
    timeZone: 'Europe/London',
    failureRate: 0.1,
    users: [
      { id: 'd0000000-0000-4000-8000-000000000021', email: 'erp.admin@contoso.example', displayName: 'Grace Liu', isAdministrator: true, isActive: true },
      { id: 'd0000000-0000-4000-8000-000000000022', email: 'former.admin@contoso.example', displayName: 'Tom Reed', isAdministrator: true, isActive: false },
    ],
    connections: [
      { applicationIndex: 0, environment: 'Live', scenario: 'invalidCredentials', enabled: true },
      { applicationIndex: 0, environment: 'Test', scenario: 'htmlPage', enabled: true },
      { applicationIndex: 1, environment: 'Live', scenario: 'healthy', enabled: true },
      { applicationIndex: 1, environment: 'Test', scenario: 'hang', enabled: false },
    ],
  },
  {
    id: 'c0000000-0000-4000-8000-000000000003',
    name: 'Fabrikam Plant Hire',
    slug: 'fabrikam',
    company: 'FAB01',
    isActive: true,
    timeZone: 'Europe/Dublin',
    failureRate: 0.05,
    users: [
      { id: 'd0000000-0000-4000-8000-000000000031', email: 'systems@fabrikam.example', displayName: 'Niamh Byrne', isAdministrator: true, isActive: true },
    ],
    connections: [
      { applicationIndex: 0, environment: 'Live', scenario: 'healthy', enabled: true },
      { applicationIndex: 0, environment: 'Test', scenario: 'forbidden', enabled: true },
    ],
  },
  {
    id: 'c0000000-0000-4000-8000-000000000004',
    name: 'Old Customer Ltd (inactive)',
    slug: 'oldcustomer',
    company: 'OLD01',
    isActive: false,
    timeZone: null,
    failureRate: 0.5,
    users: [
      { id: 'd0000000-0000-4000-8000-000000000041', email: 'admin@oldcustomer.example', displayName: 'Pat Doe', isAdministrator: true, isActive: true },
    ],
    connections: [{ applicationIndex: 0, environment: 'Live', scenario: 'appPoolStopped', enabled: true }],
  },
];

/** Vendor support staff, who may act for any customer. */
export const demoSupportUser: DemoUser = {
  id: 'd0000000-0000-4000-8000-000000000099',
  email: 'support@vendor.example',
  displayName: 'Vendor Support',
  isAdministrator: true,
  isActive: true,
};

/** Simulator instance name of a demo connection, also the last segment of its base URL. */
export function demoInstanceName(customer: DemoCustomer, connection: DemoConnection): string {
  const application = connection.applicationIndex === 0 ? 'mfs' : 'timesheets';
  return `${customer.slug}-${application}-${connection.environment.toLowerCase()}`;
}
