import { latencyMix } from '../fixtures/latencyMix';
import { connectionsPerCustomer } from '../fixtures/monitorFixture';
import type { BenchResults } from './benchResults';
import { checkCycleFigures, fanOutFigures } from './figures';
import { formatCount, formatKilobytes, formatMegabytes, formatMs, formatPercent, formatRate, formatRatio, formatSeconds, table } from './format';

/** Renders the check cycle section. */
export function checkCycleSection(results: BenchResults): string {
  const [low, high] = latencyMix.latencyRangeMs;
  const lines = [
    '## 1. Check cycle',
    '',
    `Each customer has ${connectionsPerCustomer} connections (2 applications × Live and Test) to the Epicor simulator, which runs in its own process on 127.0.0.1 and plays the latency mix: ` +
      `${formatPercent(latencyMix.hangingShare)} of the connections never answer (the check waits for CheckTimeoutSeconds), ${formatPercent(latencyMix.failingShare)} answer with a failure ` +
      `(IIS 503 page, 401, 500, pending conversions, a firewall page) and the rest answer 200; every answer comes after ${low}–${high} ms. ` +
      'The function app is loaded from `dist` with the local host\'s loader in a fresh process; the timer function is fired through the local host\'s timer host, ' +
      'and the local host\'s queue host (host.json batchSize and newBatchThreshold) runs every check from the SQLite queue. The clock stops when the queue is empty and no check runs, ' +
      'so every ConnectionChecks row, every SyncLogs outage row and every outage email (outbox) is written. The schedule has the default 5-minute interval, phased so that the fired timer is on time.',
    '',
    'Baseline: the same GET requests (same URL, headers and timeout) sent raw with Node\'s `http` module, one new connection each as the Epicor client does, at the same concurrency, in a fresh process.',
    '',
  ];
  const rows: string[][] = [];
  const checks: string[] = [];
  for (const { connections, outcome } of results.checkCycles) {
    if (!outcome.ok) {
      rows.push([formatCount(connections), `failed: ${outcome.error.split('\n')[0] ?? ''}`, '', '', '', '', '', '']);
      continue;
    }
    const report = outcome.value;
    const figures = checkCycleFigures(report);
    rows.push([
      formatCount(connections),
      formatSeconds(report.cycle.wallMs),
      formatRate(figures.checksPerSecond),
      formatMegabytes(report.cycle.peakRssBytes),
      formatSeconds(report.raw.wallMs),
      formatRate(figures.rawPerSecond),
      formatMegabytes(report.raw.peakRssBytes),
      formatPercent(figures.throughputShare),
    ]);
    checks.push(
      `- ${formatCount(connections)} connections (${formatCount(report.customers)} customers; ${formatCount(report.healthy)} healthy, ${formatCount(report.failing)} failing, ${formatCount(report.hanging)} hanging; ` +
        `${report.concurrency} checks at a time, ${formatSeconds(report.checkTimeoutMs)} timeout): the timer ran for ${formatMs(report.cycle.timerMs)} and enqueued ${formatCount(report.cycle.enqueued)} checks; ` +
        `${formatCount(report.cycle.checked)} ConnectionChecks rows written (${formatCount(report.cycle.succeeded)} successful), ${formatCount(report.cycle.openOutages)} open SyncLogs outages, ` +
        `${formatCount(report.cycle.emails)} outage emails, ${formatCount(report.cycle.poisoned)} poison messages. A successful check's own call took ${formatMs(report.cycle.checkDurationP50Ms)} (p50); ` +
        `each of the ${report.concurrency} slots spent ${formatMs(figures.slotMsPerCheck)} per check on average.`,
    );
  }
  lines.push(
    table(['Connections', 'Wall time', 'Checks per second', 'Peak RSS', 'Raw GETs: wall time', 'Raw GETs per second', 'Raw GETs: peak RSS', 'Share of raw throughput'], rows),
    '',
    ...checks,
    '',
    'Peak RSS is `process.memoryUsage().rss` sampled every 50 ms in the process that runs the function app.',
    '',
    table(
      ['Connections', 'RSS with the app loaded, before the timer fires', 'Peak RSS during the cycle', 'Growth per customer'],
      results.checkCycles.flatMap(({ connections, outcome }) =>
        outcome.ok
          ? [[formatCount(connections), formatMegabytes(outcome.value.cycle.idleRssBytes), formatMegabytes(outcome.value.cycle.peakRssBytes), formatKilobytes((outcome.value.cycle.peakRssBytes - outcome.value.cycle.idleRssBytes) / outcome.value.customers)]]
          : [],
      ),
    ),

  );
  return lines.join('\n');
}

/** Renders the timer fan-out section. */
export function fanOutSection(results: BenchResults): string {
  const lines = [
    '## 2. Timer fan-out',
    '',
    'The timer function `scheduleConnectionChecks` over one SQLite database per customer (4 connections each), fired through the local host\'s timer host until its messages are in the queue; ' +
      'no check runs. Cold is the first run in a fresh process (services built, every customer database opened); warm runs follow in the same process, as every later interval does.',
    '',
    'Baseline: a naive fan-out in the same process before the timer runs: for each active customer in turn, read its connection string from the secrets file (no cache), open its database, read its enabled connections, close it.',
    '',
  ];
  if (!results.fanOut.ok) {
    lines.push(`Failed: ${results.fanOut.error}`);
    return lines.join('\n');
  }
  const report = results.fanOut.value;
  const figures = fanOutFigures(report);
  lines.push(
    table(
      ['Customers', 'Checks enqueued per run', 'Timer, warm (median)', 'Timer, cold', 'Naive sequential read', 'Speed-up, warm', 'Speed-up, cold'],
      [
        [
          formatCount(report.customers),
          formatCount(report.result.messagesPerRun),
          formatMs(figures.warmMedianMs),
          formatMs(report.result.coldMs),
          formatMs(report.result.naiveMs),
          formatRatio(figures.warmSpeedup),
          formatRatio(figures.coldSpeedup),
        ],
      ],
    ),
    '',
    `Warm runs: ${report.result.warmMs.map(formatMs).join(', ')}.`,
  );
  return lines.join('\n');
}
