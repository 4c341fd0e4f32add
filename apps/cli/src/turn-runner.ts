import type { SessionView, TranscriptEvent } from '@genie/core';
import { EXIT_CODES, GenieError, type ExitCode } from '@genie/errors';
import type { SessionStatus } from './genie-types';
import { formatUsage } from './output/format';
import { renderEvent } from './output/render-event';
import { renderBackgroundHint, renderSessionLine } from './output/render-session';
import { renderOutcome } from './output/render-status';
import type { Terminal } from './output/terminal';

/** The options `run` and `resume` share. */
export const TURN_OPTIONS = {
  stdin: { type: 'boolean', hidden: true, describe: 'Read the prompt from stdin (what `-` means)' },
  background: {
    type: 'boolean',
    describe: 'Return at once and leave the agent running (--no-background streams it here); default from the agent, else the config',
  },
} as const;

export const PROMPT = { type: 'string', array: true, describe: 'The prompt; words are joined with spaces, `-` reads stdin' } as const;

/** The prompt words as parsed: positional words, then the words after `--` (prompt text even when they start with `-`). */
export interface PromptArgs {
  prompt?: string[] | undefined;
  stdin?: boolean | undefined;
  '--'?: unknown;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The prompt is every word after the agent or session, joined with spaces, so quoting is
 * optional. A lone `-` (the hidden `--stdin`, see parser.ts) adds stdin to the prompt
 * (`cat task.md | genie run impl -`).
 */
export async function promptText(args: PromptArgs, command: 'run' | 'resume'): Promise<string> {
  const words = [...(args.prompt ?? []), ...(Array.isArray(args['--']) ? args['--'] : [])];
  const typed = words.map(String).join(' ');
  const text = args.stdin === true ? [typed, (await readStdin()).trim()].filter((part) => part !== '').join('\n\n') : typed;
  if (text.trim() === '') {
    const target = command === 'run' ? 'agent' : 'session';
    throw new GenieError('INVALID_INPUT', `\`genie ${command}\` needs a prompt.`, {
      hint: `Pass it after the ${target}: genie ${command} <${target}> "what to do" (or \`-\` to read it from stdin).`,
    });
  }
  return text;
}

/** A foreground turn that did not complete is a failure, except one the user stopped. */
export function exitCodeForStatus(status: SessionStatus): ExitCode {
  if (status === 'completed' || status === 'queued' || status === 'starting' || status === 'running') return EXIT_CODES.OK;
  if (status === 'stopped') return EXIT_CODES.INTERRUPTED;
  return EXIT_CODES.TURN_FAILED;
}

/** What `run` and `resume` hand the library so the CLI can show a turn as it happens. */
export interface TurnHooks {
  onStart: (session: SessionView) => void;
  onEvent: (event: TranscriptEvent) => void;
  signal: AbortSignal;
}

/** Ends every process of a session at once, without a grace period. */
export type KillSession = (sessionId: string) => Promise<unknown>;

/**
 * Starts a turn (run or resume) and shows it: the session line first, then either the
 * background hint or the live transcript, then the outcome. Ctrl-C asks the library to
 * stop the agent (SIGTERM, then SIGKILL after the grace period); a second Ctrl-C kills it
 * at once. Either way the CLI waits until the session is recorded `stopped` with nothing of
 * it left running, then exits 130. SIGTERM (a `timeout`, a service manager) and SIGHUP (the
 * terminal closed) do the same, silently for SIGHUP: a foreground turn's agent has no other
 * supervisor, so dying at once would leave it running unrecorded.
 */
export async function runTurn(terminal: Terminal, start: (hooks: TurnHooks) => Promise<SessionView>, killSession: KillSession): Promise<ExitCode> {
  const controller = new AbortController();
  let sessionId: string | undefined;
  let interrupts = 0;
  let killing: Promise<unknown> | undefined;
  const killNow = (): void => {
    if (killing || sessionId === undefined) return;
    killing = killSession(sessionId).catch((error: unknown) => {
      terminal.warn(`could not kill the agent: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupts += 1;
    // After SIGHUP the terminal is gone: writing to it could only fail.
    const speak = signal !== 'SIGHUP';
    if (!speak) terminal.hangUp();
    if (interrupts === 1) {
      terminal.stopProgress();
      if (speak) terminal.diag(terminal.err.yellow('stopping the agent… (Ctrl-C again to kill it now)'));
      controller.abort();
      return;
    }
    // Quitting here would leave an agent that ignores SIGTERM running and the session `lost`.
    if (interrupts === 2 && speak) terminal.diag(terminal.err.yellow('killing the agent and every process it started…'));
    killNow();
  };
  const stopSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of stopSignals) process.on(signal, onSignal);

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
      onStart: (session) => {
        sessionId = session.sessionId;
        // A second Ctrl-C that came while the session was being created.
        if (interrupts > 1) killNow();
        announce(session);
      },
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
    terminal.stopProgress();
    await killing;
    for (const signal of stopSignals) process.off(signal, onSignal);
  }

  if (terminal.json) {
    terminal.printJson(view);
  } else {
    announce(view);
    // A turn still going when `start` returns runs in the background. (The record's
    // `background` is the session's first turn's, so a resume cannot go by it.)
    if (view.status === 'queued' || view.status === 'starting' || view.status === 'running') {
      terminal.print(renderBackgroundHint(view, terminal.out));
    } else if (!sawOutcome) {
      terminal.print(renderOutcome(view.status, formatUsage(view.usage, view.costUsd), view.error, terminal.out));
    }
  }
  return interrupts > 0 ? EXIT_CODES.INTERRUPTED : exitCodeForStatus(view.status);
}
