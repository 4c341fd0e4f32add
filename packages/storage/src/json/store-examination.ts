import { isGenieError } from '@genie/errors';
import { CURRENT_STORE_VERSION, detectStoreVersion, migrate, validate, type MigrateOptions, type SessionStoreV2, type SkippedSession } from '@genie/session-schema';

export type StoreProblemCode = 'STORE_CORRUPT' | 'STORE_VERSION_UNSUPPORTED';

/** What the bytes of a sessions file hold, judged without touching the file. */
export type StoreExamination =
  | {
      ok: true;
      /** The store in the current version (migrated in memory when `fromVersion` is older). */
      store: SessionStoreV2;
      fromVersion: number;
      migrated: boolean;
      warnings: string[];
      /** With `skipInvalidSessions`: the sessions left out of `store`. */
      skipped: SkippedSession[];
    }
  | { ok: false; code: StoreProblemCode; version: number | null; problems: string[] };

export interface ExamineOptions {
  defaultExecutor?: string;
  /** Leave out badly recorded sessions instead of refusing the file (an import, which never writes it). */
  skipInvalidSessions?: boolean;
  /** Drop the entries the predecessor's V1->V2 conversion made of leaked settings (an import). */
  dropPredecessorLeftovers?: boolean;
}

const BYTE_ORDER_MARK = /^\uFEFF/;

export function examineStoreBytes(bytes: Buffer, options: ExamineOptions = {}): StoreExamination {
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8').replace(BYTE_ORDER_MARK, ''));
  } catch (error) {
    const reason = bytes.length === 0 ? 'the file is empty' : `not valid JSON (${(error as Error).message})`;
    return { ok: false, code: 'STORE_CORRUPT', version: null, problems: [reason] };
  }
  const version = detectStoreVersion(data);
  // The common case, a valid current file, skips migrate's defensive deep copy.
  if (version === CURRENT_STORE_VERSION && !options.dropPredecessorLeftovers && validate(data).length === 0) {
    return { ok: true, store: data as SessionStoreV2, fromVersion: version, migrated: false, warnings: [], skipped: [] };
  }
  try {
    const migrateOptions: MigrateOptions = {
      ...(options.defaultExecutor === undefined ? {} : { defaultExecutor: options.defaultExecutor }),
      ...(options.skipInvalidSessions ? { skipInvalidSessions: true } : {}),
      ...(options.dropPredecessorLeftovers ? { dropPredecessorLeftovers: true } : {}),
    };
    const result = migrate(data, migrateOptions);
    const { store, fromVersion, migrated, warnings } = result;
    return { ok: true, store, fromVersion, migrated, warnings, skipped: result.skipped ?? [] };
  } catch (error) {
    if (isGenieError(error, 'STORE_VERSION_UNSUPPORTED') || isGenieError(error, 'STORE_CORRUPT')) {
      const listed = error.details.problems;
      const problems = Array.isArray(listed) && listed.length > 0 ? listed.map(String) : [error.message];
      const code = error.code === 'STORE_VERSION_UNSUPPORTED' ? 'STORE_VERSION_UNSUPPORTED' : 'STORE_CORRUPT';
      return { ok: false, code, version, problems };
    }
    throw error;
  }
}
