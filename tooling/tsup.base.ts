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

/**
 * For packages that require something on first use, synchronously (a node builtin only
 * one rare path needs): an ES module has no `require`, so the ESM build gets one from
 * createRequire, under the name esbuild's require shim looks for. CommonJS needs nothing.
 */
export const esmRequireBanner: NonNullable<Options['banner']> = ({ format }) =>
  format === 'esm'
    ? { js: "import { createRequire as __genieCreateRequire } from 'node:module';\nconst require = __genieCreateRequire(import.meta.url);" }
    : {};
