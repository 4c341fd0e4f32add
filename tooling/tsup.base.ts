import type { Options } from 'tsup';

/**
 * Shared build settings for every library package: ESM + CJS + type declarations.
 * Packages pass their own entry points; everything else stays identical so the
 * published artifacts of the workspace look the same.
 */
export function libraryBuild(entry: Record<string, string> | string[], overrides: Options = {}): Options {
  return {
    entry,
    format: ['cjs', 'esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    shims: true,
    splitting: false,
    ...overrides,
  };
}
