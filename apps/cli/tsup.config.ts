import { defineConfig } from 'tsup';
import { version } from './package.json';

/**
 * One CommonJS bundle. Dependencies (yargs, @genie/*) stay external, and every command
 * is reached through a dynamic import that esbuild turns into a lazily evaluated module,
 * so `genie --version` loads nothing and each command loads only what it uses.
 */
export default defineConfig({
  entry: { cli: 'src/index.ts' },
  format: ['cjs'],
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  define: { __GENIE_VERSION__: JSON.stringify(version) },
});
