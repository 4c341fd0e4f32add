import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventLogRecord, TurnStartRecord } from '@genie/launcher';
import { isValidSessionName, type SessionEntry } from '@genie/session-schema';

const LOG_SUFFIX = '.jsonl';

function parseLines(text: string): EventLogRecord[] {
  const records: EventLogRecord[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    try {
      records.push(JSON.parse(line) as EventLogRecord);
    } catch {
      // A line cut short by a crash; the others still tell the story.
    }
  }
  return records;
}

/** The agent of a rebuilt record whose log does not name one; such a record is not resumable. */
export const UNKNOWN_AGENT = 'recovered';

/**
 * A session record rebuilt from its event log alone: what a repair restores when the store
 * lost it. The log knows the turns (prompts, outcomes, the agent CLI's conversation id)
 * and, since genie writes them into each `turn.start`, the agent and the directory (what a
 * resume of the real conversation needs) and the session's name. A log from before that names
 * neither: its record says `resumable: false`, and a resume is refused (see resumeSession).
 */
function recordFromLog(sessionId: string, logFile: string, records: EventLogRecord[]): SessionEntry | null {
  const starts = records.filter((record): record is TurnStartRecord => 'type' in record && record.type === 'turn.start');
  if (starts.length === 0) return null;
  const first = records[0] as EventLogRecord;
  const last = records[records.length - 1] as EventLogRecord;
  const lastStart = starts[starts.length - 1] as TurnStartRecord;
  const ends = records.filter((record): record is Extract<EventLogRecord, { type: 'turn.end' }> => 'type' in record && record.type === 'turn.end');
  const lastEnd = ends.find((end) => end.turn === lastStart.turn);
  const executorSessionId = [...ends].reverse().find((end) => typeof end.executorSessionId === 'string')?.executorSessionId ?? null;
  const named = [...starts].reverse().find((start) => typeof start.agent === 'string' && typeof start.cwd === 'string');
  const name = [...starts].reverse().find((start) => isValidSessionName(start.name))?.name;
  return {
    sessionId,
    ...(name === undefined ? {} : { name }),
    agent: named?.agent ?? UNKNOWN_AGENT,
    executor: lastStart.executor,
    ...(named ? { cwd: named.cwd } : { resumable: false }),
    status: lastEnd ? lastEnd.status : 'lost',
    created: first.time,
    lastUsed: last.time,
    turns: lastStart.turn,
    lastPrompt: lastStart.prompt.slice(0, 200),
    logFile,
    executorSessionId,
    exitCode: lastEnd?.exitCode ?? null,
    signal: lastEnd?.signal ?? null,
    error: lastEnd ? lastEnd.error : 'Recovered from the event log: the turn has no recorded end.',
    ...(lastEnd?.answer ? { lastAnswer: lastEnd.answer } : {}),
    ...(lastEnd?.usage ? { usage: lastEnd.usage } : {}),
    recovered: true,
  };
}

/** A record for every session whose event log is in `logsDir` (and whose id `include` accepts), rebuilt from the log. */
export function recordsFromLogs(logsDir: string, include: (sessionId: string) => boolean = () => true): SessionEntry[] {
  let names: string[];
  try {
    names = readdirSync(logsDir);
  } catch {
    return [];
  }
  const rebuilt: SessionEntry[] = [];
  for (const name of names) {
    if (!name.endsWith(LOG_SUFFIX) || !include(name.slice(0, -LOG_SUFFIX.length))) continue;
    const logFile = join(logsDir, name);
    let text: string;
    try {
      text = readFileSync(logFile, 'utf8');
    } catch {
      continue;
    }
    const record = recordFromLog(name.slice(0, -LOG_SUFFIX.length), logFile, parseLines(text));
    if (record) rebuilt.push(record);
  }
  return rebuilt;
}
