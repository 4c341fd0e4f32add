/**
 * Cost of the checks storage runs on every read and write, each printed beside a baseline
 * measured in the same run on the same data: JSON.stringify for one entry (storage
 * serialises it anyway), JSON.parse of the store text for whole-store work.
 * Run with `npm run bench` in packages/session-schema (it builds first).
 */
import { migrate, validate, validateEntry, type SessionEntry } from '@genie/session-schema';

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);

function entry(index: number): SessionEntry {
  return {
    sessionId: `0199e6c2-5b1a-7c3e-9f00-${String(index).padStart(12, '0')}`,
    agent: `agent-${index % 7}`,
    name: `agent-${index % 7}-${index}`,
    executor: index % 2 === 0 ? 'claude' : 'codex',
    executorSessionId: null,
    mode: 'default',
    preset: 'default',
    status: 'completed',
    background: true,
    created: '2026-01-01T00:00:00.000Z',
    lastUsed: '2026-01-01T00:10:00.000Z',
    startTime: '2026-01-01T00:00:00.000Z',
    runnerPid: 40_000 + index,
    executorPid: 50_000 + index,
    host: 'bench-host',
    exitCode: 0,
    signal: null,
    error: null,
    logFile: `.genie/state/agents/logs/${index}.log`,
    lastPrompt: 'x'.repeat(200),
    turns: 3,
    usage: { inputTokens: 1200, outputTokens: 800, costUsd: 0.02 },
    customTag: { labels: ['a', 'b'] },
  };
}

/** Median time of one call, in microseconds, over ROUNDS rounds of `calls` calls each. */
function microsPerCall(calls: number, run: () => unknown): number {
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const start = process.hrtime.bigint();
    for (let call = 0; call < calls; call += 1) run();
    rounds.push(Number(process.hrtime.bigint() - start) / 1e3 / calls);
  }
  rounds.sort((a, b) => a - b);
  return rounds[Math.floor(rounds.length / 2)] ?? 0;
}

function report(label: string, micros: number, baselineLabel: string, baseline: number): void {
  const ratio = baseline > 0 ? (micros / baseline).toFixed(2) : 'n/a';
  process.stdout.write(
    `${label.padEnd(44)} ${micros.toFixed(2).padStart(10)} µs   ${baselineLabel.padEnd(28)} ${baseline.toFixed(2).padStart(10)} µs   x${ratio}\n`,
  );
}

const firstStart = process.hrtime.bigint();
validateEntry(entry(0));
const firstCall = Number(process.hrtime.bigint() - firstStart) / 1e3;

const one = entry(1);
const sessions: Record<string, SessionEntry> = {};
const agents: Record<string, unknown> = {};
for (let index = 0; index < SESSIONS; index += 1) {
  const record = entry(index);
  sessions[record.sessionId] = record;
  const { sessionId, ...withoutId } = record;
  agents[`agent-${index}`] = index % 2 === 0 ? record : { ...withoutId, sessionId: sessionId === '' ? null : undefined };
}
const v2Text = JSON.stringify({ version: 2, sessions });
const v1Text = JSON.stringify({ version: 1, agents });
const v2Store = JSON.parse(v2Text) as unknown;
const v1Store = JSON.parse(v1Text) as unknown;

process.stdout.write(`session-schema bench: ${SESSIONS} sessions, median of ${ROUNDS} rounds, node ${process.version}\n`);
process.stdout.write(`first validateEntry call in this process: ${firstCall.toFixed(0)} µs (schemas are precompiled)\n`);
report('validateEntry(one entry)', microsPerCall(20_000, () => validateEntry(one)), 'JSON.stringify(entry)', microsPerCall(20_000, () => JSON.stringify(one)));
report(`validate(v2 store of ${SESSIONS})`, microsPerCall(20, () => validate(v2Store)), 'JSON.parse(store text)', microsPerCall(20, () => JSON.parse(v2Text)));
report(`migrate(v2 store of ${SESSIONS}) (no-op)`, microsPerCall(10, () => migrate(v2Store)), 'JSON.parse(store text)', microsPerCall(10, () => JSON.parse(v2Text)));
report(`migrate(v1 store of ${SESSIONS})`, microsPerCall(10, () => migrate(v1Store)), 'JSON.parse(v1 text)', microsPerCall(10, () => JSON.parse(v1Text)));
