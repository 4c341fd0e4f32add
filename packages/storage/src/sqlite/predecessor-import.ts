import { GenieError } from '@genie/errors';
import { CURRENT_STORE_VERSION, type SessionEntry } from '@genie/session-schema';
import { summariseProblems } from '../json/store-errors';
import { examineStoreBytes } from '../json/store-examination';
import { readStoreFile } from '../json/store-file';

/** A predecessor's `sessions.json`, read and brought to the current record shape in memory. */
export interface PredecessorStore {
  file: string;
  fromVersion: number;
  sessions: SessionEntry[];
  warnings: string[];
}

/**
 * The sessions of a V1 or V2 `sessions.json` (V1 through the versioned V1->V2 migration,
 * which also cleans a dirty file), or null when there is no such file. The file itself is
 * only read. A file that cannot be read as a store refuses the import: nothing is created,
 * so fixing the file and retrying imports it then.
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
  const examination = examineStoreBytes(bytes, options);
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
  return { file, fromVersion: examination.fromVersion, sessions: Object.values(examination.store.sessions), warnings: examination.warnings };
}
