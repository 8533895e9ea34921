import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';

/** Content type of each file type the screen ships; other types are never served. */
export const staticContentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** One file ready to send: its bytes, content type and a strong ETag of its content. */
export interface StaticAsset {
  kind: 'found';
  body: Buffer;
  contentType: string;
  etag: string;
}

/** Result of a lookup: the file, not found, or a path that is rejected outright. */
export type StaticAssetResult = StaticAsset | { kind: 'notFound' } | { kind: 'rejected'; reason: string };

// Plain names only: no empty, dot-leading (".." or hidden files), backslash, colon or control characters.
const segmentPattern = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** Splits a request path into file name segments, or explains why it is rejected. */
function parseRequestPath(requestPath: string): { segments: string[] } | { reason: string } {
  if (requestPath.length > 200) {
    return { reason: 'The path is longer than 200 characters' };
  }
  const segments = requestPath.split('/').filter((segment) => segment !== '');
  if (segments.length === 0) {
    return { segments: ['index.html'] };
  }
  const bad = segments.find((segment) => !segmentPattern.test(segment));
  if (bad !== undefined) {
    return { reason: 'The path may contain only letters, digits, "-", "_" and "." in names that do not start with "."' };
  }
  return { segments };
}

/**
 * Reads the screen's files from one folder. `read(path)` takes the path
 * below the screen's route ("" or "/" means index.html), rejects anything
 * that could leave the folder (dot segments, backslashes, symbolic links
 * pointing outside) and returns notFound for folders, unknown files and
 * file types outside {@link staticContentTypes}.
 */
export class StaticAssets {
  #realFolder: Promise<string> | undefined;

  /**
   * `folder` is an absolute path, or a function that finds it (such as
   * `findStaticFolder`), called on the first read so that a missing folder
   * fails that read instead of the app's start.
   */
  constructor(private readonly folder: string | (() => string)) {}

  /** Returns the folder's real path, so that a link inside it cannot point outside. */
  #folderPath(): Promise<string> {
    if (!this.#realFolder) {
      const lookup = (async () => realpath(typeof this.folder === 'string' ? this.folder : this.folder()))();
      // A failed lookup is tried again on the next read, as the folder may appear later.
      lookup.catch(() => {
        if (this.#realFolder === lookup) {
          this.#realFolder = undefined;
        }
      });
      this.#realFolder = lookup;
    }
    return this.#realFolder;
  }

  async read(requestPath: string): Promise<StaticAssetResult> {
    const parsed = parseRequestPath(requestPath);
    if ('reason' in parsed) {
      return { kind: 'rejected', reason: parsed.reason };
    }
    const relative = parsed.segments.join('/');
    const contentType = staticContentTypes[extname(relative).toLowerCase()];
    if (contentType === undefined) {
      return { kind: 'notFound' };
    }

    const folder = await this.#folderPath();
    let file: string;
    try {
      file = await realpath(join(folder, ...parsed.segments));
    } catch {
      return { kind: 'notFound' };
    }
    if (!file.startsWith(folder + sep)) {
      return { kind: 'rejected', reason: 'The path leads outside the screen\'s folder' };
    }
    if (!(await stat(file)).isFile()) {
      return { kind: 'notFound' };
    }
    const body = await readFile(file);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    return { kind: 'found', body, contentType, etag };
  }
}
