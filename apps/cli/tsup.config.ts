import { defineConfig } from 'tsup';
import { version } from './package.json';

/**
 * One CommonJS file, dist/cli.js, of the CLI's own code; its dependencies (the @genie
 * packages, yargs, the MCP SDK) are required from node_modules as usual.
 */
export default defineConfig({
  entry: { cli: 'src/cli.ts' },
  format: ['cjs'],
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  define: { __GENIE_VERSION__: JSON.stringify(version) },
  esbuildOptions(options) {
    // `await import('@genie/core')` becomes `require`: the CommonJS build of the package, the
    // same copy the CLI's static imports load (an import() would load its ESM build too).
    options.supported = { ...options.supported, 'dynamic-import': false };
  },
});
