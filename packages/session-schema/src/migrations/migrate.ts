import { GenieError } from '@genie/errors';
import { emptyStore } from '../empty-store';
import { describeKind, hasOwn, isPlainObject, type PlainObject } from '../plain-object';
import { detectStoreVersion } from '../store-version';
import type { SessionStore } from '../types';
import { validate } from '../validation/validate';
import { CURRENT_STORE_VERSION, MIGRATIONS } from './registry';
import type { MigrationStep } from './migration-step';
import { storeCorrupt } from './store-corrupt';
import { dropPredecessorLeftovers } from './predecessor-leftovers';
import { safeIdentifiers } from './safe-identifiers';
import { describeSkipped, withoutInvalidSessions, type SkippedSession } from './skip-invalid-sessions';
import { uniquifyNames } from './unique-names';

export interface MigrateOptions {
  /** Executor given to migrated sessions that never recorded one (default `claude`). */
  defaultExecutor?: string;
  /**
   * Leave out the sessions whose records break the schema and list them in `skipped`,
   * rather than refuse the whole store: for importing a predecessor's file, which stays
   * untouched, so nothing skipped is lost. A store none of whose sessions is valid is still
   * refused, as is one whose own shape is wrong.
   */
  skipInvalidSessions?: boolean;
  /** Drop the entries the predecessor's own V1->V2 conversion made of leaked settings (see predecessor-leftovers.ts). */
  dropPredecessorLeftovers?: boolean;
}

export interface MigrationResult {
  /** The store in the current version; a fresh object that shares nothing with the input. */
  store: SessionStore;
  /** The version the input was in. */
  fromVersion: number;
  /** True when `store` differs from the input, so the caller should write it back. */
  migrated: boolean;
  warnings: string[];
  /** With `skipInvalidSessions`: the sessions left out, each with what is wrong with it. */
  skipped?: SkippedSession[];
}

const DEFAULT_EXECUTOR = 'claude';

function cloneStore(data: PlainObject): PlainObject {
  try {
    return structuredClone(data);
  } catch (error) {
    throw storeCorrupt('The session store holds values that are not JSON data.', [
      `(root): cannot be copied (${error instanceof Error ? error.message : String(error)})`,
    ]);
  }
}

function unrecognisedProblems(data: PlainObject): string[] {
  if ('version' in data) return [`/version: must be a positive integer (found ${JSON.stringify(data.version)})`];
  return ['(root): has none of the keys "version", "sessions" or "agents"'];
}

/**
 * Brings a parsed sessions file to the current store version. Pure: the input is never
 * mutated and the same input always gives the same result. Throws STORE_VERSION_UNSUPPORTED
 * for a store newer than this code (never downgraded) and STORE_CORRUPT, with
 * `details.problems`, for anything that is not a store or does not validate afterwards.
 */
export function migrate(data: unknown, options: MigrateOptions = {}): MigrationResult {
  if (!isPlainObject(data)) {
    throw storeCorrupt(`The session store is ${describeKind(data)}, not a JSON object.`, [`(root): must be object`]);
  }
  if (Object.keys(data).length === 0) {
    return {
      store: emptyStore(),
      fromVersion: CURRENT_STORE_VERSION,
      migrated: true,
      warnings: [`the session store was an empty object; starting an empty version-${CURRENT_STORE_VERSION} store`],
    };
  }

  const fromVersion = detectStoreVersion(data);
  if (fromVersion === null) {
    throw storeCorrupt('The session store is not in any format genie knows.', unrecognisedProblems(data));
  }
  if (fromVersion > CURRENT_STORE_VERSION) {
    throw new GenieError(
      'STORE_VERSION_UNSUPPORTED',
      `The session store is version ${fromVersion}, newer than this genie understands (up to version ${CURRENT_STORE_VERSION}).`,
      {
        hint: 'Upgrade genie to read it. It was left untouched: genie never downgrades a newer store.',
        details: { version: fromVersion, supportedVersion: CURRENT_STORE_VERSION },
      },
    );
  }

  const context = { defaultExecutor: options.defaultExecutor ?? DEFAULT_EXECUTOR };
  const warnings: string[] = [];
  let store = cloneStore(data);
  let version = fromVersion;
  while (version < CURRENT_STORE_VERSION) {
    const step = (MIGRATIONS as readonly MigrationStep[]).find((candidate) => candidate.from === version);
    if (!step) {
      throw new GenieError('STORE_VERSION_UNSUPPORTED', `No migration exists from session store version ${version}.`, {
        hint: 'This store version was never released; restore the file from a backup.',
        details: { version },
      });
    }
    const result = step.migrate(store, context);
    store = result.store;
    warnings.push(...result.warnings);
    version = step.to;
  }

  let repaired = false;
  if (!hasOwn(store, 'version')) {
    // Recognised as version 2 by its `sessions` map; the number itself was never written.
    store = { version: CURRENT_STORE_VERSION, ...store };
    warnings.push(`the session store had no version; recorded it as version ${CURRENT_STORE_VERSION}`);
    repaired = true;
  }
  if (options.dropPredecessorLeftovers && isPlainObject(store.sessions)) {
    const kept = dropPredecessorLeftovers(store.sessions);
    if (kept.warnings.length > 0) {
      store = { ...store, sessions: kept.sessions };
      warnings.push(...kept.warnings);
      repaired = true;
    }
  }
  if (isPlainObject(store.sessions)) {
    // Ids name log files and names are typed on command lines: unsafe ones get safe ones.
    const safe = safeIdentifiers(store.sessions);
    // Predecessor v2 files may hold two sessions with one name (names were minute stamps).
    const named = uniquifyNames(safe.sessions);
    if (safe.warnings.length > 0 || named.warnings.length > 0) {
      store = { ...store, sessions: named.sessions };
      warnings.push(...safe.warnings, ...named.warnings);
      repaired = true;
    }
  }

  let problems = validate(store);
  let skipped: SkippedSession[] | undefined;
  if (options.skipInvalidSessions) {
    skipped = [];
    const kept = problems.length > 0 ? withoutInvalidSessions(store, problems) : null;
    if (kept && isPlainObject(kept.store.sessions) && Object.keys(kept.store.sessions).length > 0) {
      store = kept.store;
      skipped = kept.skipped;
      warnings.push(...skipped.map(describeSkipped));
      repaired = true;
      problems = validate(store);
    }
  }
  if (problems.length > 0) {
    const where = fromVersion === CURRENT_STORE_VERSION ? '' : ` after migrating it from version ${fromVersion}`;
    throw storeCorrupt(`The session store is not valid${where}.`, problems);
  }
  const migrated = fromVersion !== CURRENT_STORE_VERSION || repaired;
  return { store: store as SessionStore, fromVersion, migrated, warnings, ...(skipped ? { skipped } : {}) };
}
