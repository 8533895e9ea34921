import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalHostProcess, type LocalHostProcess } from '../support/localHostProcess';

const northwind = 'c0000000-0000-4000-8000-000000000001';
const northwindAdmin = 'd0000000-0000-4000-8000-000000000011';
const contosoAdmin = 'd0000000-0000-4000-8000-000000000021';

/** The enabled demo connections whose simulator scenario fails. */
const failingInstances = ['northwind-timesheets-live', 'contoso-mfs-live', 'contoso-mfs-test', 'fabrikam-mfs-test'];

interface OutboxEmail {
  to: string[];
  subject: string;
  tags: Record<string, string>;
}

function readOutbox(host: LocalHostProcess): OutboxEmail[] {
  const folder = join(host.stateDirectory, 'outbox');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(folder, name), 'utf8')) as OutboxEmail);
}

/** Polls until `ready` returns true; the host works on its own timer, so the test waits for its effects. */
async function waitFor(description: string, ready: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ready()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${description}`);
}

async function tokenFor(host: LocalHostProcess, userId: string): Promise<string> {
  const response = await fetch(`${host.url}/local/token`, { method: 'POST', body: JSON.stringify({ userId }) });
  const body = (await response.json()) as { token: string };
  return body.token;
}

function countCycles(host: LocalHostProcess): number {
  return host.output().split('SyncGuardEvent CheckCycleScheduled').length - 1;
}

describe('embedded default (npm start)', () => {
  let host: LocalHostProcess;

  beforeAll(async () => {
    // Every second, so that several check cycles pass within the test.
    host = await startLocalHostProcess({ env: { CheckSchedule: '* * * * * *', CheckTimeoutSeconds: '2' } });
  }, 60_000);

  afterAll(async () => {
    await host?.stop();
  });

  it('answers health with the demo data in place', async () => {
    const health = await fetch(`${host.url}/api/health`);
    const token = await tokenFor(host, northwindAdmin);
    const failed = await fetch(`${host.url}/api/customers/${northwind}/failed-messages`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await failed.json()) as { total: number; items: { errorSummary: string }[] };

    expect(health.status).toBe(200);
    expect(failed.status).toBe(200);
    expect(body.total).toBeGreaterThan(10);
    expect(body.items.some((item) => item.errorSummary.includes('Invalid username or password.'))).toBe(true);
  });

  it('refuses another customer to an administrator', async () => {
    const token = await tokenFor(host, contosoAdmin);

    const response = await fetch(`${host.url}/api/customers/${northwind}/failed-messages`, {
      headers: { authorization: `Bearer ${token}` },
    });

    expect(response.status).toBe(403);
  });

  it('opens one outage and one email per failing connection, then recovers', async () => {
    await waitFor('an outage email per failing connection', () => readOutbox(host).filter((email) => email.tags.kind === 'outage').length >= failingInstances.length);
    const cyclesAtFirstEmails = countCycles(host);
    await waitFor('two more check cycles', () => countCycles(host) >= cyclesAtFirstEmails + 2);

    const outageEmails = readOutbox(host).filter((email) => email.tags.kind === 'outage');
    expect(outageEmails).toHaveLength(failingInstances.length);
    expect(new Set(outageEmails.map((email) => email.tags.outageId)).size).toBe(failingInstances.length);
    const northwindEmail = outageEmails.find((email) => email.subject.includes('Mobile Timesheets (Live)'));
    expect(northwindEmail?.to.map((address) => address.toLowerCase()).sort()).toEqual(['it.lead@northwind.example', 'ops.admin@northwind.example']);

    for (const instance of failingInstances) {
      const response = await fetch(`${host.simulatorUrl}/_simulator/scenarios/${instance}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scenario: 'healthy' }),
      });
      expect(response.status).toBe(200);
    }
    await waitFor('a recovery email per outage', () => readOutbox(host).filter((email) => email.tags.kind === 'recovery').length >= failingInstances.length);
    const cyclesAtRecovery = countCycles(host);
    await waitFor('two more check cycles', () => countCycles(host) >= cyclesAtRecovery + 2);

    const recoveryEmails = readOutbox(host).filter((email) => email.tags.kind === 'recovery');
    expect(recoveryEmails).toHaveLength(failingInstances.length);
    expect(new Set(recoveryEmails.map((email) => email.tags.outageId))).toEqual(new Set(outageEmails.map((email) => email.tags.outageId)));
    const token = await tokenFor(host, northwindAdmin);
    const connections = (await (
      await fetch(`${host.url}/api/customers/${northwind}/connections`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { connections: { state: string }[] };
    expect(connections.connections.map((connection) => connection.state)).toEqual(['healthy', 'healthy', 'healthy', 'healthy']);
  }, 90_000);
});
