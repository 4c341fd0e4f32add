import { GenieError } from '@genie/errors';
import { CURRENT_STORE_VERSION } from '@genie/session-schema';
import { migrateJsonStore } from '@genie/storage';
import type { MigrateReport } from '../api-types';
import type { GenieContext } from '../genie-context';

/** Migrates an old (V1) sessions file now, or with dryRun reports what would move. */
export async function migrateStore(context: GenieContext, options: { dryRun?: boolean } = {}): Promise<MigrateReport> {
  const spec = context.storageSpec();
  if (spec.kind !== 'json') {
    throw new GenieError('INVALID_INPUT', `Only a JSON sessions file can be migrated; this workspace uses the ${spec.kind} store.`, {
      hint: 'Set storage.adapter to json in .genie/config.yaml to use a sessions file.',
    });
  }
  const dryRun = options.dryRun ?? false;
  const report = await migrateJsonStore(spec.file, {
    dryRun,
    defaultExecutor: context.config.defaults.executor,
    ...(spec.lockTimeoutMs !== undefined ? { lockTimeoutMs: spec.lockTimeoutMs } : {}),
  });
  return {
    file: report.file,
    fromVersion: report.fromVersion ?? CURRENT_STORE_VERSION,
    toVersion: report.toVersion,
    migrated: report.migrated,
    dryRun,
    sessions: report.sessions,
    backupFile: report.backupFile,
    warnings: report.warnings,
  };
}
