import { EXIT, type ExitCode } from '../exit-codes';
import type { GlobalArgs } from '../global-args';
import { renderSessionLine } from '../output/render-session';
import { renderStatus } from '../output/render-status';
import type { Terminal } from '../output/terminal';
import { withGenie } from '../with-genie';

export interface StopArgs extends GlobalArgs {
  session: string;
}

export async function stopCommand(args: StopArgs, terminal: Terminal): Promise<ExitCode> {
  return withGenie(args, terminal, async (genie) => {
    const view = await genie.stop({ session: args.session });
    if (terminal.json) {
      terminal.printJson(view);
    } else {
      terminal.print(renderSessionLine(view, terminal.out));
      const note = view.status === 'stopped' ? '' : terminal.out.dim(' (it had already ended; nothing to stop)');
      terminal.print(`${renderStatus(view.status, terminal.out)}${note}`);
    }
    return EXIT.ok;
  });
}
