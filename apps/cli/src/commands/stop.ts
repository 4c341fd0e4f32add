import type { SessionView } from '@genie/core';
import { EXIT_CODES } from '@genie/errors';
import { SESSION, defineCommand, withGenie } from '../command';
import { renderSessionLine } from '../output/render-session';
import { renderStatus } from '../output/render-status';

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

export default defineCommand({
  command: 'stop <session>',
  describe: 'Stop the running turn of a session (its agent and every child process)',
  needs: 'a session',
  builder: (y) => y.positional('session', SESSION),
  run: (args, terminal) =>
    withGenie(args, terminal, async (genie) => {
      const asked = Date.now();
      const view = await genie.stop({ session: args.session });
      if (terminal.json) {
        terminal.printJson(view);
      } else {
        terminal.print(renderSessionLine(view, terminal.out));
        // A turn of another host that was given up for lost says why (its host went away).
        const ended = view.status === 'lost' && view.error ? `\n${view.error}` : ' (it had already ended; nothing to stop)';
        const note = stoppedNow(view, asked) ? '' : terminal.out.dim(ended);
        terminal.print(`${renderStatus(view.status, terminal.out)}${note}`);
      }
      return EXIT_CODES.OK;
    }),
});
