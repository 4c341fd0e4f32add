import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { openJsonStorage } from '../src/index';
import { floorWrite } from './floor-write';
import { timeEach } from './latency';

/**
 * One of the concurrent benchmark processes. Reads phases from stdin
 * (`<phase> <count>`), runs them against the shared store, answers one JSON line each.
 */
async function main(): Promise<void> {
  const [file, workerId, idsFile] = process.argv.slice(2) as [string, string, string];
  const { ids, names } = JSON.parse(readFileSync(idsFile, 'utf8')) as {
    ids: string[];
    names: string[];
  };
  const storage = openJsonStorage(file, { lockTimeoutMs: 300_000 });
  await storage.list({ limit: 1 });
  const pick = (list: string[]): string => list[Math.floor(Math.random() * list.length)] as string;
  process.stdout.write('ready\n');
  for await (const line of createInterface({ input: process.stdin })) {
    const [phase, countText] = line.split(' ');
    const count = Number(countText);
    let durations: number[];
    switch (phase) {
      case 'create':
        durations = await timeEach(count, (i) =>
          storage.create({ sessionId: `bench-${workerId}-${i}-${Date.now()}`, agent: 'bench', name: `bench-${workerId}-${i}`, status: 'running' }, { onNameTaken: 'suffix' }),
        );
        break;
      case 'update':
        durations = await timeEach(count, () => storage.update(pick(ids), (current) => ({ ...current, turns: (current.turns ?? 0) + 1 })));
        break;
      case 'get':
        durations = await timeEach(count, () => storage.get(pick(ids)));
        break;
      case 'find-by-name':
        durations = await timeEach(count, () => storage.findByName(pick(names)));
        break;
      case 'list':
        durations = await timeEach(count, () => storage.list({ limit: 20 }));
        break;
      case 'floor': {
        // This worker's share of the floor: a bare write of a file as large as the store.
        const bytes = readFileSync(file);
        durations = await timeEach(count, () => floorWrite(join(dirname(file), `floor-${workerId}.json`), bytes));
        break;
      }
      default:
        await storage.close();
        return;
    }
    process.stdout.write(`${JSON.stringify(durations)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
