import { existsSync } from 'node:fs';
import { EXIT_CODES } from '@genie/errors';
import { defineCommand, withGenie } from '../command';
import { plural } from '../output/format';

export default defineCommand({
  command: 'migrate',
  describe: 'Migrate a version 1 session store to the current version and report what moved',
  builder: (y) => y.options({ 'dry-run': { type: 'boolean', default: false, describe: 'Report what would move; write nothing' } }),
  run: (args, terminal) =>
    withGenie(args, terminal, async (genie) => {
      const report = await genie.migrate({ dryRun: args.dryRun });
      if (terminal.json) {
        terminal.printJson(report);
        return EXIT_CODES.OK;
      }
      const c = terminal.out;
      if (!report.migrated && report.sessions === 0 && !existsSync(report.file)) {
        terminal.print(`No session store at ${report.file} yet; nothing to migrate.`);
      } else if (report.fromVersion === report.toVersion && !report.migrated) {
        terminal.print(`${report.file} is already version ${report.toVersion} (${plural(report.sessions, 'session')}); nothing to migrate.`);
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
