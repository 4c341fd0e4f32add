import type { Genie, SessionView } from '@genie/core';
import { EXIT_CODES } from '@genie/errors';
import { formatUsage } from '../output/format';
import { renderEvent } from '../output/render-event';
import { renderFullTranscript, renderSessionLine, renderSessionView, sessionHandle } from '../output/render-session';
import { colorStatus, renderStatus } from '../output/render-status';
import type { Terminal } from '../output/terminal';
import { SESSION, defineCommand, withGenie } from '../command';

function isActive(view: SessionView): boolean {
  return view.status === 'queued' || view.status === 'starting' || view.status === 'running';
}

/**
 * Streams the running turn until it ends. Ctrl-C only stops watching: the agent goes on,
 * which is the point of a session that outlives the terminal.
 */
async function followTurn(genie: Genie, view: SessionView, terminal: Terminal): Promise<{ interrupted: boolean; sawOutcome: boolean }> {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.on('SIGINT', onSigint);
  // A queued turn is the next one: the previous turn's events are not replayed.
  const fromTurn = view.status === 'queued' ? view.turns + 1 : view.turns;
  let sawOutcome = false;
  try {
    for await (const event of genie.follow({ session: view.sessionId, signal: controller.signal })) {
      if (terminal.json || event.turn < fromTurn) continue;
      if (event.kind === 'outcome') sawOutcome = true;
      const text = renderEvent(event, terminal.out, { showPrompt: true });
      if (text !== null) terminal.print(text);
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    process.off('SIGINT', onSigint);
  }
  return { interrupted: controller.signal.aborted, sawOutcome };
}

export default defineCommand({
  command: 'view <session>',
  describe: 'Show a session: status, last prompt, the latest answer, usage and cost',
  needs: 'a session',
  builder: (y) =>
    y.positional('session', SESSION).options({
      full: { type: 'boolean', default: false, describe: 'Every turn in order, with tool calls and results' },
      follow: { type: 'boolean', alias: 'f', default: false, describe: 'Stream the running turn until it ends' },
    }),
  run: (args, terminal) =>
    withGenie(args, terminal, async (genie) => {
      let view = await genie.view({ session: args.session, full: args.full });
      let interrupted = false;

      if (args.follow && isActive(view)) {
        if (!terminal.json) {
          terminal.print(renderSessionLine(view, terminal.out));
          terminal.print(`${terminal.out.dim('status    ')}${colorStatus(view.status, terminal.out)} · turn ${view.turns}`);
        }
        const followed = await followTurn(genie, view, terminal);
        interrupted = followed.interrupted;
        view = await genie.view({ session: view.sessionId, full: args.full });
        if (!terminal.json) {
          if (interrupted) {
            terminal.diag(terminal.err.dim(`stopped watching; the agent goes on: genie view ${sessionHandle(view)} --follow`));
          } else if (!followed.sawOutcome) {
            const usage = formatUsage(view.usage, view.costUsd);
            terminal.print(`${renderStatus(view.status, terminal.out)}${usage ? terminal.out.dim(` · ${usage}`) : ''}`);
          }
        }
        if (terminal.json) terminal.printJson(view);
        return interrupted ? EXIT_CODES.INTERRUPTED : EXIT_CODES.OK;
      }

      if (terminal.json) terminal.printJson(view);
      else terminal.print(args.full ? renderFullTranscript(view, terminal.out) : renderSessionView(view, terminal.out));
      return EXIT_CODES.OK;
    }),
});
