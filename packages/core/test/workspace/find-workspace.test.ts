import fs from 'node:fs';
import path from 'node:path';
import { findWorkspace } from '../../src/workspace/find-workspace';
import { makeTempDir, makeWorkspace, removeTempDirs } from '../helpers/temp-workspace';

afterAll(removeTempDirs);

describe('findWorkspace', () => {
  it('finds the nearest ancestor holding .genie/', () => {
    const root = makeWorkspace();
    const deep = path.join(root, 'src', 'a', 'b');
    fs.mkdirSync(deep, { recursive: true });
    expect(findWorkspace(deep, {})).toBe(root);
    expect(findWorkspace(root, {})).toBe(root);
  });

  it('prefers a nested workspace over an outer one', () => {
    const outer = makeWorkspace();
    const inner = path.join(outer, 'packages', 'app');
    fs.mkdirSync(path.join(inner, '.genie'), { recursive: true });
    expect(findWorkspace(path.join(inner), {})).toBe(inner);
  });

  it('uses the start directory itself when no .genie/ exists anywhere above it', () => {
    const dir = makeTempDir();
    const sub = path.join(dir, 'x');
    fs.mkdirSync(sub);
    expect(findWorkspace(sub, {})).toBe(sub);
  });

  it('lets GENIE_WORKSPACE pin the workspace, relative to the start directory', () => {
    const root = makeWorkspace();
    const elsewhere = makeTempDir();
    expect(findWorkspace(root, { GENIE_WORKSPACE: elsewhere })).toBe(elsewhere);
    fs.mkdirSync(path.join(elsewhere, 'sub'));
    expect(findWorkspace(elsewhere, { GENIE_WORKSPACE: 'sub' })).toBe(path.join(elsewhere, 'sub'));
  });

  it.each(['missing', 'a-file'])('refuses a GENIE_WORKSPACE that is not an existing directory (%s), naming variable and path', (target) => {
    const dir = makeTempDir();
    fs.writeFileSync(path.join(dir, 'a-file'), '');
    expect(() => findWorkspace(dir, { GENIE_WORKSPACE: target })).toThrow(expect.objectContaining({
      code: 'INVALID_INPUT',
      message: `GENIE_WORKSPACE names ${path.join(dir, target)}, which is not an existing directory.`,
    }));
    expect(fs.existsSync(path.join(dir, 'missing'))).toBe(false);
  });

  it('ignores a .genie file that is not a directory', () => {
    const dir = makeTempDir();
    const sub = path.join(dir, 'inner');
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(dir, '.genie'), 'not a folder');
    expect(findWorkspace(sub, {})).toBe(sub);
  });
});
