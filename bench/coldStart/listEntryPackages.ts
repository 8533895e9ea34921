import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadFunctionApp } from '../../src/local/loadFunctionApp';
import { builtAppFile, repositoryRoot } from '../support/paths';

/**
 * Child process of the cold-start benchmark: loads the built entry module
 * and prints which of package.json's dependencies it loaded, as
 * `{ "packages": ["zod", ...] }`. App settings come from the environment.
 */
const packageJsonSchema = z.object({ dependencies: z.record(z.string(), z.string()), devDependencies: z.record(z.string(), z.string()).optional() });
const packageJson = packageJsonSchema.parse(JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')));
const dependencies = [...Object.keys(packageJson.dependencies), ...Object.keys(packageJson.devDependencies ?? {})];

loadFunctionApp(builtAppFile('functions/index.js'));
const loaded = new Set<string>();
for (const file of Object.keys(require.cache)) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
  if (match?.[1] !== undefined && dependencies.includes(match[1])) {
    loaded.add(match[1]);
  }
}
process.stdout.write(`${JSON.stringify({ packages: [...loaded].sort() })}\n`);
