import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { Module, createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { Script } from 'node:vm';

/** The code cache for a bundle, checked against corruption before V8 sees it. */
interface CacheFile {
  file: string;
  data: Buffer | undefined;
}

/**
 * Where compiled code is kept: `GENIE_COMPILE_CACHE`, else the user's cache directory.
 * Undefined when caching is turned off (`GENIE_COMPILE_CACHE=0`, or node's own
 * `NODE_DISABLE_COMPILE_CACHE`).
 */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const chosen = env.GENIE_COMPILE_CACHE;
  if (chosen === '0' || chosen === 'off' || chosen === 'false') return undefined;
  if (chosen) return resolve(chosen);
  const home = homedir();
  const base =
    env.XDG_CACHE_HOME ||
    (process.platform === 'darwin'
      ? join(home, 'Library', 'Caches')
      : process.platform === 'win32'
        ? (env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'))
        : join(home, '.cache'));
  return join(base, 'genie', 'compile-cache');
}

/**
 * Loads genie's bundle, reusing the code V8 compiled for it on an earlier run.
 *
 * The bundle (see tsup.config.ts) is one function expression, the CommonJS wrapper
 * included, so it is compiled here as it is read: wrapping it in a string of its own first
 * would copy its ~1 MB once more in every command (~0.9 ms).
 *
 * Compiling genie's code is a large share of every command's start-up, and node 20 has
 * no compile cache of its own. An entry is written at exit of a run that found none, so
 * it holds the functions that run actually compiled; `flavor` (the command) keeps one
 * entry per kind of run, because `genie run` and `genie list` compile different code, and
 * a run given another command's entry compiles its own functions again (~5 ms of a `run`).
 * Entries are keyed by the build of the bundle, node's version and the architecture, and
 * hold their code twice (see `intactCopy`): a stale, foreign or damaged entry is never
 * given to V8, it is replaced. A cache that is off, or cannot be read or written, changes
 * nothing but the time: the bundle is compiled as usual.
 */
export function loadBundle(bundle: string, version: string, flavor: string, env: NodeJS.ProcessEnv = process.env): unknown {
  const source = bundleSource(bundle);
  const dir = compileCacheDir(env);
  const cache = dir === undefined ? undefined : readCache(dir, bundle, version, flavor);
  const script = new Script(source, {
    filename: bundle,
    ...(cache?.data ? { cachedData: cache.data } : {}),
  });
  if (cache && (!cache.data || script.cachedDataRejected)) {
    process.once('exit', () => writeCache(cache.file, script));
  }
  const compiled = script.runInThisContext() as (...args: unknown[]) => void;
  const loaded = new Module(bundle);
  loaded.filename = bundle;
  compiled.call(loaded.exports, loaded.exports, createRequire(bundle), loaded, bundle, dirname(bundle));
  loaded.loaded = true;
  return loaded.exports;
}

/** A name part without `-`, which separates the parts. */
function namePart(text: string): string {
  return text.replace(/-/g, '_');
}

/**
 * `<bundle>-<node>-<build>-<flavor>.v8`. npm gives every file of a published package the
 * same modification time, so the version is part of the build key; the size, time and
 * inode tell local rebuilds apart. (V8 itself only compares the source's length.)
 */
function cacheFileFor(dir: string, bundle: string, version: string, flavor: string): string {
  const stat = statSync(bundle);
  const node = `${process.version}.${process.arch}`;
  const build = [version, stat.size, Math.trunc(stat.mtimeMs), stat.ino].join('.');
  return join(dir, `${[basename(bundle, '.js'), node, build, flavor].map(namePart).join('-')}.v8`);
}

function readCache(dir: string, bundle: string, version: string, flavor: string): CacheFile {
  const file = cacheFileFor(dir, bundle, version, flavor);
  let bytes: Buffer;
  try {
    bytes = readOwnFile(file);
  } catch {
    return { file, data: undefined };
  }
  return { file, data: intactCopy(bytes) };
}

/**
 * The code of an entry, which holds it twice; undefined unless both copies are the same.
 *
 * V8 checks a code cache's checksum only in debug builds, and a release build runs a
 * damaged entry as it is, so damage is caught here. A digest would need node:crypto, and
 * loading it costs every command ~2 ms of start-up (more than the rest of this file); a
 * second copy costs one more read from the page cache and a memcmp. Damage does not strike
 * both copies at the same offset alike, and only this user can write the file at all.
 */
function intactCopy(bytes: Buffer): Buffer | undefined {
  const half = bytes.length / 2;
  if (half === 0 || !Number.isInteger(half)) return undefined;
  const data = bytes.subarray(0, half);
  return data.equals(bytes.subarray(half)) ? data : undefined;
}

/**
 * The bundle's source. esbuild escapes every non-ASCII character, so it is read as
 * Latin-1, a plain copy, instead of being decoded as UTF-8 (~0.3 ms of every command);
 * a file that is not ASCII after all is decoded as UTF-8.
 */
function bundleSource(bundle: string): string {
  const bytes = readFileSync(bundle);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** A file only this user could have written: code from a cache is run as it is. */
function readOwnFile(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const owner = fstatSync(fd).uid;
    if (typeof process.getuid === 'function' && owner !== process.getuid()) throw new Error('not ours');
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** An entry of an earlier build of the same bundle for the same node: it will never be read again. */
function earlierBuild(name: string, ours: string): boolean {
  const [bundle, node, build] = name.split('-');
  const [ourBundle, ourNode, ourBuild] = ours.split('-');
  return name.endsWith('.v8') && bundle === ourBundle && node === ourNode && build !== ourBuild;
}

/**
 * Replaces the entry atomically (flushed before the rename, so a crash never leaves a
 * torn entry under the final name) and removes the entries of earlier builds.
 */
function writeCache(file: string, script: Script): void {
  try {
    const data = script.createCachedData();
    const dir = dirname(file);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, data);
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
    for (const name of readdirSync(dir)) {
      if (earlierBuild(name, basename(file))) rmSync(join(dir, name), { force: true });
    }
  } catch {
    // A cache that cannot be written costs the next run its compile time, nothing more.
  }
}
