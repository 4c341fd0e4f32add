import type { Client } from 'pg';
import { CHANGES_CHANNEL, changePayload, PostgresConnection } from './postgres-connection';
import { DEFAULT_PROJECT } from './postgres-storage';

/**
 * Sessions' event logs in the team database, so every host can read and follow a turn
 * that runs on another. The host running a turn keeps its own file as ever and copies its
 * lines here; line numbers are those of that file, so a copy repeated after a failure
 * stores each line once.
 */
export interface TeamEventLog {
  readonly location: string;
  /** Lines stored for the session: the number of the next one. */
  lineCount(sessionId: string): Promise<number>;
  /** Stores `lines` as lines `firstLineNo`, `firstLineNo + 1`, ...; lines already stored stay as they are. */
  appendLines(sessionId: string, firstLineNo: number, lines: readonly string[]): Promise<void>;
  /** The stored lines from `fromLineNo` on, in order. */
  readLines(sessionId: string, fromLineNo: number): Promise<string[]>;
  /**
   * Starts listening for changes (once per log; waits start it too). A follower calls it
   * before its first read, so no change made after that read can pass unnoticed.
   */
  listen(): Promise<void>;
  /**
   * Resolves true as soon as the session's record or log changes (from any host), or the
   * listening connection was lost and remade (a change may have been missed); false after
   * `timeoutMs` without a change or when `signal` aborts.
   */
  waitForChange(sessionId: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
  close(): Promise<void>;
}

interface Waiter {
  sessionId: string;
  wake: (changed: boolean) => void;
}

class PostgresEventLog implements TeamEventLog {
  private readonly connection: PostgresConnection;
  private listening: Promise<Client> | undefined;
  private readonly waiters = new Set<Waiter>();

  constructor(
    url: string,
    private readonly project: string,
    options: TeamEventLogOptions,
  ) {
    this.connection = new PostgresConnection(url, { poolSize: 2, waitForServer: options.waitForServer });
  }

  get location(): string {
    return this.connection.location;
  }

  async lineCount(sessionId: string): Promise<number> {
    const rows = await this.connection.query<{ next: number }>(
      'SELECT coalesce(max(line_no) + 1, 0) AS next FROM genie_event_lines WHERE project = $1 AND session_id = $2',
      [this.project, sessionId],
    );
    return rows[0]?.next ?? 0;
  }

  async appendLines(sessionId: string, firstLineNo: number, lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return;
    await this.connection.transaction(async (client) => {
      await client.query(
        `INSERT INTO genie_event_lines (project, session_id, line_no, line)
         SELECT $1, $2, $3 + ordinality - 1, line FROM unnest($4::text[]) WITH ORDINALITY AS lines(line, ordinality)
         ON CONFLICT DO NOTHING`,
        [this.project, sessionId, firstLineNo, lines],
      );
      await client.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, changePayload(this.project, sessionId)]);
    });
  }

  async readLines(sessionId: string, fromLineNo: number): Promise<string[]> {
    const rows = await this.connection.query<{ line: string }>(
      'SELECT line FROM genie_event_lines WHERE project = $1 AND session_id = $2 AND line_no >= $3 ORDER BY line_no',
      [this.project, sessionId, fromLineNo],
    );
    return rows.map((row) => row.line);
  }

  async listen(): Promise<void> {
    await this.listener();
  }

  waitForChange(sessionId: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    const waiting = new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        sessionId,
        wake: (changed) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          this.waiters.delete(waiter);
          resolve(changed);
        },
      };
      const onAbort = (): void => waiter.wake(false);
      const timer = setTimeout(() => waiter.wake(false), timeoutMs);
      signal?.addEventListener('abort', onAbort);
      this.waiters.add(waiter);
      if (signal?.aborted) waiter.wake(false);
      // Without a listening connection nothing would wake the waiter: let the caller read
      // again now, and meet the failure there.
      else this.listener().catch(() => waiter.wake(true));
    });
    return waiting;
  }

  async close(): Promise<void> {
    for (const waiter of [...this.waiters]) waiter.wake(false);
    const listening = this.listening;
    this.listening = undefined;
    if (listening) await listening.then((client) => client.end()).catch(() => undefined);
    await this.connection.close();
  }

  /** One LISTEN connection for every waiter; a lost one is opened again by the next wait. */
  private listener(): Promise<Client> {
    this.listening ??= (async () => {
      const client = await this.connection.dedicatedClient();
      client.on('notification', (message) => {
        for (const waiter of [...this.waiters]) {
          if (message.payload === changePayload(this.project, waiter.sessionId)) waiter.wake(true);
        }
      });
      const lost = (): void => {
        this.listening = undefined;
        // A change may have been missed while the connection was down: let every waiter look.
        for (const waiter of [...this.waiters]) waiter.wake(true);
      };
      client.on('error', lost);
      client.on('end', lost);
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      return client;
    })();
    this.listening.catch(() => (this.listening = undefined));
    return this.listening;
  }
}

export interface TeamEventLogOptions {
  /** Wait for the server on the first connection too; see ConnectionOptions. */
  waitForServer?: boolean;
}

/** The event logs of one project of a team database. */
export function openTeamEventLog(url: string, project: string = DEFAULT_PROJECT, options: TeamEventLogOptions = {}): TeamEventLog {
  return new PostgresEventLog(url, project, options);
}
