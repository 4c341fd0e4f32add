import { EXIT_CODES, type ExitCode } from '@genie/errors';
import type { GlobalArgs } from '../global-args';
import type { Terminal } from '../output/terminal';
import { withGenie } from '../with-genie';

export interface DiffArgs extends GlobalArgs {
  session: string;
  stat?: boolean;
}

/** `genie diff <session>`: the patch on stdout, as git prints it; what it compared on stderr. */
export async function diffCommand(args: DiffArgs, terminal: Terminal): Promise<ExitCode> {
  return withGenie(args, terminal, async (genie) => {
    const diff = await genie.diff({ session: args.session, ...(args.stat ? { stat: true } : {}) });
    if (terminal.json) {
      terminal.printJson(diff);
      return EXIT_CODES.OK;
    }
    terminal.diag(terminal.err.dim(`${diff.branch} (worktree ${diff.worktree}) against ${diff.base.slice(0, 12)}, uncommitted work included`));
    if (diff.diff === '') terminal.diag(terminal.err.dim('no changes'));
    else terminal.print(diff.diff.replace(/\n$/, ''));
    return EXIT_CODES.OK;
  });
}
