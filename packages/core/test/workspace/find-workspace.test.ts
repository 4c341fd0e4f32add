import fs from 'node:fs';
import path from 'node:path';
import { findWorkspace } from '../../src/workspace/find-workspace';
import { ISOLATED_ENV, makeTempDir, makeWorkspace, removeTempDirs } from '../helpers/temp-workspace';

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
    expect(findWorkspace(sub, ISOLATED_ENV)).toBe(sub);
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
    expect(findWorkspace(sub, ISOLATED_ENV)).toBe(sub);
  });

  describe('with GENIE_CEILING_DIRECTORIES', () => {
    it('does not look into a ceiling directory or above it', () => {
      const outer = makeWorkspace();
      const ceiling = path.join(outer, 'ceiling');
      const sub = path.join(ceiling, 'project', 'src');
      fs.mkdirSync(sub, { recursive: true });
      expect(findWorkspace(sub, {})).toBe(outer);
      expect(findWorkspace(sub, { GENIE_CEILING_DIRECTORIES: ceiling })).toBe(sub);
      // The ceiling stops the search on the way up; the start directory itself still counts.
      expect(findWorkspace(outer, { GENIE_CEILING_DIRECTORIES: outer })).toBe(outer);
    });

    it('still finds a workspace below the ceiling', () => {
      const root = makeTempDir();
      const project = path.join(root, 'project');
      const deep = path.join(project, 'a', 'b');
      fs.mkdirSync(path.join(project, '.genie'), { recursive: true });
      fs.mkdirSync(deep, { recursive: true });
      expect(findWorkspace(deep, { GENIE_CEILING_DIRECTORIES: root })).toBe(project);
    });

    it('takes several directories separated like PATH, and ignores relative and missing ones', () => {
      const outer = makeWorkspace();
      const sub = path.join(outer, 'x', 'y');
      fs.mkdirSync(sub, { recursive: true });
      const list = (...dirs: string[]): string => dirs.join(path.delimiter);
      expect(findWorkspace(sub, { GENIE_CEILING_DIRECTORIES: list('/no/such/dir', path.join(outer, 'x')) })).toBe(sub);
      expect(findWorkspace(sub, { GENIE_CEILING_DIRECTORIES: list('x', '', 'relative/dir') })).toBe(outer);
    });

    it('matches a ceiling named through a symbolic link', () => {
      const outer = makeWorkspace();
      const real = path.join(outer, 'real');
      const sub = path.join(real, 'sub');
      fs.mkdirSync(sub, { recursive: true });
      const link = path.join(makeTempDir(), 'link');
      fs.symlinkSync(real, link);
      expect(findWorkspace(sub, { GENIE_CEILING_DIRECTORIES: link })).toBe(sub);
    });
  });
});
