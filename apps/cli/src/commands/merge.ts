import { EXIT_CODES } from '@genie/errors';
import { SESSION, defineCommand, withGenie } from '../command';

/** `genie merge <session>`: merges its branch into the current branch; a conflict is an error that lists the files. */
export default defineCommand({
  command: 'merge <session>',
  describe: "Merge a worktree session's branch into the current branch (a conflict changes nothing)",
  needs: 'a session',
  builder: (y) =>
    y.positional('session', SESSION).options({
      commit: { type: 'boolean', default: false, describe: "First commit the worktree's uncommitted work on the session's branch" },
    }),
  run: (args, terminal) =>
    withGenie(args, terminal, async (genie) => {
      const report = await genie.merge({ session: args.session, ...(args.commit ? { commit: true } : {}) });
      if (terminal.json) {
        terminal.printJson(report);
        return EXIT_CODES.OK;
      }
      const c = terminal.out;
      if (report.alreadyMerged) {
        terminal.print(`${c.bold(report.branch)} is already merged into ${c.bold(report.into)}; nothing to do.`);
      } else {
        terminal.print(`Merged ${c.bold(report.branch)} (${report.commits} commit(s)) into ${c.bold(report.into)}: ${c.dim(report.head.slice(0, 12))}`);
        terminal.diag(terminal.err.dim('genie clean removes its worktree now that it is merged.'));
      }
      return EXIT_CODES.OK;
    }),
});
