import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { findPackageRoot } from '../data/sqlScripts';

/** Folders under dist/src that never reach Azure: the local host and the command-line tools. */
const excludedFolders = ['local', 'cli'];

/** Top-level files of the deployment package besides the compiled code. */
const packageFiles = ['host.json', 'package.json', 'package-lock.json'];

/**
 * Returns the files, relative to the package root, that the deployment
 * package contains: host.json, the package manifests, and the compiled
 * function app without the local host, the tools and source maps.
 */
export function listDeploymentFiles(root: string): string[] {
  const files = packageFiles.filter((file) => existsSync(path.join(root, file)));
  const walk = (relative: string): void => {
    for (const name of readdirSync(path.join(root, relative)).sort()) {
      const child = path.join(relative, name);
      if (statSync(path.join(root, child)).isDirectory()) {
        if (!(relative === path.join('dist', 'src') && excludedFolders.includes(name))) {
          walk(child);
        }
      } else if (!name.endsWith('.map')) {
        files.push(child);
      }
    }
  };
  if (!existsSync(path.join(root, 'dist', 'src', 'functions', 'index.js'))) {
    throw new Error('dist/src/functions/index.js is missing: run "npm run build" first');
  }
  walk(path.join('dist', 'src'));
  return files;
}

/**
 * Writes the deployment package to `.deploy/`: the files above plus the
 * production dependencies only (`npm ci --omit=dev`), ready for azd to upload.
 */
function packageApp(): void {
  const root = findPackageRoot();
  const output = path.join(root, '.deploy');
  rmSync(output, { recursive: true, force: true });
  mkdirSync(output);

  const files = listDeploymentFiles(root);
  for (const file of files) {
    mkdirSync(path.dirname(path.join(output, file)), { recursive: true });
    cpSync(path.join(root, file), path.join(output, file));
  }
  // The production dependencies are plain JavaScript, so no install script needs to run.
  execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: output, stdio: 'inherit' });
  console.log(`Deployment package written to ${output}: ${files.length} files and the production dependencies`);
}

if (require.main === module) {
  packageApp();
}
