import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, fsyncSync, renameSync, rmSync, statSync, writeFileSync, writeSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openJsonStorage } from '../src/index';
import { summarise, timeEach, type Summary } from './latency';
import { realisticEntry, seedStore } from './seed-store';

/** Measures the JSON store against the floor of its design: a bare write + fsync + rename of a same-sized file. */

const SIZES = [100, 1_000, 10_000];
const WORKERS = 10;

interface Plan {
  writes: number;
  reads: number;
  lists: number;
  concurrentWrites: number;
  concurrentReads: number;
}

function planFor(size: number): Plan {
  if (size >= 10_000) return { writes: 30, reads: 5_000, lists: 10, concurrentWrites: 3, concurrentReads: 200 };
  if (size >= 1_000) return { writes: 100, reads: 5_000, lists: 50, concurrentWrites: 10, concurrentReads: 500 };
  return { writes: 200, reads: 5_000, lists: 200, concurrentWrites: 20, concurrentReads: 500 };
}

/** The floor of this design: write + fsync + rename of a file as large as the store. */
function floorWrite(target: string, bytes: Buffer): void {
  const temp = `${target}.tmp`;
  const fd = openSync(temp, 'w');
  writeSync(fd, bytes);
  fsyncSync(fd);
  closeSync(fd);
  renameSync(temp, target);
}

/**
 * Alternates one floor write with one store operation, so both see the same disk and the
 * same neighbours on a shared machine; returns [floor durations, operation durations].
 */
async function againstFloor(count: number, floorFile: string, storeFile: string, operation: () => Promise<unknown>): Promise<[number[], number[]]> {
  const floor: number[] = [];
  const measured: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const bytes = readFileSync(storeFile);
    floor.push(...(await timeEach(1, () => floorWrite(floorFile, bytes))));
    measured.push(...(await timeEach(1, operation)));
  }
  return [floor, measured];
}

const targets: string[] = [];

const rows: string[] = [];

function row(size: number, operation: string, mode: string, summary: Summary, floor?: Summary): void {
  const ratio = floor ? `${(summary.p50 / floor.p50).toFixed(2)}x floor p50 (floor measured alongside)` : '';
  rows.push(
    [
      String(size).padStart(6),
      operation.padEnd(22),
      mode.padEnd(9),
      summary.opsPerSecond.toFixed(0).padStart(9),
      summary.p50.toFixed(3).padStart(9),
      summary.p95.toFixed(3).padStart(9),
      `  ${ratio}`,
    ].join(' '),
  );
  process.stdout.write(`${rows[rows.length - 1]}\n`);
}

interface Worker {
  child: ChildProcess;
  lines: AsyncIterableIterator<string>;
}

async function startWorkers(file: string, idsFile: string): Promise<Worker[]> {
  const workers = Array.from({ length: WORKERS }, (_, index) => {
    const child = spawn(process.execPath, [join(__dirname, 'bench-worker.js'), file, String(index), idsFile], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    return { child, lines: createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]() };
  });
  for (const worker of workers) {
    const first = await worker.lines.next();
    if (first.value !== 'ready') throw new Error(`benchmark worker failed to start: ${String(first.value)}`);
  }
  return workers;
}

/** Runs one phase in every worker at once; ops/s is the total over the wall time of the phase. */
async function concurrentPhase(workers: Worker[], phase: string, count: number): Promise<Summary> {
  const start = process.hrtime.bigint();
  for (const worker of workers) worker.child.stdin?.write(`${phase} ${count}\n`);
  const results = await Promise.all(workers.map(async (worker) => JSON.parse((await worker.lines.next()).value as string) as number[]));
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  return summarise(results.flat(), wallMs);
}

async function benchSize(size: number): Promise<void> {
  const plan = planFor(size);
  const dir = mkdtempSync(join(tmpdir(), 'genie-storage-bench-'));
  try {
    const file = join(dir, 'sessions.json');
    const entries = seedStore(file, size);
    const ids = entries.map((entry) => entry.sessionId);
    const names = entries.map((entry) => entry.name as string);
    const pick = (list: string[]): string => list[Math.floor(Math.random() * list.length)] as string;
    process.stdout.write(`\n${size} sessions, ${(statSync(file).size / 1e6).toFixed(2)} MB on disk\n`);

    const floorFile = join(dir, 'floor.json');
    const storage = openJsonStorage(file);
    row(size, 'open (first read)', '1 proc', summarise(await timeEach(1, () => storage.list({ limit: 1 }))));
    let created = 0;
    const [createFloor, creates] = await againstFloor(plan.writes, floorFile, file, () => storage.create(realisticEntry(size + created++)));
    const [updateFloor, updates] = await againstFloor(plan.writes, floorFile, file, () =>
      storage.update(pick(ids), (current) => ({ ...current, turns: (current.turns ?? 0) + 1 })),
    );
    const floor = summarise([...createFloor, ...updateFloor]);
    row(size, 'floor write+fsync+mv', '1 proc', floor);
    row(size, 'create', '1 proc', summarise(creates), summarise(createFloor));
    const update = summarise(updates);
    row(size, 'update', '1 proc', update, summarise(updateFloor));
    const get = summarise(await timeEach(plan.reads, () => storage.get(pick(ids))));
    row(size, 'get', '1 proc', get);
    const find = summarise(await timeEach(plan.reads, () => storage.findByName(pick(names))));
    row(size, 'find-by-name', '1 proc', find);
    if (size === 10_000) {
      const ratio = update.p50 / summarise(updateFloor).p50;
      targets.push(`update at ${size} sessions: p50 ${update.p50.toFixed(2)} ms = ${ratio.toFixed(2)}x the floor (target <= 3x): ${ratio <= 3 ? 'met' : 'MISSED'}`);
      const worst = Math.max(get.p95, find.p95);
      targets.push(`get / find-by-name at ${size} sessions: p95 ${get.p95.toFixed(3)} / ${find.p95.toFixed(3)} ms (target < 1 ms): ${worst < 1 ? 'met' : 'MISSED'}`);
    }
    row(size, 'list (limit 20)', '1 proc', summarise(await timeEach(plan.lists, () => storage.list({ limit: 20 }))));
    row(size, 'list (all)', '1 proc', summarise(await timeEach(plan.lists, () => storage.list())));
    await storage.close();

    const idsFile = join(dir, 'ids.json');
    writeFileSync(idsFile, JSON.stringify({ ids, names }));
    const workers = await startWorkers(file, idsFile);
    try {
      const mode = `${WORKERS} procs`;
      row(size, 'create', mode, await concurrentPhase(workers, 'create', plan.concurrentWrites));
      row(size, 'update', mode, await concurrentPhase(workers, 'update', plan.concurrentWrites));
      row(size, 'get', mode, await concurrentPhase(workers, 'get', plan.concurrentReads));
      row(size, 'find-by-name', mode, await concurrentPhase(workers, 'find-by-name', plan.concurrentReads));
      row(size, 'list (limit 20)', mode, await concurrentPhase(workers, 'list', Math.max(5, plan.lists / 10)));
    } finally {
      for (const worker of workers) worker.child.stdin?.end('stop\n');
      await Promise.all(workers.map((worker) => new Promise((resolve) => worker.child.on('close', resolve))));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  process.stdout.write(`genie json storage benchmark (node ${process.version}, ${WORKERS} processes for the concurrent rows)\n`);
  process.stdout.write(`${'size'.padStart(6)} ${'operation'.padEnd(22)} ${'mode'.padEnd(9)} ${'ops/s'.padStart(9)} ${'p50 ms'.padStart(9)} ${'p95 ms'.padStart(9)}\n`);
  for (const size of SIZES) await benchSize(size);
  process.stdout.write(`\n${targets.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
