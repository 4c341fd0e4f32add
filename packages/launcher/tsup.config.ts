import { defineConfig } from 'tsup';
import { esmRequireBanner, libraryBuild, workspaceDependencies } from '../../tooling/tsup.base';

// The supervisor is a second entry: the launcher spawns `node dist/supervisor-main.js`.
// Builtins only rare paths need are required on first use (see esmRequireBanner).
export default defineConfig(
  libraryBuild(
    { index: 'src/index.ts', 'supervisor-main': 'src/supervisor-main.ts' },
    { banner: esmRequireBanner, ...workspaceDependencies },
  ),
);
