import { EXIT_CODES } from '@genie/errors';
import { SESSION, defineCommand, withGenie } from '../command';
import { renderSessionLine } from '../output/render-session';
import { renderStatus } from '../output/render-status';
import { stopNote } from '../output/stop-note';

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
        const note = stopNote(view, asked);
        terminal.print(`${renderStatus(view.status, terminal.out)}${note && terminal.out.dim(note)}`);
      }
      return EXIT_CODES.OK;
    }),
});
