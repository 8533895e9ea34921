import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findStaticFolder } from '../../src/portal/staticFolder';

const sourceFolder = resolve(__dirname, '../../src/portal/static');

describe('findStaticFolder', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'static-folder-'));
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  function makeScreen(folder: string): void {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'index.html'), '<!DOCTYPE html>');
  }

  it('finds the source folder by default', () => {
    const folder = findStaticFolder();

    expect(folder).toBe(sourceFolder);
  });

  it('prefers the copy beside built code', () => {
    makeScreen(join(root, 'dist/src/portal/static'));
    makeScreen(join(root, 'src/portal/static'));

    const folder = findStaticFolder(join(root, 'dist/src/portal'));

    expect(folder).toBe(join(root, 'dist/src/portal/static'));
  });

  it('falls back to the source folder', () => {
    mkdirSync(join(root, 'dist/src/portal'), { recursive: true });
    makeScreen(join(root, 'src/portal/static'));

    const folder = findStaticFolder(join(root, 'dist/src/portal'));

    expect(folder).toBe(join(root, 'src/portal/static'));
  });

  it('names the folders tried when none exists', () => {
    const moduleDirectory = join(root, 'dist/src/portal');

    const find = () => findStaticFolder(moduleDirectory);

    expect(find).toThrow(`none of ${join(moduleDirectory, 'static')}, ${join(root, 'src/portal/static')} contains index.html`);
  });
});

describe('screen static files', () => {
  const files = readdirSync(sourceFolder);
  const html = readFileSync(join(sourceFolder, 'index.html'), 'utf8');

  it('has no inline script or style', () => {
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];

    expect(scripts.map((match) => match[1]?.trim())).toEqual(['']);
    expect(html).not.toMatch(/\sstyle=|<style|\son[a-z]+=/i);
  });

  it('loads only its own files', () => {
    const references = [...html.matchAll(/\s(?:src|href)="([^"#]+)"/g)].map((match) => match[1] ?? '');

    expect(references.filter((reference) => !files.includes(reference))).toEqual([]);
  });

  it.each(files.filter((file) => file.endsWith('.js')))('%s imports existing modules', (file) => {
    const source = readFileSync(join(sourceFolder, file), 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1] ?? '');

    expect(imports.filter((path) => !path.startsWith('./') || !existsSync(join(sourceFolder, path)))).toEqual([]);
    expect(source).not.toMatch(/\.innerHTML\s*=|insertAdjacentHTML|outerHTML\s*=|document\.write/);
  });
});
