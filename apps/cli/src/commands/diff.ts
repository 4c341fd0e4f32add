import { EXIT_CODES } from '@genie/errors';
import { SESSION, defineCommand, withGenie } from '../command';

/** `genie diff <session>`: the patch on stdout, as git prints it; what it compared on stderr. */
export default defineCommand({
  command: 'diff <session>',
  describe: "What a worktree session changed: its branch and uncommitted work against the commit it started from",
  needs: 'a session',
  builder: (y) =>
    y
      .positional('session', SESSION)
      .options({ stat: { type: 'boolean', default: false, describe: 'A diffstat instead of the patch' } })
      .example('$0 diff dry-run | less', 'Read the patch of session dry-run'),
  run: (args, terminal) =>
    withGenie(args, terminal, async (genie) => {
      const diff = await genie.diff({ session: args.session, ...(args.stat ? { stat: true } : {}) });
      if (terminal.json) {
        terminal.printJson(diff);
        return EXIT_CODES.OK;
      }
      terminal.diag(terminal.err.dim(`${diff.branch} (worktree ${diff.worktree}) against ${diff.base.slice(0, 12)}, uncommitted work included`));
      if (diff.diff === '') terminal.diag(terminal.err.dim('no changes'));
      else terminal.print(diff.diff.replace(/\n$/, ''));
      return EXIT_CODES.OK;
    }),
});
