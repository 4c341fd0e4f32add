import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tooling/tsup.base';

// The supervisor is a second entry: the launcher spawns `node dist/supervisor-main.js`.
export default defineConfig(libraryBuild({ index: 'src/index.ts', 'supervisor-main': 'src/supervisor-main.ts' }));
