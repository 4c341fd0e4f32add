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
 * `yargs-parser` is the very file yargs requires (its CommonJS build, found from yargs'
 * own directory), whoever imports it: the fast route (src/fast-route.ts) imports it too,
 * and through its `exports` map an `import` would reach its ESM build, a second copy of
 * the parser in the bundle.
 */
const yargsParserOfYargs: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'yargs-parser-of-yargs',
  setup(build) {
    const file = createRequire(requireHere.resolve('yargs')).resolve('yargs-parser');
    build.onResolve({ filter: /^yargs-parser$/ }, () => ({ path: file }));
  },
};

/**
 * Modules some libraries get a stand-in for in the bundle, by library: node's `assert` for
 * three of them (see src/shims/assert.ts), and the help layout libraries for yargs, loaded
 * when first used (see src/shims/lazy-cliui.ts).
 */
const SHIMS: Array<{ importers: RegExp; modules: Record<string, string> }> = [
  {
    importers: /[\\/]node_modules[\\/](yargs|signal-exit|graceful-fs)[\\/]/,
    modules: { assert: 'assert.ts', 'node:assert': 'assert.ts' },
  },
  {
    importers: /[\\/]node_modules[\\/]yargs[\\/]/,
    modules: { cliui: 'lazy-cliui.ts', 'string-width': 'lazy-string-width.ts' },
  },
];

const libraryShims: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'library-shims',
  setup(build) {
    const names = [...new Set(SHIMS.flatMap((entry) => Object.keys(entry.modules)))];
    const filter = new RegExp(`^(${names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter }, (args) => {
      const shim = SHIMS.find((entry) => Object.hasOwn(entry.modules, args.path) && entry.importers.test(args.importer))?.modules[args.path];
      return shim ? { path: path.join(__dirname, 'src', 'shims', shim) } : undefined;
    });
  },
};

/** The CommonJS wrapper node puts around a module, written into lib/main.js itself (see below). */
const MODULE_WRAPPER_START = '(function (exports, require, module, __filename, __dirname) {';
const MODULE_WRAPPER_END = '})';

/**
 * Two CommonJS builds.
 *
 * `cli.js` answers `genie --version` without loading anything else, and loads
 * `lib/main.js` through a V8 code cache (see src/compile-cache.ts).
 *
 * `lib/main.js` holds the parser, every command and genie itself:
 * - The @genie packages (from their sources, see genieFromSource), yargs and yargs-parser
 *   (which the fast route also uses, and which is a dependency, so named here) are inlined:
 *   resolving and reading a dozen modules one by one (each @genie package through its
 *   `exports` map) cost every command several ms of start-up, and one file gets one code
 *   cache entry.
 * - Commands are reached through dynamic imports that esbuild turns into lazily evaluated
 *   modules, so each command runs only the code it uses. yargs is one of them too (see
 *   src/parser.ts): the fast route (src/fast-route.ts) parses the everyday command lines
 *   with yargs-parser alone, and yargs is evaluated only for the others.
 * - The MCP SDK stays external and loads only for `genie mcp`. The launcher's supervisor
 *   still runs from @genie/launcher's own dist, found by module resolution.
 * - The file is one function expression: node's CommonJS wrapper is part of it, so cli.js
 *   compiles the file as it is read instead of building a wrapped copy of it. (Required
 *   as a module, it would only define that function; cli.js calls it.)
 * - yargs reads its message translations from `../locales` beside its code, so they are
 *   copied to `dist/locales`.
 */
export default defineConfig((overrides) => {
  const outDir = overrides.outDir ?? 'dist';
  const common: Options = {
    format: ['cjs'],
    target: 'node20',
    platform: 'node',
    sourcemap: true,
    define: { __GENIE_VERSION__: JSON.stringify(version) },
  };
  return [
    // Only its own file is replaced: the other build cleans dist/lib, in parallel.
    { ...common, entry: { cli: 'src/index.ts' }, outDir, clean: false },
    {
      ...common,
      entry: { main: 'src/main.ts' },
      outDir: path.join(outDir, 'lib'),
      clean: true,
      noExternal: [/^@genie\//, 'yargs', 'yargs-parser'],
      // The PostgreSQL driver is an optional peer of @genie/storage, installed only by
      // teams that use it, and loaded only when a workspace's store is PostgreSQL.
      external: ['pg'],
      esbuildPlugins: [genieFromSource, yargsParserOfYargs, libraryShims],
      banner: { js: MODULE_WRAPPER_START },
      footer: { js: MODULE_WRAPPER_END },
      esbuildOptions(options) {
        // `import('./commands/x.js')` becomes a plain require: through node's ESM loader, a
        // CommonJS file is first scanned for its exports, which costs more than loading it.
        options.supported = { ...options.supported, 'dynamic-import': false };
      },
      onSuccess: async () => {
        const yargsRoot = path.dirname(requireHere.resolve('yargs/package.json'));
        cpSync(path.join(yargsRoot, 'locales'), path.join(outDir, 'locales'), { recursive: true });
      },
    },
  ];
});
