import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { claudeExecutor, readLastTurn } from '../src/index';

const TARGET_BYTES = 100 * 1024 * 1024;
const LINES_PER_TURN = 1000;
const RUNS = 20;
const TARGET_MS = 50;

function turnText(turn: number, lines: number): string {
  const time = new Date(Date.UTC(2025, 9, 1) + turn * 60_000).toISOString();
  const records: string[] = [JSON.stringify({ time, turn, stream: 'meta', type: 'turn.start', prompt: `prompt ${turn}`, executor: 'claude', resume: turn > 1 })];
  for (let index = 0; index < lines; index += 1) {
    const event = { type: 'assistant', message: { role: 'assistant', content: [{ type: 'text', text: `turn ${turn} step ${index} ${'lorem ipsum '.repeat(25)}` }] }, session_id: 'bench' };
    records.push(JSON.stringify({ time, turn, stream: 'stdout', line: JSON.stringify(event) }));
  }
  records.push(JSON.stringify({ time, turn, stream: 'meta', type: 'turn.end', status: 'completed', exitCode: 0, signal: null, error: null, answer: `answer ${turn}` }));
  return `${records.join('\n')}\n`;
}

function writeLog(file: string): number {
  const fd = fs.openSync(file, 'w');
  let size = 0;
  let turn = 0;
  while (size < TARGET_BYTES) {
    turn += 1;
    size += fs.writeSync(fd, turnText(turn, LINES_PER_TURN));
  }
  size += fs.writeSync(fd, turnText(turn + 1, 50));
  fs.closeSync(fd);
  return turn + 1;
}

function stats(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, p95: sorted[Math.ceil(sorted.length * 0.95) - 1]! };
}

function tailRead(file: string): void {
  const fd = fs.openSync(file, 'r');
  const size = fs.fstatSync(fd).size;
  const buffer = Buffer.alloc(64 * 1024);
  fs.readSync(fd, buffer, 0, buffer.length, size - buffer.length);
  fs.closeSync(fd);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'genie-bench-last-turn-'));
  const file = path.join(dir, 'session.jsonl');
  try {
    const lastTurn = writeLog(file);
    const size = fs.statSync(file).size;

    const baseline: number[] = [];
    const measured: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      let started = performance.now();
      tailRead(file);
      baseline.push(performance.now() - started);
      started = performance.now();
      const view = await readLastTurn(file, { executor: claudeExecutor });
      measured.push(performance.now() - started);
      if (view?.turn !== lastTurn || view.events.length !== 52) throw new Error(`wrong last turn: ${view?.turn}`);
    }
    let started = performance.now();
    fs.readFileSync(file);
    const wholeFile = performance.now() - started;

    const base = stats(baseline);
    const result = stats(measured);
    console.log(`log: ${(size / 1024 / 1024).toFixed(1)} MB, ${lastTurn} turns; last turn 50 output lines`);
    console.log(`baseline  raw read of the last 64 KB       median ${base.median.toFixed(2)} ms  p95 ${base.p95.toFixed(2)} ms`);
    console.log(`baseline  raw read of the whole file (x1)  ${wholeFile.toFixed(1)} ms`);
    console.log(`readLastTurn (${RUNS} runs)                  median ${result.median.toFixed(2)} ms  p95 ${result.p95.toFixed(2)} ms`);
    console.log(`target < ${TARGET_MS} ms: ${result.median < TARGET_MS ? 'met' : 'MISSED'}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
