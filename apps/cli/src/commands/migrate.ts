import { existsSync } from 'node:fs';
import type { CopyToTeamReport } from '@genie/core';
import { EXIT_CODES } from '@genie/errors';
import { defineCommand, withGenie } from '../command';
import { plural } from '../output/format';
import type { Terminal } from '../output/terminal';

/** `migrate --to`: the workspace's sessions and logs copied into a team database. */
function printCopy(report: CopyToTeamReport, terminal: Terminal): void {
  const c = terminal.out;
  const what = `${plural(report.copied, 'new session')}, ${plural(report.updated, 'updated session')}, ${plural(report.unchanged, 'unchanged session')} and ${plural(report.logLines, 'log line')}`;
  const where = `${report.to} (project ${report.project})`;
  if (report.dryRun) terminal.print(`${c.bold('dry run:')} ${what} would be copied from ${report.from} to ${where}. Nothing was written.`);
  else terminal.print(`${c.green('✔')} copied ${what} from ${report.from} to ${where}; the local store is unchanged.`);
  for (const warning of report.warnings) terminal.print(`${c.yellow('!')} ${warning}`);
}

export default defineCommand({
  command: 'migrate',
  describe: "Import the predecessor's sessions.json into the session database (or migrate a version 1 JSON store), or (--to) copy the sessions into a team database",
  builder: (y) =>
    y.options({
      'dry-run': { type: 'boolean', default: false, describe: 'Report what would move; write nothing' },
      to: { type: 'string', describe: 'Copy this workspace\'s sessions and event logs into this PostgreSQL database (postgres://...)' },
      project: { type: 'string', describe: 'With --to: the team project to copy into (default: the repository\'s origin remote)' },
    }),
  run: (args, terminal) =>
    withGenie(args, terminal, async (genie) => {
      if (args.to !== undefined) {
        const copy = await genie.copyToTeam({ to: args.to, dryRun: args.dryRun, ...(args.project === undefined ? {} : { project: args.project }) });
        if (terminal.json) terminal.printJson(copy);
        else printCopy(copy, terminal);
        return EXIT_CODES.OK;
      }
      const report = await genie.migrate({ dryRun: args.dryRun });
      if (terminal.json) {
        terminal.printJson(report);
        return EXIT_CODES.OK;
      }
      const c = terminal.out;
      if (report.source && report.migrated) {
        const what = `${plural(report.sessions, 'session')} from ${report.source} (version ${report.fromVersion}) into ${report.file}`;
        if (report.dryRun) terminal.print(`${c.bold('dry run:')} would import ${what}. Nothing was written.`);
        else terminal.print(`${c.green('✔')} imported ${what}.`);
        terminal.print(c.dim(`${report.source} ${report.dryRun ? 'stays' : 'is kept'} untouched; genie no longer writes it.`));
      } else if (!report.migrated && report.sessions === 0 && !existsSync(report.file)) {
        terminal.print(`No session store at ${report.file} yet; nothing to migrate.`);
      } else if (!report.migrated) {
        terminal.print(`${report.file} is up to date (${plural(report.sessions, 'session')}); nothing to migrate.`);
      } else if (report.dryRun) {
        terminal.print(
          `${c.bold('dry run:')} ${report.file} would move from version ${report.fromVersion} to ${report.toVersion} with ${plural(
            report.sessions,
            'session',
          )}. Nothing was written.`,
        );
      } else {
        terminal.print(
          `${c.green('✔')} migrated ${report.file} from version ${report.fromVersion} to ${report.toVersion}: ${plural(report.sessions, 'session')}.`,
        );
        if (report.backupFile) terminal.print(c.dim(`the original is kept at ${report.backupFile}`));
      }
      for (const warning of report.warnings) terminal.print(`${c.yellow('!')} ${warning}`);
      return EXIT_CODES.OK;
    }),
});
