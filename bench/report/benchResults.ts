import type { BenchPlan } from '../benchPlan';
import type { CheckCycleReport } from '../scenarios/checkCycleScenario';
import type { ColdStartReport } from '../scenarios/coldStartScenario';
import type { FailedMessageQueryReport } from '../scenarios/failedMessageQueryScenario';
import type { ResendReport } from '../scenarios/resendScenario';
import type { ScreenOutcome } from '../scenarios/screenScenario';
import type { TimerFanOutReport } from '../scenarios/timerFanOutScenario';
import type { IndexDefinition } from './sqlServerIndexes';
import type { MachineInfo } from './machineInfo';

/** A scenario's figures, or why it failed. */
export type Outcome<Value> = { ok: true; value: Value } | { ok: false; error: string };

/** Everything one benchmark run measured. */
export interface BenchResults {
  plan: BenchPlan;
  machine: MachineInfo;
  startedAt: Date;
  finishedAt: Date;
  coldStart: Outcome<ColdStartReport>;
  checkCycles: { connections: number; outcome: Outcome<CheckCycleReport> }[];
  fanOut: Outcome<TimerFanOutReport>;
  query: Outcome<FailedMessageQueryReport>;
  indexes: Outcome<IndexDefinition[]>;
  resend: Outcome<ResendReport>;
  screen: Outcome<ScreenOutcome>;
}

/** Runs a scenario and keeps its figures or its error, so that one failure does not lose the others. */
export async function attempt<Value>(run: () => Promise<Value>): Promise<Outcome<Value>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
