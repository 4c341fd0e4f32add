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
 * The CLI as an ordinary CommonJS bundle: yargs and the @genie packages (from their
 * sources) are inlined, so node reads a few files of dist/ at start-up instead of resolving
 * and reading dozens across node_modules. With code splitting, what a command loads with
 * `import()` (the library, @genie/core or @genie/mcp) is a chunk of its own that `--version`
 * and `--help` never read. The YAML parser is an entry of its own that core's lazy-yaml
 * requires (`./yaml-parser`, beside the chunks) the first time it parses YAML. The MCP SDK
 * and zod stay in node_modules, required only by `genie mcp`; the launcher's supervisor is
 * its own process and runs from the launcher's dist (see supervisor-location.ts).
 */
export default defineConfig({
  entry: { cli: 'src/cli.ts', 'yaml-parser': '../../packages/core/src/yaml-parser.ts' },
  format: ['cjs'],
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  splitting: true,
  // Rollup writes the CommonJS chunks. Without it tsup converts esbuild's chunks with
  // sucrase, which turns every `?.` and `??` into a helper call (a closure per use, in the
  // loops over sessions too) although node 20 runs them natively.
  treeshake: true,
  define: { __GENIE_VERSION__: JSON.stringify(version) },
  noExternal: [/^@genie\//, 'yargs'],
  // pg and pg-boss are optional peers (team stores only): required from node_modules when a
  // team store, or its turn queue, is opened.
  external: ['@modelcontextprotocol/sdk', 'zod', 'pg', 'pg-boss', './yaml-parser'],
  esbuildOptions(options) {
    options.alias = WORKSPACE_SOURCES;
    // An `import()` of what stays external becomes `require`: a CommonJS load, without
    // node's ES module loader.
    options.supported = { ...options.supported, 'dynamic-import': false };
  },
});
