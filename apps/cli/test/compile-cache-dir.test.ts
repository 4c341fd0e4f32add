import os from 'node:os';
import path from 'node:path';
import { compileCacheDir } from '../src/compile-cache';

describe('where the compile cache goes', () => {
  it('is GENIE_COMPILE_CACHE when set, resolved', () => {
    expect(compileCacheDir({ GENIE_COMPILE_CACHE: 'rel/cache' })).toBe(path.resolve('rel/cache'));
  });

  it('is under XDG_CACHE_HOME, else the home cache directory', () => {
    expect(compileCacheDir({ XDG_CACHE_HOME: '/x/cache' })).toBe(path.join('/x/cache', 'genie', 'compile-cache'));
    if (process.platform === 'linux') {
      expect(compileCacheDir({})).toBe(path.join(os.homedir(), '.cache', 'genie', 'compile-cache'));
    }
  });

  it.each([{ GENIE_COMPILE_CACHE: '0' }, { GENIE_COMPILE_CACHE: 'off' }, { GENIE_COMPILE_CACHE: '/c', NODE_DISABLE_COMPILE_CACHE: '1' }])(
    'is off for %j',
    (env) => {
      expect(compileCacheDir(env)).toBeUndefined();
    },
  );
});
