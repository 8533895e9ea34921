import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readBenchPlan } from './benchPlan';
import { attempt, type BenchResults, type Outcome } from './report/benchResults';
import { formatSeconds } from './report/format';
import { readMachineInfo } from './report/machineInfo';
import { renderBenchmarks } from './report/renderBenchmarks';
import { readCustomerIndexDefinitions } from './report/sqlServerIndexes';
import { summaryRows } from './report/summaryRows';
import { runCheckCycleScenario } from './scenarios/checkCycleScenario';
import { runColdStartScenario } from './scenarios/coldStartScenario';
import { runFailedMessageQueryScenario } from './scenarios/failedMessageQueryScenario';
import { runResendScenario } from './scenarios/resendScenario';
import { runScreenScenario } from './scenarios/screenScenario';
import { runTimerFanOutScenario } from './scenarios/timerFanOutScenario';
import { repositoryRoot } from './support/paths';

/** Runs one scenario, printing its start, duration and outcome. */
async function step<Value>(label: string, run: () => Promise<Value>): Promise<Outcome<Value>> {
  console.log(`- ${label} ...`);
  const started = performance.now();
  const outcome = await attempt(run);
  console.log(`  ${outcome.ok ? 'done' : `FAILED: ${outcome.error}`} (${formatSeconds(performance.now() - started)})`);
  return outcome;
}

/**
 * `npm run bench`: runs every scenario against servers it starts on
 * 127.0.0.1, writes BENCHMARKS.md at the repository root and prints the
 * summary. Exits with 1 when a scenario failed. `--quick` runs small sizes.
 */
async function main(): Promise<number> {
  const plan = readBenchPlan(process.argv.slice(2));
  const workDirectory = mkdtempSync(join(tmpdir(), 'sync-guard-bench-'));
  const startedAt = new Date();
  console.log(`Benchmark (${plan.quick ? 'quick' : 'full'} mode); temporary files in ${workDirectory}`);
  // Ctrl-C also reaches the child processes, which stop; the temporary files are removed here.
  process.once('SIGINT', () => {
    rmSync(workDirectory, { recursive: true, force: true });
    process.exit(130);
  });
  try {
    const coldStart = await step(`cold start, ${plan.coldStartRuns} runs`, () => runColdStartScenario(join(workDirectory, 'cold-start'), plan.coldStartRuns));
    const checkCycles: BenchResults['checkCycles'] = [];
    for (const connections of plan.checkCycleConnections) {
      const outcome = await step(`check cycle, ${connections} connections`, () => runCheckCycleScenario(workDirectory, connections));
      checkCycles.push({ connections, outcome });
    }
    const fanOut = await step(`timer fan-out, ${plan.fanOutCustomers} customers`, () => runTimerFanOutScenario(workDirectory, plan.fanOutCustomers, plan.fanOutWarmRuns));
    const query = await step(`failed-message query, ${plan.queryRows} rows`, () => runFailedMessageQueryScenario(workDirectory, plan.queryRows, plan.queryRepetitions));
    const indexes = await attempt(readCustomerIndexDefinitions);
    const resend = await step(`resend, ${plan.resendRows} rows per run`, () => runResendScenario(workDirectory, plan.resendRows));
    const screen = await step(`screen, ${plan.screenRows} rows`, () => runScreenScenario(workDirectory, plan.screenRows, plan.screenRuns));

    const results: BenchResults = { plan, machine: readMachineInfo(), startedAt, finishedAt: new Date(), coldStart, checkCycles, fanOut, query, indexes, resend, screen };
    const file = join(repositoryRoot, 'BENCHMARKS.md');
    writeFileSync(file, renderBenchmarks(results));
    console.log(`\nWrote ${file}\n`);
    for (const [goal, result, baseline, met] of summaryRows(results)) {
      console.log(`${met.replaceAll('*', '').padEnd(12)} ${goal}: ${result}${baseline === '' ? '' : ` (baseline: ${baseline})`}`);
    }
    const outcomes = [coldStart, ...checkCycles.map((entry) => entry.outcome), fanOut, query, indexes, resend, screen];
    return outcomes.every((outcome) => outcome.ok) ? 0 : 1;
  } finally {
    rmSync(workDirectory, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
