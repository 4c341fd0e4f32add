import type { MigrationStep } from './migration-step';
import { v1ToV2 } from './v1-to-v2';

/** Every migration step, oldest first. A new store version adds one file and one line here. */
export const MIGRATIONS = [v1ToV2] as const satisfies readonly MigrationStep[];

type LastOf<T extends readonly unknown[]> = T extends readonly [...unknown[], infer Last] ? Last : never;

/** The version this code reads and writes: where the last migration step arrives. */
export const CURRENT_STORE_VERSION = (MIGRATIONS[MIGRATIONS.length - 1] as LastOf<typeof MIGRATIONS>).to;
