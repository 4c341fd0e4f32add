import { GenieError } from '@genie/errors';
import { CURRENT_STORE_VERSION, SESSION_STATUSES, type SessionEntry, type SkippedSession } from '@genie/session-schema';
import { summariseProblems } from '../json/store-errors';
import { examineStoreBytes } from '../json/store-examination';
import { readStoreFile } from '../json/store-file';

/** A predecessor's `sessions.json`, read and brought to the current record shape in memory. */
export interface PredecessorStore {
  file: string;
  fromVersion: number;
  sessions: SessionEntry[];
  warnings: string[];
  /** Sessions the file records wrongly: left out of the import, and still in the file. */
  skipped: SkippedSession[];
}

/**
 * Why an imported session that never recorded an outcome shows as `lost`, for `genie view`;
 * null when it recorded one (a status this genie knows, or an error of its own).
 */
function unknownOutcome(entry: SessionEntry): string | null {
  if (typeof entry.error === 'string' && entry.error !== '') return null;
  if (entry.status === undefined || entry.status === null || entry.status === '') {
    return 'The predecessor recorded no outcome for this session, so how it ended is unknown.';
  }
  if ((SESSION_STATUSES as readonly string[]).includes(entry.status)) return null;
  return `The predecessor recorded the status ${JSON.stringify(entry.status)}, which genie does not use, so how it ended is unknown.`;
}

function withOutcomeExplained(entry: SessionEntry): SessionEntry {
  const error = unknownOutcome(entry);
  return error === null ? entry : { ...entry, error };
}

/**
 * The sessions of a V1 or V2 `sessions.json` (V1 through the versioned V1->V2 migration,
 * which also cleans a dirty file), or null when there is no such file. The file itself is
 * only read, so the sessions it records wrongly are left out (`skipped`) and stay in it, as
 * do the predecessor's leftovers of leaked settings. A file that cannot be read as a store,
 * or none of whose sessions is valid, refuses the import: nothing is created, so fixing the
 * file and retrying imports it then.
 */
export function readPredecessorStore(file: string, options: { defaultExecutor?: string } = {}): PredecessorStore | null {
  let bytes: Buffer | null;
  try {
    bytes = readStoreFile(file);
  } catch (error) {
    throw new GenieError('STORE_IO', `Could not read ${file} to import its sessions: ${(error as Error).message}`, {
      hint: 'Check that the file is readable by this user, then retry.',
      details: { path: file },
      cause: error,
    });
  }
  if (bytes === null) return null;
  // The file is never written, so what it holds wrongly stays there: skip it, and say so.
  const examination = examineStoreBytes(bytes, { ...options, skipInvalidSessions: true, dropPredecessorLeftovers: true });
  if (!examination.ok) {
    const newer = examination.code === 'STORE_VERSION_UNSUPPORTED';
    throw new GenieError(
      examination.code,
      newer
        ? `${file} is version ${examination.version ?? '?'}, newer than this genie understands (up to ${CURRENT_STORE_VERSION}), so its sessions cannot be imported; nothing was changed.`
        : `${file} is damaged (${summariseProblems(examination.problems)}), so its sessions cannot be imported; nothing was changed.`,
      {
        hint: newer
          ? 'Upgrade genie, or set storage.adapter: json in .genie/config.yaml to keep using that file as it is.'
          : 'Fix the file (its .bak beside it may hold the previous good version), or move it away to start with an empty store.',
        details: { file, problems: examination.problems },
      },
    );
  }
  return {
    file,
    fromVersion: examination.fromVersion,
    sessions: Object.values(examination.store.sessions).map(withOutcomeExplained),
    warnings: examination.warnings,
    skipped: examination.skipped,
  };
}
