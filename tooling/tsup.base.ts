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

const WORKSPACE_PACKAGE = /^@genie\//;
const SHARED_REQUIRE = 'genie-workspace-package';

/**
 * In a CommonJS bundle esbuild emits one `require('@genie/x')` per source module that
 * imports it, and node remembers a resolution per parent only when that require loaded
 * the module: every other one resolves the package again through its `exports` map
 * (~0.1 ms each, dozens per start-up). Here every import of a workspace package goes
 * through one shared module of the bundle, so each package is required once. The
 * packages stay external; ES module output keeps its plain imports.
 */
const workspacePackagesRequiredOnce: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'workspace-packages-required-once',
  setup(build) {
    const commonJs = build.initialOptions.format === 'cjs';
    build.onResolve({ filter: WORKSPACE_PACKAGE }, (args) =>
      commonJs && args.namespace !== SHARED_REQUIRE ? { path: args.path, namespace: SHARED_REQUIRE } : { path: args.path, external: true },
    );
    build.onLoad({ filter: /.*/, namespace: SHARED_REQUIRE }, (args) => ({
      contents: `export * from ${JSON.stringify(args.path)};`,
      loader: 'js',
    }));
  },
};

/** Options for a package that depends on other workspace packages (see workspacePackagesRequiredOnce). */
export const workspaceDependencies: Pick<Options, 'noExternal' | 'esbuildPlugins'> = {
  // Not external to tsup's own resolver, so the plugin decides (it keeps them external).
  noExternal: [WORKSPACE_PACKAGE],
  esbuildPlugins: [workspacePackagesRequiredOnce],
};
