import type { CheckCycleReport } from '../scenarios/checkCycleScenario';
import type { ColdStartReport } from '../scenarios/coldStartScenario';
import type { ResendReport } from '../scenarios/resendScenario';
import type { TimerFanOutReport } from '../scenarios/timerFanOutScenario';
import { median } from '../support/stats';

/** Figures derived from one check cycle and its baseline. */
export interface CheckCycleFigures {
  checksPerSecond: number;
  rawPerSecond: number;
  /** The cycle's throughput as a share of the raw GETs'. */
  throughputShare: number;
  /** Average time each concurrent slot spent per check, in milliseconds. */
  slotMsPerCheck: number;
}

export function checkCycleFigures(report: CheckCycleReport): CheckCycleFigures {
  const checksPerSecond = report.connections / (report.cycle.wallMs / 1000);
  const rawPerSecond = report.raw.requests / (report.raw.wallMs / 1000);
  return {
    checksPerSecond,
    rawPerSecond,
    throughputShare: checksPerSecond / rawPerSecond,
    slotMsPerCheck: (report.concurrency * report.cycle.wallMs) / report.connections,
  };
}

/** Figures derived from the timer fan-out. */
export interface FanOutFigures {
  warmMedianMs: number;
  /** Naive time divided by the timer's, warm and cold. */
  warmSpeedup: number;
  coldSpeedup: number;
}

export function fanOutFigures(report: TimerFanOutReport): FanOutFigures {
  const warmMedianMs = median(report.result.warmMs);
  return { warmMedianMs, warmSpeedup: report.result.naiveMs / warmMedianMs, coldSpeedup: report.result.naiveMs / report.result.coldMs };
}

/** Figures derived from one resend run, per row in milliseconds. */
export interface ResendFigures {
  name: string;
  perRowMs: number;
  rawPerRowMs: number;
  /** Time the resend adds per row over sending the same calls raw. */
  overheadPerRowMs: number;
}

export function resendFigures(report: ResendReport): ResendFigures[] {
  return report.result.runs.map((run) => ({
    name: run.name,
    perRowMs: run.resendMs / run.rows,
    rawPerRowMs: run.rawMs / run.rows,
    overheadPerRowMs: (run.resendMs - run.rawMs) / run.rows,
  }));
}

/** Figures derived from the cold start: medians in milliseconds and their ratio. */
export interface ColdStartFigures {
  entryMs: number;
  bareMs: number;
  ratio: number;
  entryProcessMs: number;
  bareProcessMs: number;
}

export function coldStartFigures(report: ColdStartReport): ColdStartFigures {
  const entryMs = median(report.entry.loadMs);
  const bareMs = median(report.bare.loadMs);
  return { entryMs, bareMs, ratio: entryMs / bareMs, entryProcessMs: median(report.entry.processMs), bareProcessMs: median(report.bare.processMs) };
}
