import { existsSync, readFileSync } from 'node:fs';
import { GenieError } from '@genie/errors';
import { eventLogPath } from '@genie/launcher';
import type { SessionEntry } from '@genie/session-schema';
import { openPostgresStorage, openTeamEventLog, type SessionStorage, type TeamEventLog } from '@genie/storage';
import type { CopyToTeamOptions, CopyToTeamReport } from '../api-types';
import type { GenieContext } from '../genie-context';
import { reconcileActive } from '../sessions/reconcile-active';
import { projectIdentity } from '../workspace/project-identity';

function isActive(entry: SessionEntry): boolean {
  return entry.status === 'starting' || entry.status === 'running';
}

/** The local record is newer than the team's copy: more turns, or the same turns used later. */
function newer(local: SessionEntry, team: SessionEntry): boolean {
  const turns = (entry: SessionEntry) => (typeof entry.turns === 'number' ? entry.turns : 0);
  if (turns(local) !== turns(team)) return turns(local) > turns(team);
  return String(local.lastUsed ?? '') > String(team.lastUsed ?? '');
}

/** The lines of a session's local event log that the team database does not have yet. */
function missingLogLines(logsDir: string, entry: SessionEntry, stored: number): string[] {
  const file = eventLogPath(logsDir, entry.sessionId);
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const end = text.lastIndexOf('\n');
  if (end === -1) return [];
  return text.slice(0, end).split('\n').slice(stored);
}

/**
 * Copies this workspace's sessions and their event logs into a team database (`genie
 * migrate --to postgres://...`). The local store is only read. Running again copies only
 * what changed since: a session the database already has is replaced only by a newer
 * local record, and log lines are numbered, so none is stored twice. Running sessions are
 * left for a later run (their supervisor still writes the local store).
 */
export async function copyToTeam(context: GenieContext, options: CopyToTeamOptions): Promise<CopyToTeamReport> {
  const source = context.storageSpec();
  if (source.kind === 'postgres') {
    throw new GenieError('INVALID_INPUT', 'This workspace already keeps its sessions in PostgreSQL; there is nothing local to copy.', {
      hint: 'Run `genie migrate --to` in a workspace whose storage is json or sqlite (unset GENIE_DATABASE_URL there).',
    });
  }
  if (!/^postgres(ql)?:\/\//.test(options.to)) {
    throw new GenieError('INVALID_INPUT', `--to must be a PostgreSQL URL (postgres://user@host:5432/db), not "${options.to}".`, {
      hint: 'Give the URL of the team database.',
      details: { to: options.to },
    });
  }
  const project = options.project ?? context.config.storage.project ?? projectIdentity(context.workspace, context.host());
  const dryRun = options.dryRun ?? false;
  const launch = await context.launchContext();
  await reconcileActive(launch);
  const sessions = await launch.storage.list();

  const team: SessionStorage = openPostgresStorage(options.to, { project });
  const logs: TeamEventLog = openTeamEventLog(options.to, project);
  const report: CopyToTeamReport = {
    from: launch.storage.location,
    to: team.location,
    project,
    dryRun,
    sessions: sessions.length,
    copied: 0,
    updated: 0,
    unchanged: 0,
    logLines: 0,
    warnings: [],
  };
  try {
    for (const local of sessions) {
      if (isActive(local)) {
        report.warnings.push(`Session ${local.name ?? local.sessionId} is still ${local.status}; run this again once its turn ended to copy it.`);
        continue;
      }
      // Records from before genie named hosts belong to this one: their conversations are here.
      const record: SessionEntry = local.host ? local : { ...local, host: context.host() };
      const existing = await team.get(local.sessionId);
      if (existing && !newer(record, existing)) report.unchanged += 1;
      else if (existing) {
        if (!dryRun) await team.update(local.sessionId, () => ({ ...record, name: existing.name }));
        report.updated += 1;
      } else {
        if (!dryRun) {
          const stored = await team.create(record, { onNameTaken: 'suffix' });
          if (stored.name !== record.name) {
            report.warnings.push(`The name ${String(record.name)} was taken in the team's project; session ${local.sessionId} is ${String(stored.name)} there.`);
          }
        }
        report.copied += 1;
      }
      const stored = await logs.lineCount(local.sessionId);
      const lines = missingLogLines(context.logsDir(), local, stored);
      if (!dryRun) await logs.appendLines(local.sessionId, stored, lines);
      report.logLines += lines.length;
    }
  } finally {
    await Promise.all([team.close(), logs.close()]);
  }
  return report;
}
