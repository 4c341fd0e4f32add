import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tooling/tsup.base';

/**
 * `yaml` is bundled: loaded from node_modules it costs ~100 ms of module resolution on
 * every CLI start (it is ~70 files); as one inlined module it costs a fraction of that.
 * It is CommonJS and requires node builtins (`process`, `buffer`), which an ES module has
 * no `require` for: the ESM build gets one from createRequire, under the name esbuild's
 * require shim looks for.
 */
const ESM_REQUIRE = "import { createRequire as __genieCreateRequire } from 'node:module';\nconst require = __genieCreateRequire(import.meta.url);";

export default defineConfig(
  libraryBuild(
    { index: 'src/index.ts' },
    {
      noExternal: ['yaml'],
      banner: ({ format }) => (format === 'esm' ? { js: ESM_REQUIRE } : {}),
    },
  ),
);
