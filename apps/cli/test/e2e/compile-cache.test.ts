import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GENIE_BIN, runGenie, type GenieResult } from './support/genie-process';
import { TestWorkspace, cleanUpWorkspaces } from './support/workspace';

afterAll(cleanUpWorkspaces);

/** A workspace whose genie keeps its compiled code in a directory of the test's own. */
function workspaceWithCache(): { workspace: TestWorkspace; cacheDir: string } {
  const workspace = new TestWorkspace();
  const cacheDir = path.join(path.dirname(workspace.dir), 'compile-cache');
  workspace.env.GENIE_COMPILE_CACHE = cacheDir;
  delete workspace.env.NODE_DISABLE_COMPILE_CACHE;
  return { workspace, cacheDir };
}

function entries(cacheDir: string): string[] {
  return fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).sort() : [];
}

function onlyEntry(cacheDir: string): string {
  const names = entries(cacheDir);
  expect(names).toHaveLength(1);
  expect(names[0]).toMatch(/^main-.+\.v8$/);
  return path.join(cacheDir, names[0] as string);
}

/** The entry was replaced by a whole one: its code twice over. */
function expectWrittenAgain(entry: string, replaced: Buffer): void {
  const bytes = fs.readFileSync(entry);
  expect(bytes.equals(replaced)).toBe(false);
  const half = bytes.length / 2;
  expect(half).toBeGreaterThan(1000);
  expect(bytes.subarray(0, half).equals(bytes.subarray(half))).toBe(true);
}

function expectListed(result: GenieResult): void {
  expect(result.code).toBe(0);
  expect(result.stderr).toBe('');
  expect(JSON.parse(result.stdout)).toEqual({ sessions: [] });
}

describe('the compile cache', () => {
  it('is written by the first command, private to the user, and reused unchanged by later ones', async () => {
    const { workspace, cacheDir } = workspaceWithCache();
    expectListed(await workspace.genie(['list', 'sessions', '--json']));
    const entry = onlyEntry(cacheDir);
    const written = fs.statSync(entry);
    expect(written.mode & 0o777).toBe(0o600);
    expect(fs.statSync(cacheDir).mode & 0o777).toBe(0o700);

    // V8 accepting the entry is what leaves it alone: a rejected one is written again.
    for (const args of [['list', 'sessions', '--json'], ['list', 'agents', '--json']]) {
      const result = await workspace.genie(args);
      expect(result.code).toBe(0);
      const now = fs.statSync(entry);
      expect([now.ino, now.mtimeMs]).toEqual([written.ino, written.mtimeMs]);
    }
    expect(entries(cacheDir)).toEqual([path.basename(entry)]);
  });

  it('keeps one entry per command, since each command compiles different code', async () => {
    const { workspace, cacheDir } = workspaceWithCache();
    expectListed(await workspace.genie(['list', 'sessions', '--json']));
    const unknown = await workspace.genie(['view', 'nosuch', '--json']);
    expect(unknown.code).toBe(3);
    expectListed(await workspace.genie(['--cwd', workspace.dir, 'ls', 'sessions', '--json']));
    const names = entries(cacheDir);
    expect(names).toHaveLength(2);
    expect(names.map((name) => name.replace(/^.*-/, ''))).toEqual(['list.v8', 'view.v8']);
  });

  it('never runs a damaged entry: the command works and the entry is written again', async () => {
    const { workspace, cacheDir } = workspaceWithCache();
    expectListed(await workspace.genie(['list', 'sessions', '--json']));
    const entry = onlyEntry(cacheDir);
    const good = fs.readFileSync(entry);

    // The entry holds the code twice. One byte of the copy V8 is given changed: V8's own
    // checks (sizes, versions, flags) would pass it. Then one byte of the other copy.
    for (const at of [Math.floor(good.length / 4), Math.floor((good.length * 3) / 4)]) {
      const damaged = Buffer.from(good);
      damaged[at] = (damaged[at] as number) ^ 0xff;
      fs.writeFileSync(entry, damaged);
      expectListed(await workspace.genie(['list', 'sessions', '--json']));
      expectWrittenAgain(entry, damaged);
    }

    // Cut short: a half of a copy is never mistaken for a whole one.
    const cut = good.subarray(0, good.length - 2);
    fs.writeFileSync(entry, cut);
    expectListed(await workspace.genie(['list', 'sessions', '--json']));
    expectWrittenAgain(entry, cut);

    fs.writeFileSync(entry, 'not a code cache');
    expectListed(await workspace.genie(['list', 'sessions', '--json']));
    expect(fs.statSync(entry).size).toBeGreaterThan(1000);
  });

  it('changes nothing but the time when its directory cannot be written', async () => {
    const { workspace, cacheDir } = workspaceWithCache();
    fs.writeFileSync(cacheDir, 'a file where the directory would go');
    const first = await workspace.genie(['list', 'sessions', '--json']);
    expectListed(first);
    workspace.env.GENIE_COMPILE_CACHE = path.join(cacheDir, 'below-a-file');
    expectListed(await workspace.genie(['list', 'sessions', '--json']));
    expect(fs.readFileSync(cacheDir, 'utf8')).toBe('a file where the directory would go');
  });

  it.each([
    ['GENIE_COMPILE_CACHE=0', { GENIE_COMPILE_CACHE: '0' }],
    ['NODE_DISABLE_COMPILE_CACHE=1', { NODE_DISABLE_COMPILE_CACHE: '1' }],
  ])('is off with %s', async (_label, extra: NodeJS.ProcessEnv) => {
    const { workspace, cacheDir } = workspaceWithCache();
    // Both places a cache could go: the chosen directory and the user's cache directory.
    const xdg = path.join(path.dirname(workspace.dir), 'xdg-cache');
    const env = { ...workspace.env, XDG_CACHE_HOME: xdg, ...extra };
    expectListed(await runGenie(['list', 'sessions', '--json'], { cwd: workspace.dir, env }));
    expect(entries(cacheDir)).toEqual([]);
    expect(fs.existsSync(xdg)).toBe(false);
  });

  it('goes to $XDG_CACHE_HOME/genie by default', async () => {
    const { workspace } = workspaceWithCache();
    delete workspace.env.GENIE_COMPILE_CACHE;
    const xdg = path.join(path.dirname(workspace.dir), 'xdg-cache');
    workspace.env.XDG_CACHE_HOME = xdg;
    expectListed(await workspace.genie(['list', 'sessions', '--json']));
    onlyEntry(path.join(xdg, 'genie', 'compile-cache'));
  });

  it('keeps one entry per bundle: a rebuilt bundle replaces the entry of the old build', async () => {
    // A copy of the two entry files, so the bundle can be "rebuilt" without touching dist/.
    const { workspace, cacheDir } = workspaceWithCache();
    const copy = path.join(path.dirname(workspace.dir), 'copy');
    const dist = path.join(path.dirname(GENIE_BIN), '..', 'dist');
    fs.mkdirSync(path.join(copy, 'lib'), { recursive: true });
    fs.copyFileSync(path.join(dist, 'cli.js'), path.join(copy, 'cli.js'));
    fs.copyFileSync(path.join(dist, 'lib', 'main.js'), path.join(copy, 'lib', 'main.js'));
    const genie = (): Promise<GenieResult> => runGenie(['list', 'sessions', '--json'], { cwd: workspace.dir, env: workspace.env, bin: path.join(copy, 'cli.js') });

    const first = await genie();
    expect(first.code).toBe(0);
    const before = onlyEntry(cacheDir);
    fs.appendFileSync(path.join(copy, 'lib', 'main.js'), `\n// rebuilt ${os.hostname()}\n`);
    const rebuilt = await genie();
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toBe(first.stdout);
    const after = onlyEntry(cacheDir);
    expect(after).not.toBe(before);
  });

  (process.getuid?.() === 0 ? it : it.skip)('ignores an entry another user could have written', async () => {
    const { workspace, cacheDir } = workspaceWithCache();
    expectListed(await workspace.genie(['list', 'sessions', '--json']));
    const entry = onlyEntry(cacheDir);
    fs.chownSync(entry, 65534, 65534);
    const result = await workspace.genie(['list', 'sessions', '--json']);
    expect(result.code).toBe(0);
    expect(fs.statSync(entry).uid).toBe(0);
  });
});
