import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { binDir } from '@genie/test-doubles';
import { describeResult, parseJsonDocument, runGenie, type GenieResult } from './genie-process';

export interface SessionJson {
  sessionId: string;
  name: string | null;
  agent: string;
  executor: string | null;
  executorSessionId: string | null;
  status: string;
  background: boolean;
  turns: number;
  lastPrompt: string | null;
  answer: string | null;
  exitCode: number | null;
  error: string | null;
  usage: Record<string, number> | null;
  costUsd: number | null;
  logFile: string | null;
  lastTurn?: { turn: number; prompt: string; answer: string | null; status: string } | null;
  transcript?: Array<{ turn: number; prompt: string; answer: string | null; status: string; events: Array<{ kind: string }> }>;
  [field: string]: unknown;
}

const created: TestWorkspace[] = [];

/**
 * A fresh directory with its own agent-CLI homes, and the test doubles first on PATH,
 * so `claude` and `codex` are the doubles and nothing touches the real user's state.
 */
export class TestWorkspace {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;

  constructor(options: { genieDir?: boolean } = {}) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'genie-cli-e2e-'));
    this.dir = path.join(root, 'project');
    fs.mkdirSync(this.dir);
    if (options.genieDir !== false) fs.mkdirSync(path.join(this.dir, '.genie', 'agents'), { recursive: true });
    const home = path.join(root, 'home');
    fs.mkdirSync(path.join(home, 'claude'), { recursive: true });
    fs.mkdirSync(path.join(home, 'codex'), { recursive: true });
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.GENIE_WORKSPACE;
    delete env.FORCE_COLOR;
    this.env = {
      ...env,
      // The shell agent runs `bash -lc`: a HOME of our own keeps the user's profile (and
      // whatever it starts, such as version-manager hooks with lock files) out of the tests.
      HOME: home,
      PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}`,
      CLAUDE_CONFIG_DIR: path.join(home, 'claude'),
      CODEX_HOME: path.join(home, 'codex'),
      // The workspace search stops below the temp directory: a stray `.genie/` there (from
      // running genie in it) must not become every test's workspace.
      GENIE_CEILING_DIRECTORIES: os.tmpdir(),
    };
    created.push(this);
  }

  /** The predecessor's store, and the JSON store's (`storage.adapter: json`). */
  get sessionsFile(): string {
    return path.join(this.dir, '.genie', 'state', 'agents', 'sessions.json');
  }

  /** The default store. */
  get databaseFile(): string {
    return path.join(this.dir, '.genie', 'state', 'genie.db');
  }

  /** Makes this workspace keep its sessions in the JSON file, as `storage.adapter: json` does. */
  useJsonStore(): void {
    fs.writeFileSync(path.join(this.dir, '.genie', 'config.yaml'), 'storage:\n  adapter: json\n');
  }

  /** Writes `.genie/agents/<id>.md` with front matter for the given executor. */
  writeAgent(id: string, executor: string, extra: Record<string, string | boolean> = {}, body = 'You are a test agent.'): void {
    const file = path.join(this.dir, '.genie', 'agents', `${id}.md`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const settings = Object.entries({ executor, ...extra })
      .map(([key, value]) => `  ${key}: ${String(value)}`)
      .join('\n');
    fs.writeFileSync(file, `---\nname: ${id}\ndescription: ${id} for end-to-end tests\ngenie:\n${settings}\n---\n${body}\n`);
  }

  genie(args: string[], input?: string): Promise<GenieResult> {
    return runGenie(args, { cwd: this.dir, env: this.env, ...(input !== undefined ? { input } : {}) });
  }

  /** Runs with --json, expects exit 0 and returns the one document. */
  async json<T = SessionJson>(args: string[]): Promise<T> {
    const result = await this.genie([...args, '--json']);
    if (result.code !== 0) throw new Error(`genie ${args.join(' ')} failed:\n${describeResult(result)}`);
    return parseJsonDocument<T>(result);
  }

  /** Blocks until the session's running turn has ended (`view --follow`), then returns it. */
  async settled(session: string): Promise<SessionJson> {
    return this.json<SessionJson>(['view', session, '--follow']);
  }

  /**
   * Every session record as genie stored it, in the predecessor's V2 shape: read from the
   * database (read-only, beside the genie processes writing it) or, without one, the JSON file.
   */
  readStore(): { version: number; sessions: Record<string, Record<string, unknown>> } {
    if (!fs.existsSync(this.databaseFile)) {
      return JSON.parse(fs.readFileSync(this.sessionsFile, 'utf8')) as { version: number; sessions: Record<string, Record<string, unknown>> };
    }
    const db = openReadOnly(this.databaseFile);
    try {
      const sessions: Record<string, Record<string, unknown>> = {};
      for (const row of db.prepare('SELECT record FROM sessions ORDER BY rowid').all() as Array<{ record: string }>) {
        const record = JSON.parse(row.record) as Record<string, unknown>;
        sessions[record.sessionId as string] = record;
      }
      return { version: 2, sessions };
    } finally {
      db.close();
    }
  }
}

interface ReadOnlyDatabase {
  prepare(sql: string): { all(): unknown[] };
  close(): void;
}

/**
 * The database opened read-only with the driver genie itself uses on this Node: node:sqlite
 * where Node has it (the end-to-end suites also run on Node 22 and 24, where better-sqlite3,
 * built for the install's Node, cannot load), else better-sqlite3.
 */
function openReadOnly(file: string): ReadOnlyDatabase {
  const getBuiltinModule = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  const nodeSqlite = getBuiltinModule?.call(process, 'node:sqlite') as
    | { DatabaseSync: new (file: string, options: { readOnly: boolean }) => ReadOnlyDatabase & { exec(sql: string): void } }
    | undefined;
  if (nodeSqlite?.DatabaseSync) {
    const db = new nodeSqlite.DatabaseSync(file, { readOnly: true });
    db.exec('PRAGMA busy_timeout = 10000');
    return db;
  }
  return new Database(file, { readonly: true, fileMustExist: true, timeout: 10_000 });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Kills what our sessions left running (runners, agents and their process groups) and
 * removes the directories. Called from afterAll in every e2e file.
 */
export function cleanUpWorkspaces(): void {
  for (const workspace of created.splice(0)) {
    let sessions: Array<Record<string, unknown>> = [];
    try {
      sessions = Object.values(workspace.readStore().sessions);
    } catch {
      sessions = [];
    }
    for (const session of sessions) {
      for (const key of ['executorPid', 'runnerPid']) {
        const pid = session[key];
        if (typeof pid !== 'number' || pid <= 1 || !alive(pid)) continue;
        for (const target of [-pid, pid]) {
          try {
            process.kill(target, 'SIGKILL');
          } catch {
            // already gone, or not a group leader
          }
        }
      }
    }
    fs.rmSync(path.dirname(workspace.dir), { recursive: true, force: true });
  }
}
