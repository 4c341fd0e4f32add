/**
 * Entry point of the detached supervisor process: `node supervisor-main.js <turn file>`.
 * It has no terminal (stdio is ignored), so a failure it cannot record in the session is
 * appended to the session's event log as a stderr line.
 */
import { appendFileSync } from 'node:fs';
import type { SessionStorage } from '@genie/storage';
import { openSpecStorage } from './supervisor/open-spec-storage';
import { superviseTurn } from './supervisor/supervise-turn';
import { readTurnSpec, removeFile, type TurnSpec } from './supervisor/turn-spec';

async function main(specFile: string | undefined): Promise<void> {
  if (!specFile) throw new Error('usage: supervisor-main <turn file>');
  const spec = readTurnSpec(specFile);
  removeFile(specFile);
  const controller = new AbortController();
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => controller.abort());

  let storage: SessionStorage | undefined;
  try {
    storage = openSpecStorage(spec.storage);
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
    appendFileSync(spec.logFile, `${JSON.stringify({ time: new Date().toISOString(), turn: spec.turn, stream: 'stderr', line })}\n`);
  } catch {
    // Nowhere left to report to; the session will be reconciled as lost.
  }
}

main(process.argv[2]).then(
  () => process.exit(0),
  () => process.exit(1),
);
