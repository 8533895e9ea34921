import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The file that marks a folder as the screen's static folder. */
const markerFile = 'index.html';

/**
 * Folders that may hold the screen's static files, seen from the folder of
 * this module: beside it (`src/portal/static` under ts-jest, or
 * `dist/src/portal/static` once the build has copied it), then the source
 * folder when running from `dist/src/portal` before that copy.
 */
export function staticFolderCandidates(moduleDirectory: string): string[] {
  return [join(moduleDirectory, 'static'), resolve(moduleDirectory, '../../../src/portal/static')];
}

/**
 * Returns the absolute path of the folder that contains the screen's files
 * (index.html, app.js, app.css). `moduleDirectory` defaults to this module's
 * folder. Throws when no candidate contains index.html, naming the folders tried.
 */
export function findStaticFolder(moduleDirectory: string = __dirname): string {
  const candidates = staticFolderCandidates(moduleDirectory);
  const found = candidates.find((folder) => existsSync(join(folder, markerFile)));
  if (!found) {
    throw new Error(
      `The screen's static files were not found: none of ${candidates.join(', ')} contains ${markerFile}. ` +
        'Copy src/portal/static next to the built code (dist/src/portal/static) when packaging the function app.',
    );
  }
  return found;
}
