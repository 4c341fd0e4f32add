import type { MigrationStep } from './migration-step';
import { v1ToV2 } from './v1-to-v2';

/** Every migration step, oldest first. A new store version adds one file and one line here. */
export const MIGRATIONS: readonly MigrationStep[] = [v1ToV2];
