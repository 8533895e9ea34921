import path from 'node:path';
import { listDeploymentFiles } from '../../src/cli/packageApp';

describe('listDeploymentFiles', () => {
  const root = path.join(__dirname, '../..');
  let files: string[];

  beforeAll(() => {
    files = listDeploymentFiles(root);
  });

  it('includes the host file and the entry', () => {
    expect(files).toContain('host.json');
    expect(files).toContain('package.json');
    expect(files).toContain(path.join('dist', 'src', 'functions', 'index.js'));
    expect(files).toContain(path.join('dist', 'src', 'portal', 'static', 'index.html'));
  });

  it('leaves out the local host, tools and maps', () => {
    expect(files.filter((file) => file.includes(`${path.sep}local${path.sep}`))).toEqual([]);
    expect(files.filter((file) => file.includes(`${path.sep}cli${path.sep}`))).toEqual([]);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(files.filter((file) => file.startsWith('src') || file.startsWith('test') || file.includes('bench'))).toEqual([]);
  });

  it('needs the build', () => {
    expect(() => listDeploymentFiles(path.join(root, 'test'))).toThrow('run "npm run build" first');
  });
});
