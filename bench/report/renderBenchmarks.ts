import type { BenchResults } from './benchResults';
import { formatMegabytes, formatSeconds, table } from './format';
import { querySection, resendSection } from './apiSections';
import { checkCycleSection, fanOutSection } from './monitorSections';
import { coldStartSection, screenSection } from './startupSections';
import { summaryRows } from './summaryRows';

/** Renders BENCHMARKS.md: the run's facts, the summary of goals, then one section per scenario. */
export function renderBenchmarks(results: BenchResults): string {
  const { machine, plan } = results;
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench`; do not edit by hand. Every figure stands beside a baseline measured in the same run, so that ratios hold on a noisy machine. ' +
      'Everything runs on the embedded default (SQLite, the Epicor simulator, local queues) on 127.0.0.1, with a fixed number of requests.',
    '',
    table(
      ['', ''],
      [
        ['Command', `\`${plan.command}\`${plan.quick ? ' (quick mode: small sizes, for development)' : ''}`],
        ['Date', `${results.startedAt.toISOString()} (took ${formatSeconds(results.finishedAt.getTime() - results.startedAt.getTime())})`],
        ['Machine', `${machine.cpuModel}, ${machine.cores} cores, ${formatMegabytes(machine.memoryBytes)} memory, ${machine.os}`],
        ['Node', machine.nodeVersion],
      ],
    ),
    '',
    '## Summary',
    '',
    table(['Goal', 'Result', 'Baseline', 'Met'], summaryRows(results)),
    '',
    ...[checkCycleSection, fanOutSection, querySection, resendSection, coldStartSection, screenSection].flatMap((section) => [section(results), '']),
  ].join('\n');
}
