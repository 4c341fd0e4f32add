import { defineConfig } from 'tsup';
import { esmRequireBanner, libraryBuild, workspaceDependencies } from '../../tooling/tsup.base';

// Migrating a V1 store requires node:crypto on first use (see migrations/legacy-id.ts).
export default defineConfig(libraryBuild({ index: 'src/index.ts' }, { banner: esmRequireBanner, ...workspaceDependencies }));
