import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadFunctionApp } from './loadFunctionApp';

/**
 * Loads the built entry module as the Functions worker does and prints its
 * registrations as JSON: the function names, every binding, and the load
 * time in milliseconds. Tests and the benchmark run it in a fresh process.
 */
function describeFunctionApp(): void {
  const entry = resolve(__dirname, '../functions/index.js');
  const started = performance.now();
  const app = loadFunctionApp(entry);
  const loadMs = performance.now() - started;
  const functions = app.functions.map((registered) => ({ name: registered.name, bindings: registered.bindings }));
  process.stdout.write(`${JSON.stringify({ loadMs, functions, hooks: [...app.hooks.keys()] })}\n`);
}

describeFunctionApp();
