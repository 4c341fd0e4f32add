import { join } from 'node:path';

/** Every file the JSON store keeps beside `sessions.json`. */
export interface StorePaths {
  file: string;
  lockDir: string;
  /** The previous good version, refreshed on every successful write. */
  backup: string;
  /** Only the lock holder writes these, so fixed names are safe and crashes leave no litter. */
  stagingFile: string;
  stagingBackup: string;
  /** The original bytes of a file migrated from `version`, kept forever. */
  migrationBackup(version: number): string;
  corruptCopy(timestamp: string): string;
}

export function storePaths(file: string): StorePaths {
  return {
    file,
    lockDir: `${file}.lock`,
    backup: `${file}.bak`,
    stagingFile: `${file}.tmp`,
    stagingBackup: `${file}.bak.tmp`,
    migrationBackup: (version) => `${file}.v${version}.bak`,
    corruptCopy: (timestamp) => `${file}.corrupt-${timestamp}`,
  };
}

/** Where a workspace keeps its sessions (the predecessor's location, so users' scripts keep working). */
export function defaultSessionsFile(workspaceDir: string): string {
  return join(workspaceDir, '.genie', 'state', 'agents', 'sessions.json');
}
