import { readEnvironmentValue } from '../src/config/settings';

/** Sizes of one benchmark run. */
export interface BenchPlan {
  quick: boolean;
  /** Command that started the run, for BENCHMARKS.md. */
  command: string;
  checkCycleConnections: number[];
  fanOutCustomers: number;
  fanOutWarmRuns: number;
  queryRows: number;
  queryRepetitions: number;
  resendRows: number;
  coldStartRuns: number;
  screenRows: number;
  screenRuns: number;
}

const fullPlan: Omit<BenchPlan, 'quick' | 'command'> = {
  checkCycleConnections: [1000, 5000],
  fanOutCustomers: 1000,
  fanOutWarmRuns: 5,
  queryRows: 1_000_000,
  queryRepetitions: 40,
  resendRows: 1000,
  coldStartRuns: 10,
  screenRows: 1000,
  screenRuns: 5,
};

// Small enough for about a minute; the query table still has a deep page in the 7-day range.
const quickPlan: Omit<BenchPlan, 'quick' | 'command'> = {
  checkCycleConnections: [200],
  fanOutCustomers: 100,
  fanOutWarmRuns: 2,
  queryRows: 300_000,
  queryRepetitions: 10,
  resendRows: 200,
  coldStartRuns: 3,
  screenRows: 1000,
  screenRuns: 2,
};

/**
 * Reads the plan from the command-line arguments: `--quick` (or the
 * environment variable BENCH_QUICK=1) runs small sizes for development.
 * Throws for any other argument.
 */
export function readBenchPlan(args: readonly string[]): BenchPlan {
  const unknown = args.filter((arg) => arg !== '--quick');
  if (unknown.length > 0) {
    throw new Error(`Unknown argument ${unknown.map((arg) => `"${arg}"`).join(', ')}: the benchmark accepts only --quick (npm run bench -- --quick).`);
  }
  const fromArgument = args.includes('--quick');
  const fromEnvironment = readEnvironmentValue('BENCH_QUICK') === '1';
  const quick = fromArgument || fromEnvironment;
  let command = 'npm run bench';
  if (fromArgument) {
    command = 'npm run bench -- --quick';
  } else if (fromEnvironment) {
    command = 'BENCH_QUICK=1 npm run bench';
  }
  return { quick, command, ...(quick ? quickPlan : fullPlan) };
}
