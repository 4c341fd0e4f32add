/**
 * Entry point of the detached supervisor process: `node supervisor-main.js`, its turn
 * (a JSON TurnSpec) on stdin. The launching process writes the turn only once the
 * session is claimed for it; end-of-file without a turn means the claim failed or the
 * launcher died first, and the supervisor exits having done nothing. It has no terminal
 * (stdout and stderr are ignored), so a failure it cannot record in the session is
 * appended to the session's event log as a stderr line.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { APPEND_LOG_FLAGS } from './event-log/log-file-flags';
import type { SessionStorage } from '@genie/storage';
import { openSupervisorStorage } from './supervisor/open-supervisor-storage';
import { superviseTurn } from './supervisor/supervise-turn';
import { parseTurnSpec, type TurnSpec } from './supervisor/turn-spec';

async function main(): Promise<void> {
  // Blocks until the launcher closes the pipe: there is nothing else to do before.
  const turn = readFileSync(0, 'utf8');
  if (turn === '') return;
  const spec = parseTurnSpec(turn);
  const controller = new AbortController();
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => controller.abort());

  let storage: SessionStorage | undefined;
  try {
    storage = await openSupervisorStorage(spec.storage);
    await superviseTurn({ storage, spec, env: process.env, signal: controller.signal });
  } catch (error) {
    recordCrash(spec, error);
    throw error;
  } finally {
    await storage?.close().catch(() => undefined);
  }
}

function recordCrash(spec: TurnSpec, error: unknown): void {
  const line = `[genie supervisor] ${(error as Error)?.message ?? String(error)}`;
  try {
    const fd = openSync(spec.logFile, APPEND_LOG_FLAGS, 0o600);
    try {
      writeSync(fd, `${JSON.stringify({ time: new Date().toISOString(), turn: spec.turn, stream: 'stderr', line })}\n`);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Nowhere left to report to; the session will be reconciled as lost.
  }
}

main().then(
  () => process.exit(0),
  () => process.exit(1),
);
