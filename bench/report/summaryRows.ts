import { median, percentile } from '../support/stats';
import type { BenchResults, Outcome } from './benchResults';
import { checkCycleFigures, coldStartFigures, fanOutFigures, resendFigures } from './figures';
import { formatCount, formatMegabytes, formatMs, formatPercent, formatRate, formatRatio, formatSeconds } from './format';

/** Goals of the benchmark, as numbers. */
export const goals = {
  throughputShare: 0.5,
  /** "Well inside" the 5-minute interval: at most half of it, in milliseconds. */
  cycleWallMs: 150_000,
  peakRssBytes: 256 * 1024 * 1024,
  fanOutMs: 10_000,
  fanOutSpeedup: 10,
  queryP95Ms: 50,
  resendOverheadPerRowMs: 5,
  coldStartRatio: 3,
} as const;

/** One row of the summary: the goal, the result, the baseline and whether the goal is met. */
export type SummaryRow = [goal: string, result: string, baseline: string, met: string];

const met = (ok: boolean): string => (ok ? 'yes' : '**no**');

function failed<Value>(goal: string, outcome: Outcome<Value>): SummaryRow | undefined {
  return outcome.ok ? undefined : [goal, `failed: ${outcome.error.split('\n')[0] ?? ''}`, '', '**failed**'];
}

function checkCycleRows(results: BenchResults): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const { connections, outcome } of results.checkCycles) {
    const label = `Check cycle, ${formatCount(connections)} connections`;
    const failure = failed(label, outcome);
    if (failure || !outcome.ok) {
      rows.push(failure ?? [label, '', '', '']);
      continue;
    }
    const report = outcome.value;
    const figures = checkCycleFigures(report);
    rows.push([
      `${label}: at least ${formatPercent(goals.throughputShare)} of raw throughput`,
      `${formatRate(figures.checksPerSecond)} checks (${formatPercent(figures.throughputShare)} of raw)`,
      `raw GETs ${formatRate(figures.rawPerSecond)}`,
      met(figures.throughputShare >= goals.throughputShare),
    ]);
    if (connections >= 5000) {
      rows.push([
        `${label}: well inside the 5-minute interval (at most half of it)`,
        formatSeconds(report.cycle.wallMs),
        `raw GETs ${formatSeconds(report.raw.wallMs)}`,
        met(report.cycle.wallMs <= goals.cycleWallMs),
      ]);
    }
    rows.push([
      `${label}: peak memory under ${formatMegabytes(goals.peakRssBytes)}`,
      formatMegabytes(report.cycle.peakRssBytes),
      `raw GETs ${formatMegabytes(report.raw.peakRssBytes)}`,
      met(report.cycle.peakRssBytes < goals.peakRssBytes),
    ]);
  }
  return rows;
}

function fanOutRows(results: BenchResults): SummaryRow[] {
  const label = 'Timer fan-out';
  const failure = failed(label, results.fanOut);
  if (failure || !results.fanOut.ok) {
    return [failure ?? [label, '', '', '']];
  }
  const report = results.fanOut.value;
  const figures = fanOutFigures(report);
  const customers = formatCount(report.customers);
  return [
    [`${label}, ${customers} customers: under ${goals.fanOutMs / 1000} s`, `${formatMs(figures.warmMedianMs)} warm, ${formatMs(report.result.coldMs)} cold`, '', met(Math.max(figures.warmMedianMs, report.result.coldMs) < goals.fanOutMs)],
    [
      `${label}, ${customers} customers: at least ${goals.fanOutSpeedup}× faster than naive`,
      `${formatRatio(figures.warmSpeedup)} warm, ${formatRatio(figures.coldSpeedup)} cold`,
      `naive sequential ${formatMs(report.result.naiveMs)}`,
      `${met(figures.warmSpeedup >= goals.fanOutSpeedup)} warm, ${met(figures.coldSpeedup >= goals.fanOutSpeedup)} cold`,
    ],
  ];
}

function queryRows(results: BenchResults): SummaryRow[] {
  const label = 'Failed-message query';
  const failure = failed(label, results.query);
  if (failure || !results.query.ok) {
    return [failure ?? [label, '', '', '']];
  }
  const report = results.query.value;
  return report.result.cases.map((queryCase): SummaryRow => {
    const p95 = percentile(queryCase.handlerMs, 95);
    return [
      `${label}, ${formatCount(report.rows)} rows, ${queryCase.name}: p95 under ${goals.queryP95Ms} ms`,
      `p95 ${formatMs(p95)} (p50 ${formatMs(median(queryCase.handlerMs))})`,
      `bare SQL p95 ${formatMs(percentile(queryCase.bareSqlMs, 95))}`,
      met(p95 < goals.queryP95Ms),
    ];
  });
}

function resendRows(results: BenchResults): SummaryRow[] {
  const label = 'Resend';
  const failure = failed(label, results.resend);
  if (failure || !results.resend.ok) {
    return [failure ?? [label, '', '', '']];
  }
  const report = results.resend.value;
  return resendFigures(report).map((figures, index): SummaryRow => {
    const run = report.result.runs[index];
    const ordered = run?.orderVerified ? 'order verified' : `**order wrong**: ${run?.orderProblem ?? ''}`;
    return [
      `${label}, ${formatCount(run?.rows ?? 0)} rows, ${figures.name}: overhead under ${goals.resendOverheadPerRowMs} ms per row`,
      `${formatMs(figures.overheadPerRowMs)} per row over raw (${formatMs(figures.perRowMs)} in all); ${ordered}`,
      `raw calls ${formatMs(figures.rawPerRowMs)} per row`,
      met(figures.overheadPerRowMs < goals.resendOverheadPerRowMs && run?.orderVerified === true && run.sent === run.rows),
    ];
  });
}

function coldStartRows(results: BenchResults): SummaryRow[] {
  const label = 'Cold start';
  const failure = failed(label, results.coldStart);
  if (failure || !results.coldStart.ok) {
    return [failure ?? [label, '', '', '']];
  }
  const figures = coldStartFigures(results.coldStart.value);
  return [
    [
      `${label}: entry module under ${goals.coldStartRatio}× loading @azure/functions alone`,
      `${formatMs(figures.entryMs)} (${formatRatio(figures.ratio)})`,
      `@azure/functions alone ${formatMs(figures.bareMs)}`,
      met(figures.ratio < goals.coldStartRatio),
    ],
  ];
}

function screenRows(results: BenchResults): SummaryRow[] {
  const label = 'Screen: first render in Chromium (no goal)';
  const failure = failed(label, results.screen);
  if (failure || !results.screen.ok) {
    return [failure ?? [label, '', '', '']];
  }
  const outcome = results.screen.value;
  if (!outcome.measured) {
    return [[label, `not measured: ${outcome.reason}`, '', '—']];
  }
  const report = outcome.report;
  return [
    [
      `${label}, ${formatCount(report.rows)} matching rows`,
      `${formatMs(median(report.firstRenderMs))} to the first ${formatCount(report.firstPageRows)} rows`,
      `bare table page ${formatMs(median(report.baselineMs))}`,
      '—',
    ],
  ];
}

/** Returns the summary table's rows, one per goal, in the order of the requirement. */
export function summaryRows(results: BenchResults): SummaryRow[] {
  return [...checkCycleRows(results), ...fanOutRows(results), ...queryRows(results), ...resendRows(results), ...coldStartRows(results), ...screenRows(results)];
}
