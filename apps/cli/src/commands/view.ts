import type { Genie, SessionView } from '@genie/core';
import { EXIT, type ExitCode } from '../exit-codes';
import type { GlobalArgs } from '../global-args';
import { formatUsage } from '../output/format';
import { renderEvent } from '../output/render-event';
import { renderFullTranscript, renderSessionLine, renderSessionView, sessionHandle } from '../output/render-session';
import { colorStatus, renderStatus } from '../output/render-status';
import type { Terminal } from '../output/terminal';
import { withGenie } from '../with-genie';

export interface ViewArgs extends GlobalArgs {
  session: string;
  full: boolean;
  follow: boolean;
}

function isActive(view: SessionView): boolean {
  return view.status === 'starting' || view.status === 'running';
}

/**
 * Streams the running turn until it ends. Ctrl-C only stops watching: the agent goes on,
 * which is the point of a session that outlives the terminal.
 */
async function followTurn(genie: Genie, view: SessionView, terminal: Terminal): Promise<boolean> {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.on('SIGINT', onSigint);
  const fromTurn = view.turns;
  try {
    for await (const event of genie.follow({ session: view.sessionId, signal: controller.signal })) {
      if (terminal.json || event.turn < fromTurn) continue;
      const text = renderEvent(event, terminal.out, { showPrompt: true });
      if (text !== null) terminal.print(text);
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    process.off('SIGINT', onSigint);
  }
  return controller.signal.aborted;
}

export async function viewCommand(args: ViewArgs, terminal: Terminal): Promise<ExitCode> {
  return withGenie(args, terminal, async (genie) => {
    let view = await genie.view({ session: args.session, full: args.full });
    let interrupted = false;

    if (args.follow && isActive(view)) {
      if (!terminal.json) {
        terminal.print(renderSessionLine(view, terminal.out));
        terminal.print(`${terminal.out.dim('status    ')}${colorStatus(view.status, terminal.out)} · turn ${view.turns}`);
      }
      interrupted = await followTurn(genie, view, terminal);
      view = await genie.view({ session: view.sessionId, full: args.full });
      if (!terminal.json) {
        if (interrupted) {
          terminal.diag(terminal.err.dim(`stopped watching; the agent goes on: genie view ${sessionHandle(view)} --follow`));
        } else {
          const usage = formatUsage(view.usage, view.costUsd);
          terminal.print(`${renderStatus(view.status, terminal.out)}${usage ? terminal.out.dim(` · ${usage}`) : ''}`);
        }
      }
      if (terminal.json) terminal.printJson(view);
      return interrupted ? EXIT.interrupted : EXIT.ok;
    }

    if (terminal.json) terminal.printJson(view);
    else terminal.print(args.full ? renderFullTranscript(view, terminal.out) : renderSessionView(view, terminal.out));
    return EXIT.ok;
  });
}
