import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openJsonStorage } from '../src/index';
import { floorWrite } from './floor-write';
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
  const ratio = floor
    ? `${(summary.p50 / floor.p50).toFixed(2)}x floor p50, ${(summary.opsPerSecond / floor.opsPerSecond).toFixed(2)}x floor ops/s ` +
      `(floor ${floor.p50.toFixed(3)} ms, ${floor.opsPerSecond.toFixed(0)} ops/s, measured alongside)`
    : '';
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

interface PhaseTimes {
  durations: number[];
  wallMs: number;
}

/** Runs one phase in every worker at once; its ops/s is the total over the phase's wall time. */
async function concurrentPhase(workers: Worker[], phase: string, count: number): Promise<PhaseTimes> {
  const start = process.hrtime.bigint();
  for (const worker of workers) worker.child.stdin?.write(`${phase} ${count}\n`);
  const results = await Promise.all(workers.map(async (worker) => JSON.parse((await worker.lines.next()).value as string) as number[]));
  return { durations: results.flat(), wallMs: Number(process.hrtime.bigint() - start) / 1e6 };
}

const summaryOf = (...phases: PhaseTimes[]): Summary =>
  summarise(
    phases.flatMap((phase) => phase.durations),
    phases.reduce((sum, phase) => sum + phase.wallMs, 0),
  );

/**
 * The concurrent rows, each beside the floor of the same load: every worker doing bare
 * write + fsync + rename of a store-sized file at once. Floor phases alternate with the
 * measured ones, so both see the same disk and the same neighbours.
 */
async function concurrentRows(size: number, plan: Plan, workers: Worker[]): Promise<void> {
  const mode = `${WORKERS} procs`;
  const floorPhase = (): Promise<PhaseTimes> => concurrentPhase(workers, 'floor', plan.concurrentWrites);
  const floors: PhaseTimes[] = [await floorPhase()];
  const create = await concurrentPhase(workers, 'create', plan.concurrentWrites);
  floors.push(await floorPhase());
  const update = await concurrentPhase(workers, 'update', plan.concurrentWrites);
  floors.push(await floorPhase());
  const get = await concurrentPhase(workers, 'get', plan.concurrentReads);
  const find = await concurrentPhase(workers, 'find-by-name', plan.concurrentReads);
  const list = await concurrentPhase(workers, 'list', Math.max(5, plan.lists / 10));
  floors.push(await floorPhase());
  const floor = summaryOf(...floors);
  row(size, 'floor write+fsync+mv', mode, floor);
  row(size, 'create', mode, summaryOf(create), floor);
  row(size, 'update', mode, summaryOf(update), floor);
  row(size, 'get', mode, summaryOf(get), floor);
  row(size, 'find-by-name', mode, summaryOf(find), floor);
  row(size, 'list (limit 20)', mode, summaryOf(list), floor);
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
    const open = summarise(await timeEach(1, () => storage.list({ limit: 1 })));
    let created = 0;
    const [createFloor, creates] = await againstFloor(plan.writes, floorFile, file, () => storage.create(realisticEntry(size + created++)));
    const [updateFloor, updates] = await againstFloor(plan.writes, floorFile, file, () =>
      storage.update(pick(ids), (current) => ({ ...current, turns: (current.turns ?? 0) + 1 })),
    );
    const floor = summarise([...createFloor, ...updateFloor]);
    row(size, 'floor write+fsync+mv', '1 proc', floor);
    row(size, 'open (first read)', '1 proc', open, floor);
    row(size, 'create', '1 proc', summarise(creates), summarise(createFloor));
    const update = summarise(updates);
    row(size, 'update', '1 proc', update, summarise(updateFloor));
    const get = summarise(await timeEach(plan.reads, () => storage.get(pick(ids))));
    row(size, 'get', '1 proc', get, floor);
    const find = summarise(await timeEach(plan.reads, () => storage.findByName(pick(names))));
    row(size, 'find-by-name', '1 proc', find, floor);
    if (size === 10_000) {
      const ratio = update.p50 / summarise(updateFloor).p50;
      targets.push(`update at ${size} sessions: p50 ${update.p50.toFixed(2)} ms = ${ratio.toFixed(2)}x the floor (target <= 3x): ${ratio <= 3 ? 'met' : 'MISSED'}`);
      const worst = Math.max(get.p95, find.p95);
      targets.push(`get / find-by-name at ${size} sessions: p95 ${get.p95.toFixed(3)} / ${find.p95.toFixed(3)} ms (target < 1 ms): ${worst < 1 ? 'met' : 'MISSED'}`);
    }
    row(size, 'list (limit 20)', '1 proc', summarise(await timeEach(plan.lists, () => storage.list({ limit: 20 }))), floor);
    row(size, 'list (all)', '1 proc', summarise(await timeEach(plan.lists, () => storage.list())), floor);
    await storage.close();

    const idsFile = join(dir, 'ids.json');
    writeFileSync(idsFile, JSON.stringify({ ids, names }));
    const workers = await startWorkers(file, idsFile);
    try {
      await concurrentRows(size, plan, workers);
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
