import type { CleanedWorktree } from '@genie/core';
import { EXIT_CODES, type ExitCode } from '@genie/errors';
import type { GlobalArgs } from '../global-args';
import type { Terminal } from '../output/terminal';
import { withGenie } from '../with-genie';

export interface CleanArgs extends GlobalArgs {
  dryRun?: boolean;
  force?: boolean;
}

function label(item: CleanedWorktree): string {
  return `${item.name ?? item.sessionId}  ${item.branch}  ${item.worktree}`;
}

/** `genie clean`: every worktree removed (or, with --dry-run, that would be) and every one kept, with why. */
export async function cleanCommand(args: CleanArgs, terminal: Terminal): Promise<ExitCode> {
  return withGenie(args, terminal, async (genie) => {
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
    for (const item of report.kept) terminal.print(`${c.dim('kept')}     ${label(item)}${c.dim(`: ${item.reasons.join(', ')}`)}`);
    if (report.removed.length === 0 && report.kept.length === 0) terminal.print(c.dim('No session worktrees to clean.'));
    if (report.kept.some((item) => !item.reasons.some((reason) => reason.startsWith('its turn is')))) {
      terminal.diag(terminal.err.dim('Merge kept worktrees first (genie merge <session>), or pass --force to discard their work.'));
    }
    return EXIT_CODES.OK;
  });
}
