import { EXIT_CODES, type ExitCode } from '@genie/errors';
import type { GlobalArgs } from '../global-args';
import type { Terminal } from '../output/terminal';
import { withGenie } from '../with-genie';

export interface MergeArgs extends GlobalArgs {
  session: string;
  commit?: boolean;
}

/** `genie merge <session>`: merges its branch into the current branch; a conflict is an error that lists the files. */
export async function mergeCommand(args: MergeArgs, terminal: Terminal): Promise<ExitCode> {
  return withGenie(args, terminal, async (genie) => {
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
      terminal.diag(terminal.err.dim(`genie clean removes its worktree now that it is merged.`));
    }
    return EXIT_CODES.OK;
  });
}
