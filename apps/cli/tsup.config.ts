import { defineConfig } from 'tsup';
import { version } from './package.json';

/** The workspace packages the CLI runs, built into its bundle from their sources. */
const WORKSPACE_SOURCES = {
  '@genie/errors': '../../packages/errors/src/index.ts',
  '@genie/session-schema': '../../packages/session-schema/src/index.ts',
  '@genie/storage': '../../packages/storage/src/index.ts',
  '@genie/launcher': '../../packages/launcher/src/index.ts',
  '@genie/core': '../../packages/core/src/index.ts',
  '@genie/mcp': '../mcp/src/index.ts',
};

/**
 * One CommonJS file, dist/cli.js, with the @genie packages and yargs inlined: node reads
 * one file at start-up instead of resolving and reading dozens across node_modules. The
 * library (@genie/core and what it uses) is imported with `import()` where a command first
 * needs it, and esbuild keeps such a module's code unevaluated until then, so `--version`
 * and `--help` never run it. The MCP SDK and zod stay in node_modules, required only by
 * `genie mcp`. The launcher's supervisor is its own process and stays in the launcher's
 * dist, where the launcher finds it (supervisor-location.ts).
 */
export default defineConfig({
  entry: { cli: 'src/cli.ts', 'yaml-parser': '../../packages/core/src/yaml-parser.ts' },
  format: ['cjs'],
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  splitting: true,
  define: { __GENIE_VERSION__: JSON.stringify(version) },
  noExternal: [/^@genie\//, 'yargs'],
  external: ['@modelcontextprotocol/sdk', 'zod', './yaml-parser'],
  esbuildOptions(options) {
    options.alias = WORKSPACE_SOURCES;
    // An `import()` of what stays external becomes `require`: a CommonJS load, without
    // node's ES module loader.
    options.supported = { ...options.supported, 'dynamic-import': false };
  },
});
