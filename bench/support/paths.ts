import { join, resolve } from 'node:path';

/** The repository's root folder, found from `dist/bench/support` where this module runs. */
export const repositoryRoot = resolve(__dirname, '../../..');

/** Returns the compiled file of a benchmark module, such as `dist/bench/worker.js` for `worker.js`. */
export function benchScript(relativePath: string): string {
  return join(repositoryRoot, 'dist/bench', relativePath);
}

/** Returns a file of the compiled function app, such as `dist/src/functions/index.js`. */
export function builtAppFile(relativePath: string): string {
  return join(repositoryRoot, 'dist/src', relativePath);
}
