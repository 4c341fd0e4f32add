/**
 * What the library costs on the paths every CLI command and MCP tool takes, each printed
 * beside a floor measured in the same run on the same data:
 *  - requiring the built library and opening a workspace, beside `node -e 0`;
 *  - listSessions at 1,000 and 10,000 sessions (first call reads the store; later calls
 *    reuse it), beside JSON.parse of the store text;
 *  - view of a session whose event log is 100 MB, beside reading the log's last 64 KB.
 * Run with `npm run bench` in packages/core (it builds the bench first; the library and
 * its dependencies are used from their dist/).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openGenie } from '@genie/core';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const LOG_MB = Number(process.env.BENCH_LOG_MB ?? 100);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function millis(run: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function medianMillis(run: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) times.push(await millis(run));
  return median(times);
}

function report(label: string, ms: number, floorLabel: string, floor: number): void {
  const ratio = floor > 0 ? (ms / floor).toFixed(2) : 'n/a';
  process.stdout.write(`${label.padEnd(46)} ${ms.toFixed(2).padStart(9)} ms   ${floorLabel.padEnd(30)} ${floor.toFixed(2).padStart(9)} ms   x${ratio}\n`);
}

function workspaceWith(sessions: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'genie-core-bench-'));
  const dir = path.join(root, '.genie', 'state', 'agents');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(root, '.genie', 'config.yaml'), 'defaults:\n  executor: claude\nmodes:\n  careful:\n    model: opus\n');
  const records: Record<string, unknown> = {};
  for (let index = 0; index < sessions; index += 1) {
    const sessionId = `0199e6c2-5b1a-7c3e-9f00-${String(index).padStart(12, '0')}`;
    records[sessionId] = {
      sessionId, agent: `agent-${index % 7}`, name: `agent-${index % 7}-${index}`, executor: 'claude',
      executorSessionId: sessionId, mode: 'default', preset: 'default', status: 'completed', background: true,
      created: new Date(Date.UTC(2026, 0, 1) + index * 1000).toISOString(), lastUsed: '2026-01-02T00:00:00.000Z',
      host: os.hostname(), exitCode: 0, signal: null, error: null, logFile: path.join(dir, 'logs', `${sessionId}.jsonl`),
      lastPrompt: 'x'.repeat(200), lastAnswer: 'done', turns: 3, usage: { inputTokens: 1200, outputTokens: 800, costUsd: 0.02 },
    };
  }
  fs.writeFileSync(path.join(dir, 'sessions.json'), JSON.stringify({ version: 2, sessions: records }, null, 2));
  return root;
}

/** A session with LOG_MB of earlier turns in its log and a short final turn. */
function bigLogWorkspace(): { root: string; sessionId: string; log: string } {
  const root = workspaceWith(1);
  const sessionId = '0199e6c2-5b1a-7c3e-9f00-000000000000';
  const log = path.join(root, '.genie', 'state', 'agents', 'logs', `${sessionId}.jsonl`);
  fs.mkdirSync(path.dirname(log), { recursive: true });
  const time = '2026-01-01T00:00:00.000Z';
  const line = (turn: number, text: string): string =>
    `${JSON.stringify({ time, turn, stream: 'stdout', line: JSON.stringify({ type: 'assistant', message: { content: [{ type: 'text', text }] } }) })}\n`;
  const fd = fs.openSync(log, 'w');
  const filler = line(1, 'y'.repeat(900)).repeat(1000);
  const target = LOG_MB * 1024 * 1024;
  let written = 0;
  fs.writeSync(fd, `${JSON.stringify({ time, turn: 1, stream: 'meta', type: 'turn.start', prompt: 'first', executor: 'claude', resume: false })}\n`);
  while (written < target) written += fs.writeSync(fd, filler);
  fs.writeSync(fd, `${JSON.stringify({ time, turn: 1, stream: 'meta', type: 'turn.end', status: 'completed', exitCode: 0, signal: null, error: null })}\n`);
  fs.writeSync(fd, `${JSON.stringify({ time, turn: 2, stream: 'meta', type: 'turn.start', prompt: 'last', executor: 'claude', resume: true })}\n`);
  fs.writeSync(fd, line(2, 'the answer'));
  fs.writeSync(fd, `${JSON.stringify({ time, turn: 2, stream: 'meta', type: 'turn.end', status: 'completed', exitCode: 0, signal: null, error: null, answer: 'the answer' })}\n`);
  fs.closeSync(fd);
  return { root, sessionId, log };
}

async function main(): Promise<void> {
  process.stdout.write(`core bench: median of ${ROUNDS} rounds, node ${process.version}, ${os.cpus().length} cpus\n`);
  const created: string[] = [];

  const nodeAlone = await medianMillis(() => execFileSync(process.execPath, ['-e', '0']));
  const small = workspaceWith(10);
  created.push(small);
  const script = `require(${JSON.stringify(require.resolve('@genie/core'))}).openGenie({ cwd: ${JSON.stringify(small)} }).then((g) => g.listAgents())`;
  const openInNewProcess = await medianMillis(() => execFileSync(process.execPath, ['-e', script]));
  report('node: require @genie/core + open + listAgents', openInNewProcess, 'node -e 0', nodeAlone);

  for (const count of [1000, 10_000]) {
    const root = workspaceWith(count);
    created.push(root);
    const storeText = fs.readFileSync(path.join(root, '.genie', 'state', 'agents', 'sessions.json'), 'utf8');
    const parse = await medianMillis(() => JSON.parse(storeText));
    const cold = await medianMillis(async () => {
      const genie = await openGenie({ cwd: root });
      await genie.listSessions();
      await genie.close();
    });
    report(`open + listSessions, ${count} sessions (cold)`, cold, 'JSON.parse(store text)', parse);
    const genie = await openGenie({ cwd: root });
    await genie.listSessions();
    const warm = await medianMillis(() => genie.listSessions());
    report(`listSessions, ${count} sessions (store open)`, warm, 'JSON.parse(store text)', parse);
    await genie.close();
  }

  const big = bigLogWorkspace();
  created.push(big.root);
  const genie = await openGenie({ cwd: big.root });
  const tail = await medianMillis(() => {
    const fd = fs.openSync(big.log, 'r');
    const size = fs.fstatSync(fd).size;
    fs.readSync(fd, Buffer.alloc(65_536), 0, 65_536, Math.max(0, size - 65_536));
    fs.closeSync(fd);
  });
  const view = await medianMillis(() => genie.view({ session: big.sessionId }));
  report(`view, ${LOG_MB} MB event log (last turn only)`, view, 'read last 64 KB of the log', tail);
  await genie.close();

  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
