import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { benchSettings } from '../support/benchSettings';
import { childEnvironment } from '../support/childEnvironment';
import { benchScript, builtAppFile, repositoryRoot } from '../support/paths';
import { median } from '../support/stats';

/** Load times of one kind of cold start, one sample per fresh process. */
export interface LoadSamples {
  /** Module load time measured inside the process, in milliseconds. */
  loadMs: number[];
  /** Whole process time from spawn to exit, in milliseconds. */
  processMs: number[];
}

/** Figures of the cold start and its baseline. */
export interface ColdStartReport {
  functions: string[];
  entry: LoadSamples;
  bare: LoadSamples;
  /** Dependencies the entry loads, each timed alone in a fresh process (median of the runs), in milliseconds. */
  packages: { name: string; loadMs: number }[];
}

const loadSchema = z.object({ loadMs: z.number() });
const describeSchema = z.object({ loadMs: z.number(), functions: z.array(z.object({ name: z.string() })) });
const packagesSchema = z.object({ packages: z.array(z.string()) });

/** Runs a Node script in a fresh process and returns its stdout and the time from spawn to exit. */
function runNode(script: string, args: readonly string[], env: Record<string, string>): Promise<{ stdout: string; processMs: number }> {
  const started = performance.now();
  return new Promise((resolveRun, rejectRun) => {
    execFile(process.execPath, [script, ...args], { cwd: repositoryRoot, env, timeout: 60_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) {
        rejectRun(new Error(`node ${script} ${args.join(' ')} failed: ${error.message}\n${stderr.slice(-2000)}`));
        return;
      }
      resolveRun({ stdout, processMs: performance.now() - started });
    });
  });
}

/**
 * Times `runs` cold starts, each in a fresh process: loading the built entry
 * module and registering every function (`node dist/src/local/describeFunctionApp.js`).
 * Each alternates with the baseline, a fresh process that loads
 * `@azure/functions` alone. Then it times each dependency that the entry loads.
 */
export async function runColdStartScenario(stateDirectory: string, runs: number): Promise<ColdStartReport> {
  // The entry validates app settings when it loads; the files they name need not exist.
  const env = childEnvironment(benchSettings(stateDirectory));
  const entry: LoadSamples = { loadMs: [], processMs: [] };
  const bare: LoadSamples = { loadMs: [], processMs: [] };
  let functions: string[] = [];
  for (let run = 0; run < runs; run += 1) {
    const described = await runNode(builtAppFile('local/describeFunctionApp.js'), [], env);
    const parsed = describeSchema.parse(JSON.parse(described.stdout));
    entry.loadMs.push(parsed.loadMs);
    entry.processMs.push(described.processMs);
    functions = parsed.functions.map((registered) => registered.name);

    const loaded = await runNode(benchScript('coldStart/loadAzureFunctions.js'), [], env);
    bare.loadMs.push(loadSchema.parse(JSON.parse(loaded.stdout)).loadMs);
    bare.processMs.push(loaded.processMs);
  }

  const { packages: names } = packagesSchema.parse(JSON.parse((await runNode(benchScript('coldStart/listEntryPackages.js'), [], env)).stdout));
  const packages: { name: string; loadMs: number }[] = [];
  for (const name of names) {
    const samples: number[] = [];
    for (let run = 0; run < Math.min(runs, 3); run += 1) {
      samples.push(loadSchema.parse(JSON.parse((await runNode(benchScript('coldStart/loadPackage.js'), [name], env)).stdout)).loadMs);
    }
    packages.push({ name, loadMs: median(samples) });
  }
  packages.sort((a, b) => b.loadMs - a.loadMs);
  return { functions, entry, bare, packages };
}
