import { cpSync, existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig, type Options } from 'tsup';
import { version } from './package.json';

const requireHere = createRequire(__filename);

/**
 * `@genie/<package>` is compiled from that package's TypeScript source, whoever imports it
 * (the CLI's modules, or another package such as @genie/mcp importing @genie/core), so the
 * bundle holds exactly one copy of each package. Through the packages' `exports` maps,
 * `import` and `require` would reach their ESM and CJS builds: two copies, each with its
 * own module state.
 */
const genieFromSource: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'genie-from-source',
  setup(build) {
    build.onResolve({ filter: /^@genie\/[^/]+$/ }, (args) => {
      const linked = (requireHere.resolve.paths(args.path) ?? []).map((dir) => path.join(dir, args.path)).find((dir) => existsSync(dir));
      return linked ? { path: path.join(realpathSync(linked), 'src', 'index.ts') } : undefined;
    });
  },
};

/**
 * Two CommonJS files. `cli.js` answers `genie --version` without loading anything else,
 * and loads `lib/main.js` through a V8 code cache (see src/compile-cache.ts).
 * `lib/main.js` holds the parser, every command and genie itself: the @genie packages
 * (from their sources, see genieFromSource) and yargs are inlined, because resolving and reading a dozen modules one by one (each
 * @genie package through its `exports` map) cost every command several ms of start-up,
 * and one file gets one code cache entry. Commands are reached through dynamic imports
 * that esbuild turns into lazily evaluated modules, so each command runs only the code
 * it uses; the MCP SDK stays external and loads only for `genie mcp`. The launcher's
 * supervisor still runs from @genie/launcher's own dist, found by module resolution.
 * yargs reads its message translations from `../locales` beside its code, so they are
 * copied to `dist/locales`.
 */
/** Libraries whose `require('assert')` gets src/shims/assert.ts (see there). */
const ASSERT_SHIMMED = /[\\/]node_modules[\\/](yargs|signal-exit|graceful-fs)[\\/]/;

const assertShim: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'assert-shim',
  setup(build) {
    build.onResolve({ filter: /^(node:)?assert$/ }, (args) =>
      ASSERT_SHIMMED.test(args.importer) ? { path: path.join(__dirname, 'src', 'shims', 'assert.ts') } : undefined,
    );
  },
};

export default defineConfig((overrides) => ({
  entry: { cli: 'src/index.ts', 'lib/main': 'src/main.ts' },
  format: ['cjs'],
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  define: { __GENIE_VERSION__: JSON.stringify(version) },
  noExternal: [/^@genie\//, 'yargs'],
  esbuildPlugins: [genieFromSource, assertShim],
  esbuildOptions(options) {
    // `import('./commands/x.js')` becomes a plain require: through node's ESM loader, a
    // CommonJS file is first scanned for its exports, which costs more than loading it.
    options.supported = { ...options.supported, 'dynamic-import': false };
  },
  onSuccess: async () => {
    const yargsRoot = path.dirname(requireHere.resolve('yargs/package.json'));
    cpSync(path.join(yargsRoot, 'locales'), path.join(overrides.outDir ?? 'dist', 'locales'), { recursive: true });
  },
}));
