import type { CleanedWorktree } from '@genie/core';
import { EXIT_CODES } from '@genie/errors';
import { defineCommand, withGenie } from '../command';

function label(item: CleanedWorktree): string {
  return `${item.name ?? item.sessionId}  ${item.branch}  ${item.worktree}`;
}

/** `genie clean`: every worktree removed (or, with --dry-run, that would be) and every one kept, with why. */
export default defineCommand({
  command: 'clean',
  describe: 'Remove the worktrees of ended sessions whose work is merged; list the others and why they stay',
  builder: (y) =>
    y
      .options({
        'dry-run': { type: 'boolean', default: false, describe: 'List what would be removed; remove nothing' },
        force: { type: 'boolean', default: false, describe: 'Also remove worktrees with uncommitted changes or unmerged commits (never a running one)' },
      })
      .example('$0 clean --dry-run', 'See what clean would remove and what it keeps'),
  run: (args, terminal) =>
    withGenie(args, terminal, async (genie) => {
      const report = await genie.clean({ ...(args.dryRun ? { dryRun: true } : {}), ...(args.force ? { force: true } : {}) });
      if (terminal.json) {
        terminal.printJson(report);
        return EXIT_CODES.OK;
      }
      const c = terminal.out;
      const verb = report.dryRun ? 'would remove' : 'removed';
      for (const item of report.removed) {
        const discarded = item.reasons.length > 0 ? c.yellow(` (discarding ${item.reasons.join(', ')})`) : '';
        terminal.print(`${verb}  ${label(item)}${discarded}`);
      }
      for (const item of report.kept) terminal.print(`${c.dim('kept')}  ${label(item)}${c.dim(`: ${item.reasons.join(', ')}`)}`);
      if (report.removed.length === 0 && report.kept.length === 0) terminal.print(c.dim('No session worktrees to clean.'));
      if (report.kept.some((item) => !item.reasons.some((reason) => reason.startsWith('its turn is')))) {
        terminal.diag(terminal.err.dim('Merge kept worktrees first (genie merge <session>), or pass --force to discard their work.'));
      }
      return EXIT_CODES.OK;
    }),
});
