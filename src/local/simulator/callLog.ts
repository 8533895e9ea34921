/** One request received by a simulated Epicor instance. */
export interface RecordedCall {
  /** Order of arrival across all instances, starting at 1. */
  sequence: number;
  instance: string;
  method: string;
  /** Path below the instance with its query, such as `api/v2/odata/EPIC06/Erp.BO.CompanySvc/Companies?$top=1`. */
  path: string;
  body: string | null;
  /** Arrival time, ISO 8601 in UTC. */
  receivedAt: string;
  /** User name from the Basic credentials; the password is never recorded. */
  userName: string | null;
  /** Whether an `x-api-key` header was present; the key itself is never recorded. */
  apiKeyPresent: boolean;
}

/** Calls received, oldest first, keeping at most `capacity` of them. */
export class CallLog {
  private readonly entries: RecordedCall[] = [];
  private nextSequence = 1;

  constructor(private readonly capacity: number) {}

  /** Records a call and returns it with its sequence number. */
  record(call: Omit<RecordedCall, 'sequence'>): RecordedCall {
    const recorded = { ...call, sequence: this.nextSequence };
    this.nextSequence += 1;
    this.entries.push(recorded);
    if (this.entries.length > this.capacity) {
      this.entries.shift();
    }
    return recorded;
  }

  /** Returns copies of the recorded calls, of one instance when given. */
  list(instance?: string): RecordedCall[] {
    return this.entries.filter((call) => instance === undefined || call.instance === instance).map((call) => ({ ...call }));
  }

  /** Forgets every call; sequence numbers keep counting. */
  clear(): void {
    this.entries.length = 0;
  }
}
