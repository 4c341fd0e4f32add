import { GenieError } from '@genie/errors';
import { CURRENT_STORE_VERSION } from '@genie/session-schema';
import { storageAdapter } from '@genie/storage';
import type { MigrateReport } from '../api-types';
import type { GenieContext } from '../genie-context';

/** Brings an older store up to date now (or with dryRun reports what would move), through its adapter. */
export async function migrateStore(context: GenieContext, options: { dryRun?: boolean } = {}): Promise<MigrateReport> {
  const spec = context.storageSpec();
  const migrate = storageAdapter(spec.kind).maintenance?.migrate;
  if (!migrate) {
    throw new GenieError('INVALID_INPUT', `The ${spec.kind} store has nothing to migrate.`, {
      hint: 'Set storage.adapter in .genie/config.yaml to a store that keeps sessions on disk (sqlite or json).',
      details: { adapter: spec.kind },
    });
  }
  const dryRun = options.dryRun ?? false;
  const report = await migrate(spec, { ...context.storageOptions(), logsDir: context.logsDir(), dryRun });
  return {
    file: report.location,
    fromVersion: report.fromVersion ?? CURRENT_STORE_VERSION,
    toVersion: report.toVersion,
    migrated: report.migrated,
    dryRun,
    sessions: report.sessions,
    backupFile: report.backupFile,
    warnings: report.warnings,
  };
}
