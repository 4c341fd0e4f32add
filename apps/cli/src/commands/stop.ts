import type { SessionView } from '@genie/core';
import { EXIT_CODES, type ExitCode } from '@genie/errors';
import type { GlobalArgs } from '../global-args';
import { renderSessionLine } from '../output/render-session';
import { renderStatus } from '../output/render-status';
import type { Terminal } from '../output/terminal';
import { withGenie } from '../with-genie';

export interface StopArgs extends GlobalArgs {
  session: string;
}

/**
 * `stop` returns the session either way; a turn this command stopped ended after it was
 * asked, while a second `stop` finds a turn that had ended before.
 */
function stoppedNow(view: SessionView, asked: number): boolean {
  if (view.status !== 'stopped') return false;
  // A turn stopped while still being launched has no record of its end to compare.
  const endedAt = view.lastTurn?.endedAt ? Date.parse(view.lastTurn.endedAt) : Number.NaN;
  return !Number.isFinite(endedAt) || endedAt >= asked;
}

export async function stopCommand(args: StopArgs, terminal: Terminal): Promise<ExitCode> {
  return withGenie(args, terminal, async (genie) => {
    const asked = Date.now();
    const view = await genie.stop({ session: args.session });
    if (terminal.json) {
      terminal.printJson(view);
    } else {
      terminal.print(renderSessionLine(view, terminal.out));
      const note = stoppedNow(view, asked) ? '' : terminal.out.dim(' (it had already ended; nothing to stop)');
      terminal.print(`${renderStatus(view.status, terminal.out)}${note}`);
    }
    return EXIT_CODES.OK;
  });
}
