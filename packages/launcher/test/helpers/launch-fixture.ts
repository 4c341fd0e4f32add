import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SessionEntry } from '@genie/session-schema';
import { openJsonStorage, type SessionStorage } from '@genie/storage';
import type { LaunchContext } from '../../src/launch/launch-context';
import { findSessionProcesses } from '../../src/process/session-processes';
import { signalProcesses } from '../../src/process/signal-processes';

/** A fresh workspace with a real sessions.json, and every session it created for cleanup. */
export class LaunchFixture {
  readonly dir: string;
  readonly stateDir: string;
  readonly storage: SessionStorage;
  readonly ctx: LaunchContext;
  private readonly sessions: string[] = [];

  constructor(overrides: Partial<LaunchContext> = {}) {
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'genie-launcher-'));
    this.stateDir = path.join(this.dir, '.genie', 'state', 'agents');
    const file = path.join(this.stateDir, 'sessions.json');
    this.storage = openJsonStorage(file);
    this.ctx = {
      storage: this.storage,
      storageSpec: { kind: 'json', file },
      logsDir: path.join(this.stateDir, 'logs'),
      graceMs: 2_000,
      ...overrides,
    };
  }

  async createSession(fields: Partial<SessionEntry> = {}): Promise<SessionEntry> {
    const sessionId = randomUUID();
    this.sessions.push(sessionId);
    return this.storage.create({ sessionId, agent: 'test', executor: 'command', created: new Date().toISOString(), ...fields });
  }

  /** Registers a session a test creates itself, so dispose() cleans up its processes too. */
  track(sessionId: string): void {
    this.sessions.push(sessionId);
  }

  /** Kills whatever a test left behind, then removes the workspace. */
  async dispose(): Promise<void> {
    for (const sessionId of this.sessions) signalProcesses(findSessionProcesses(sessionId), 'SIGKILL');
    await this.storage.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Polls until `check` returns a value (not undefined/false); fails after a generous limit. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, limitMs = 30_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function shellSettings(script: string): { runArgs: string[] } {
  return { runArgs: ['bash', '-c', script] };
}
