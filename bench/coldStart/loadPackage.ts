import { performance } from 'node:perf_hooks';

/**
 * Child process of the cold-start benchmark: loads the one package named on
 * the command line, timed like the entry module, and prints `{ "loadMs": <milliseconds> }`.
 */
const name = process.argv[2];
if (name === undefined || name === '') {
  process.stderr.write('Name the package to load, such as: node loadPackage.js zod\n');
  process.exit(2);
}
const started = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous require is what is timed, as in the entry loader
require(name);
const loadMs = performance.now() - started;
process.stdout.write(`${JSON.stringify({ loadMs })}\n`);
