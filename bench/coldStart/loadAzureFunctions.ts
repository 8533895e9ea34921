import { performance } from 'node:perf_hooks';

/**
 * Child process of the cold-start benchmark: loads `@azure/functions` alone,
 * timed the way `describeFunctionApp` times the entry module, and prints
 * `{ "loadMs": <milliseconds> }`.
 */
const started = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous require is what is timed, as in the entry loader
require('@azure/functions');
const loadMs = performance.now() - started;
process.stdout.write(`${JSON.stringify({ loadMs })}\n`);
