import type { Kysely } from 'kysely';
import { resolveEpicorConnection } from '../app/epicorTargets';
import type { CustomerDatabase } from '../data/customerSchema';
import { listEpicorConnections } from '../data/epicorConnections';
import { openDatabase, type DatabaseHandle } from '../data/openDatabase';
import { replayCall } from '../epicor/replayCall';
import { LocalSecretStore } from '../secrets/localSecretStore';
import { describeError } from '../shared/errors';
import { writeLocalLog } from './consoleLog';
import { demoCustomers } from './demoData';

/** Deadline of one demo transaction, in milliseconds; short, so a hanging server does not pile up calls. */
const transactionTimeoutMs = 5000;

/**
 * Plays the vendor's field applications in the embedded default: every
 * interval it posts one transaction through each enabled demo connection to
 * the Epicor simulator and writes the outcome to that customer's message
 * log, as the real applications do. A connection that is down therefore
 * collects failed transactions during its outage, ready to resend.
 */
export class DemoTraffic {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #sequence = 0;

  /**
   * @param secretsFile the local secrets file with each demo customer's database and credentials
   * @param intervalMs time between rounds, in milliseconds
   */
  constructor(
    private readonly secretsFile: string,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.#timer = setInterval(() => {
      // A round that is still running (a slow server) is not overlapped.
      this.#running ??= this.runRound()
        .then(() => undefined)
        .finally(() => {
          this.#running = undefined;
        });
    }, this.intervalMs);
  }

  /** Posts one transaction per enabled demo connection and logs each outcome; returns how many were posted. */
  async runRound(): Promise<number> {
    const secrets = new LocalSecretStore(this.secretsFile);
    let posted = 0;
    for (const customer of demoCustomers.filter((candidate) => candidate.isActive)) {
      let handle: DatabaseHandle<CustomerDatabase> | undefined;
      try {
        handle = await openDatabase<CustomerDatabase>(await secrets.getSecret(`${customer.slug}-database`));
        posted += await this.#postFor(handle.db, customer.company, secrets);
      } catch (error) {
        writeLocalLog('warn', 'demo-traffic', `Demo transactions of ${customer.name} failed: ${describeError(error)}`);
      } finally {
        await handle?.close();
      }
    }
    return posted;
  }

  async #postFor(db: Kysely<CustomerDatabase>, company: string, secrets: LocalSecretStore): Promise<number> {
    let posted = 0;
    for (const record of await listEpicorConnections(db)) {
      if (!record.enabled) {
        continue;
      }
      this.#sequence += 1;
      const call = {
        method: 'POST',
        endpoint: `api/v2/odata/${company}/Erp.BO.ServiceCallCenterSvc/FSCallhds`,
        body: JSON.stringify({ Company: company, Description: `Demo field transaction ${this.#sequence}` }),
      };
      const result = await replayCall(await resolveEpicorConnection(record, secrets), call, {
        timeoutMs: transactionTimeoutMs,
        maxResponseBytes: 4096,
        addressPolicy: { allowLoopback: true, allowPrivate: false },
      });
      await db
        .insertInto('MessageLogs')
        .values({
          Timestamp: new Date(),
          ApplicationID: record.applicationId,
          Environment: record.environment,
          Incoming: false,
          Success: result.ok,
          Retries: 0,
          HttpMethod: call.method,
          Endpoint: call.endpoint,
          RequestBody: call.body,
          ResponseText: result.responseText === '' ? result.message : result.responseText,
          StatusCode: result.statusCode,
        })
        .execute();
      posted += 1;
    }
    return posted;
  }

  /** Stops the rounds and waits for one in progress. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }
}
