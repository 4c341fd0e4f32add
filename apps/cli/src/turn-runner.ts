import type { SessionView, TranscriptEvent } from '@genie/core';
import { EXIT_CODES, type ExitCode } from '@genie/errors';
import { exitCodeForStatus } from './exit-code-for-status';
import { formatUsage } from './output/format';
import { renderEvent } from './output/render-event';
import { renderBackgroundHint, renderSessionLine } from './output/render-session';
import { renderOutcome } from './output/render-status';
import type { Terminal } from './output/terminal';

/** What `run` and `resume` hand the library so the CLI can show a turn as it happens. */
export interface TurnHooks {
  onStart: (session: SessionView) => void;
  onEvent: (event: TranscriptEvent) => void;
  signal: AbortSignal;
}

/**
 * Starts a turn (run or resume) and shows it: the session line first, then either the
 * background hint or the live transcript, then the outcome. Ctrl-C asks the library to
 * stop the agent (the session is recorded `stopped`) and exits 130.
 */
export async function runTurn(terminal: Terminal, start: (hooks: TurnHooks) => Promise<SessionView>): Promise<ExitCode> {
  const controller = new AbortController();
  let interrupted = false;
  const onSigint = (): void => {
    if (interrupted) process.exit(EXIT_CODES.INTERRUPTED);
    interrupted = true;
    terminal.stopProgress();
    terminal.diag(terminal.err.yellow('stopping the agent… (Ctrl-C again to quit without waiting)'));
    controller.abort();
  };
  process.on('SIGINT', onSigint);

  let announced = false;
  let sawOutcome = false;
  const announce = (session: SessionView): void => {
    if (announced || terminal.json) return;
    announced = true;
    terminal.print(renderSessionLine(session, terminal.out));
    if (!session.background) terminal.startProgress(`${session.name ?? session.sessionId} is working`);
  };

  let view: SessionView;
  try {
    view = await start({
      onStart: announce,
      onEvent: (event) => {
        if (terminal.json) return;
        if (event.kind === 'outcome') {
          sawOutcome = true;
          terminal.stopProgress();
        }
        const text = renderEvent(event, terminal.out, { showPrompt: false });
        if (text !== null) terminal.print(text);
      },
      signal: controller.signal,
    });
  } finally {
    process.off('SIGINT', onSigint);
    terminal.stopProgress();
  }

  if (terminal.json) {
    terminal.printJson(view);
  } else {
    announce(view);
    // A turn still going when `start` returns runs in the background. (The record's
    // `background` is the session's first turn's, so a resume cannot go by it.)
    if (view.status === 'starting' || view.status === 'running') {
      terminal.print(renderBackgroundHint(view, terminal.out));
    } else if (!sawOutcome) {
      terminal.print(renderOutcome(view.status, formatUsage(view.usage, view.costUsd), view.error, terminal.out));
    }
  }
  return interrupted ? EXIT_CODES.INTERRUPTED : exitCodeForStatus(view.status);
}
