import type { PlainObject } from '../plain-object';

export interface MigrationContext {
  /** Executor given to migrated sessions that never recorded one. */
  defaultExecutor: string;
}

export interface MigrationStepResult {
  store: PlainObject;
  warnings: string[];
}

/**
 * One pure step from store version `from` to `to`. It never mutates its input and
 * returns the same output for the same input, so migrating a file twice agrees. The
 * versions are literal types, so the registry's last `to` types CURRENT_STORE_VERSION.
 */
export interface MigrationStep<From extends number = number, To extends number = number> {
  readonly from: From;
  readonly to: To;
  migrate(store: PlainObject, context: MigrationContext): MigrationStepResult;
}
