import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tooling/tsup.base';

// `yaml` is bundled: loaded from node_modules it costs ~100 ms of module resolution on
// every CLI start (it is ~70 files); as one inlined module it costs a fraction of that.
export default defineConfig(libraryBuild({ index: 'src/index.ts' }, { noExternal: ['yaml'] }));
