import { defineConfig, type Options } from 'tsup';
import { esmRequireBanner, libraryBuild, workspaceDependencies } from '../../tooling/tsup.base';

/**
 * `yaml` is bundled: loaded from node_modules it costs ~100 ms of module resolution on
 * every CLI start (it is ~70 files); as one inlined module it costs a fraction of that.
 * It goes into its own entry, `yaml-parser`, which the main bundle requires only when it
 * parses YAML, so start-up does not pay for parsing its code either.
 * It is CommonJS and requires node builtins (`process`, `buffer`), which an ES module has
 * no `require` for: the ESM build gets one (esmRequireBanner). Both formats require the
 * CommonJS `yaml-parser.js`.
 */

const yamlParserStaysApart: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'yaml-parser-stays-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/yaml-parser$/ }, () => ({ path: './yaml-parser.js', external: true }));
  },
};

export default defineConfig(
  libraryBuild(
    { index: 'src/index.ts', 'yaml-parser': 'src/yaml-parser.ts' },
    {
      noExternal: ['yaml', ...(workspaceDependencies.noExternal ?? [])],
      esbuildPlugins: [yamlParserStaysApart, ...(workspaceDependencies.esbuildPlugins ?? [])],
      banner: esmRequireBanner,
    },
  ),
);
