import { cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig, type Options } from 'tsup';
import { version } from './package.json';

const requireHere = createRequire(__filename);
const ENTRY = path.join(__dirname, 'src', 'index.ts');

/** `src/index.ts` loads the main bundle at run time instead of carrying it in its own file. */
const mainStaysApart: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'main-stays-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/main\.js$/ }, (args) => (args.importer === ENTRY ? { path: './lib/main.js', external: true } : undefined));
  },
};

/**
 * Two CommonJS files. `cli.js` answers `genie --version` without loading anything else.
 * `lib/main.js` holds the parser and every command, with yargs and its helpers inlined:
 * resolving and reading their fifteen-odd modules one by one cost every command several
 * ms of start-up. Commands are reached through dynamic imports that esbuild turns into
 * lazily evaluated modules, so each command runs only the code it uses. The @genie
 * packages stay external, so rebuilding one takes effect without rebuilding the CLI.
 * yargs reads its message translations from `../locales` beside its code, so they are
 * copied to `dist/locales`.
 */
export default defineConfig((overrides) => ({
  entry: { cli: 'src/index.ts', 'lib/main': 'src/main.ts' },
  format: ['cjs'],
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  define: { __GENIE_VERSION__: JSON.stringify(version) },
  noExternal: ['yargs'],
  esbuildPlugins: [mainStaysApart],
  esbuildOptions(options) {
    // `import('./main.js')` becomes a plain require: through node's ESM loader, a CommonJS
    // file is first scanned for its exports, which costs more than loading it.
    options.supported = { ...options.supported, 'dynamic-import': false };
  },
  onSuccess: async () => {
    const yargsRoot = path.dirname(requireHere.resolve('yargs/package.json'));
    cpSync(path.join(yargsRoot, 'locales'), path.join(overrides.outDir ?? 'dist', 'locales'), { recursive: true });
  },
}));
