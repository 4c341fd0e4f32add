import { existsSync } from 'node:fs';
import { GenieError } from '@genie/errors';
import { CURRENT_STORE_VERSION } from '@genie/session-schema';
import type { StoreExamination } from './store-examination';
import { storePaths } from './store-paths';

const SHOWN_PROBLEMS = 3;

export function summariseProblems(problems: readonly string[]): string {
  const shown = problems.slice(0, SHOWN_PROBLEMS).join('; ');
  return problems.length > SHOWN_PROBLEMS ? `${shown} (and ${problems.length - SHOWN_PROBLEMS} more)` : shown;
}

/** The error every operation throws for a file it must not read as a store (and never rewrites). */
export function unusableStoreError(file: string, examination: Extract<StoreExamination, { ok: false }>): GenieError {
  const backup = storePaths(file).backup;
  const hasBackup = existsSync(backup);
  const details = { file, problems: examination.problems, version: examination.version, backupFile: hasBackup ? backup : null };
  const repair = hasBackup
    ? `The previous good version is kept in ${backup}; run \`genie doctor --repair\` to restore it (the damaged file is kept beside it).`
    : 'No previous good version exists beside it; fix the file by hand or move it away (genie never overwrites it).';
  if (examination.code === 'STORE_VERSION_UNSUPPORTED') {
    return new GenieError(
      'STORE_VERSION_UNSUPPORTED',
      `The session store ${file} is version ${examination.version ?? '?'}, newer than this genie understands (up to ${CURRENT_STORE_VERSION}); it was left untouched.`,
      {
        hint: hasBackup
          ? `Upgrade genie to use this store. If the version was changed by mistake, ${backup} holds the previous version; copy it back by hand (genie doctor --repair refuses to downgrade).`
          : 'Upgrade genie to use this store.',
        details,
      },
    );
  }
  return new GenieError(
    'STORE_CORRUPT',
    `The session store ${file} is damaged: ${summariseProblems(examination.problems)}. It was left untouched.`,
    { hint: repair, details },
  );
}

export function storeIoError(action: string, path: string, cause: unknown): GenieError {
  return new GenieError('STORE_IO', `Could not ${action} ${path}: ${(cause as Error).message}`, {
    hint: 'Check that the directory exists, is writable by this user and has free space, then retry.',
    details: { path },
    cause,
  });
}
