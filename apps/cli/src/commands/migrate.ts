import { existsSync } from 'node:fs';
import { EXIT_CODES, type ExitCode } from '@genie/errors';
import type { GlobalArgs } from '../global-args';
import { plural } from '../output/format';
import type { Terminal } from '../output/terminal';
import { withGenie } from '../with-genie';

export interface MigrateArgs extends GlobalArgs {
  dryRun: boolean;
}

export async function migrateCommand(args: MigrateArgs, terminal: Terminal): Promise<ExitCode> {
  return withGenie(args, terminal, async (genie) => {
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
        `${c.bold('dry run:')} ${report.file} would move from version ${report.fromVersion} to ${report.toVersion} with ${plural(report.sessions, 'session')}. Nothing was written.`,
      );
    } else {
      terminal.print(`${c.green('✔')} migrated ${report.file} from version ${report.fromVersion} to ${report.toVersion}: ${plural(report.sessions, 'session')}.`);
      if (report.backupFile) terminal.print(c.dim(`the original is kept at ${report.backupFile}`));
    }
    for (const warning of report.warnings) terminal.print(`${c.yellow('!')} ${warning}`);
    return EXIT_CODES.OK;
  });
}
