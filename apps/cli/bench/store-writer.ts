/**
 * One of the concurrent writers of store-bench.ts: `node store-writer.js <spec JSON> <count> <ids JSON file>`.
 * Waits for a line on stdin (so all writers start together), then updates random sessions
 * `count` times, one after another, and prints the duration of each update (ms) as JSON.
 */
import { readFileSync } from 'node:fs';
import { openStorage } from '@genie/storage';

async function main(): Promise<void> {
  const [specJson = '', countText = '0', idsFile = ''] = process.argv.slice(2);
  const ids = JSON.parse(readFileSync(idsFile, 'utf8')) as string[];
  const storage = await openStorage(JSON.parse(specJson) as { kind: string });
  await storage.get(ids[0] as string);
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  const durations: number[] = [];
  for (let index = 0; index < Number(countText); index += 1) {
    const id = ids[Math.floor(Math.random() * ids.length)] as string;
    const start = process.hrtime.bigint();
    await storage.update(id, (current) => ({ ...current, turns: (current.turns ?? 0) + 1 }));
    durations.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  await storage.close();
  process.stdout.write(`${JSON.stringify(durations)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
