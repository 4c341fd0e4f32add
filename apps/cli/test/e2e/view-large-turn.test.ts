import fs from 'node:fs';
import path from 'node:path';
import { describeResult, parseJsonDocument } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

/** Heap small enough that holding the whole turn in memory, as view once did, fails. */
const HEAP_MB = 48;
const LINES = 400_000;

/** Rewrites a session's log as one turn of LINES output lines of ~200 bytes (about 90 MB). */
function writeLargeTurn(log: string, prompt: string): number {
  const fd = fs.openSync(log, 'w');
  const time = new Date().toISOString();
  const write = (record: Record<string, unknown>): void => {
    fs.writeSync(fd, `${JSON.stringify(record)}\n`);
  };
  write({ time, turn: 1, stream: 'meta', type: 'turn.start', prompt, executor: 'command', resume: false, command: ['bash'] });
  const filler = 'x'.repeat(160);
  let batch = '';
  for (let index = 1; index <= LINES; index += 1) {
    batch += `${JSON.stringify({ time, turn: 1, stream: 'stdout', line: `line ${index} ${filler}` })}\n`;
    if (index % 10_000 === 0) {
      fs.writeSync(fd, batch);
      batch = '';
    }
  }
  write({ time, turn: 1, stream: 'meta', type: 'turn.end', status: 'completed', exitCode: 0, signal: null, error: null, answer: 'the end' });
  fs.closeSync(fd);
  return fs.statSync(log).size;
}

describe('view of a turn too large to hold in memory', () => {
  const workspace = new TestWorkspace();
  let log = '';

  beforeAll(async () => {
    const session = await workspace.json(['run', 'shell', 'echo small', '--no-background', '--name', 'big']);
    log = path.join(path.dirname(workspace.sessionsFile), 'logs', `${session.sessionId}.jsonl`);
    expect(writeLargeTurn(log, 'print a lot')).toBeGreaterThan(80 * 1024 * 1024);
    workspace.env.NODE_OPTIONS = `--max-old-space-size=${HEAP_MB}`;
  });

  afterAll(() => {
    delete workspace.env.NODE_OPTIONS;
  });

  it('shows the answer and the latest events, and says how many earlier ones it left out', async () => {
    const result = await workspace.genie(['view', 'big']);
    expect(describeResult(result)).toMatch(/^exit 0/);
    expect(result.stdout).toContain('the end');
    const json = parseJsonDocument<{ answer: string; lastTurn: { omittedEvents: number; events: Array<{ kind: string; text?: string }> } }>(
      await workspace.genie(['view', 'big', '--json']),
    );
    expect(json.answer).toBe('the end');
    expect(json.lastTurn.omittedEvents).toBeGreaterThan(0);
    expect(json.lastTurn.omittedEvents + json.lastTurn.events.length).toBe(LINES + 2);
    expect(json.lastTurn.events.at(-2)?.text).toContain(`line ${LINES} `);
  });

  it('--full streams the log and shows the latest events of the turn, saying what it left out', async () => {
    const result = await workspace.genie(['view', 'big', '--full']);
    expect(describeResult(result)).toMatch(/^exit 0/);
    expect(result.stdout).toContain(`line ${LINES} `);
    expect(result.stdout).not.toContain('line 1 x');
    expect(result.stdout).toMatch(/earlier events of this turn are not shown/);
  });
});
