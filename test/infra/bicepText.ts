import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Helpers that read the Bicep templates as text. No Bicep compiler runs in
 * these tests, so they check names and structure, not types or semantics.
 */

export const repositoryRoot = path.resolve(__dirname, '..', '..');
export const infraRoot = path.join(repositoryRoot, 'infra');

/** Reads a file below the repository root. */
export function readRepositoryFile(relativePath: string): string {
  return readFileSync(path.join(repositoryRoot, relativePath), 'utf8');
}

/** Lists every `.bicep` file below infra/, as paths relative to the repository root. */
export function listBicepFiles(directory: string = infraRoot): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const entryPath = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      files.push(...listBicepFiles(entryPath));
    } else if (entry.name.endsWith('.bicep')) {
      files.push(path.relative(repositoryRoot, entryPath));
    }
  }
  return files.sort();
}

/** One `param` declaration. */
export interface BicepParam {
  readonly name: string;
  readonly type: string;
  readonly hasDefault: boolean;
}

/** Returns the `param` declarations of a template. */
export function parseParams(text: string): BicepParam[] {
  return [...text.matchAll(/^param (\w+) (\w+)( = .*)?$/gm)].map((match) => ({
    name: match[1] ?? '',
    type: match[2] ?? '',
    hasDefault: match[3] !== undefined,
  }));
}

/**
 * Returns the index just past the string literal that starts at `start`
 * (a `'` or `'''`), skipping `${...}` interpolations that contain strings.
 */
function skipString(text: string, start: number): number {
  if (text.startsWith("'''", start)) {
    const end = text.indexOf("'''", start + 3);
    if (end < 0) {
      throw new Error(`Unterminated multi-line string at offset ${start}`);
    }
    return end + 3;
  }
  let index = start + 1;
  while (index < text.length) {
    const character = text[index];
    if (character === '\\') {
      index += 2;
    } else if (character === "'") {
      return index + 1;
    } else if (text.startsWith('${', index)) {
      index = skipBalanced(text, index + 1);
    } else {
      index += 1;
    }
  }
  throw new Error(`Unterminated string at offset ${start}`);
}

/** Returns the index just past the `}` or `]` that closes the bracket at `open`. */
function skipBalanced(text: string, open: number): number {
  let depth = 0;
  let index = open;
  while (index < text.length) {
    const character = text[index];
    if (character === "'") {
      index = skipString(text, index);
      continue;
    }
    if (character === '/' && text[index + 1] === '/') {
      const lineEnd = text.indexOf('\n', index);
      index = lineEnd < 0 ? text.length : lineEnd;
      continue;
    }
    if (character === '{' || character === '[' || character === '(') {
      depth += 1;
    } else if (character === '}' || character === ']' || character === ')') {
      depth -= 1;
      if (depth === 0) {
        return index + 1;
      }
    }
    index += 1;
  }
  throw new Error(`Unbalanced bracket at offset ${open}`);
}

/** Returns the text of the object or array that starts at the first `{` or `[` after `start`. */
export function blockAfter(text: string, start: number): string {
  const open = text.slice(start).search(/[{[]/);
  if (open < 0) {
    throw new Error(`No block after offset ${start}`);
  }
  const from = start + open;
  return text.slice(from, skipBalanced(text, from));
}

/** Returns the block that follows the first match of `pattern`, such as `var appSettings = `. */
export function blockAfterPattern(text: string, pattern: RegExp): string {
  const match = pattern.exec(text);
  if (!match) {
    throw new Error(`Pattern ${pattern} not found`);
  }
  return blockAfter(text, match.index + match[0].length);
}

/** Returns the keys of an object literal's own properties, in order, without nested ones. */
export function topLevelKeys(objectText: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let index = 0;
  let lineStart = true;
  while (index < objectText.length) {
    const character = objectText[index] ?? '';
    if (lineStart && depth === 1) {
      const lineEnd = objectText.indexOf('\n', index);
      const line = objectText.slice(index, lineEnd < 0 ? undefined : lineEnd);
      const key = /^[ \t]*(\w+|'[^']+'):/.exec(line);
      if (key?.[1] !== undefined) {
        keys.push(key[1].replace(/'/g, ''));
      }
    }
    lineStart = false;
    if (character === "'") {
      index = skipString(objectText, index);
      continue;
    }
    if (character === '/' && objectText[index + 1] === '/') {
      const lineEnd = objectText.indexOf('\n', index);
      index = lineEnd < 0 ? objectText.length : lineEnd;
      continue;
    }
    if (character === '{' || character === '[' || character === '(') {
      depth += 1;
    } else if (character === '}' || character === ']' || character === ')') {
      depth -= 1;
    } else if (character === '\n') {
      lineStart = true;
    }
    index += 1;
  }
  return keys;
}

/** One `module` statement: its symbol, the file it points to and the params it passes. */
export interface BicepModuleUse {
  readonly symbol: string;
  readonly modulePath: string;
  readonly params: string[];
}

/** Returns the `module` statements of a template. */
export function parseModuleUses(text: string): BicepModuleUse[] {
  return [...text.matchAll(/^module (\w+) '([^']+)' = /gm)].map((match) => {
    const body = blockAfter(text, (match.index ?? 0) + match[0].length);
    const paramsMatch = /^\s{2}params: /m.exec(body);
    const params = paramsMatch ? topLevelKeys(blockAfter(body, paramsMatch.index + paramsMatch[0].length)) : [];
    return { symbol: match[1] ?? '', modulePath: match[2] ?? '', params };
  });
}

/** Returns every `'Provider/type@version'` resource reference of a template. */
export function resourceTypeVersions(text: string): { type: string; version: string }[] {
  return [...text.matchAll(/'((?:Microsoft|microsoft)\.[A-Za-z]+(?:\/[A-Za-z]+)+)@([0-9]{4}-[0-9]{2}-[0-9]{2}(?:-preview)?)'/g)].map(
    (match) => ({ type: match[1] ?? '', version: match[2] ?? '' }),
  );
}
