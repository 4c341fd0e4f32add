import { defineConfig } from 'tsup';
import { libraryBuild, workspaceDependencies } from '../../tooling/tsup.base';

export default defineConfig(
  libraryBuild(
    { index: 'src/index.ts', conformance: 'src/conformance/index.ts', 'conformance-writer': 'src/conformance/conformance-writer.ts' },
    workspaceDependencies,
  ),
);
