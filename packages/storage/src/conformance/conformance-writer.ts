/**
 * The child process of the cross-process and crash suites:
 * `node conformance-writer.js <spec JSON> <mode> ...args`. It opens the store through the
 * registry, as a supervisor does, so the suites test what a second process really meets.
 *
 * - `create-and-update <sessionId> <updates> [name]`: creates one session (its name
 *   suffixed when taken), then updates it `updates` times; prints `{"name":...}` and exits 0.
 * - `ack-writer <prefix>`: prints `ready`, then creates sessions forever, printing
 *   `ack <id>` once each `create` has resolved, until it is killed.
 */
import { openStorage } from '../registry/storage-registry';
import type { StorageSpec } from '../session-storage';

async function createAndUpdate(spec: StorageSpec, sessionId: string, updates: number, name: string | undefined): Promise<void> {
  const storage = await openStorage(spec);
  try {
    const created = await storage.create(
      { sessionId, agent: 'worker', name: name || `worker-${sessionId}`, status: 'running', counter: 0, history: [] },
      { onNameTaken: 'suffix' },
    );
    for (let step = 1; step <= updates; step += 1) {
      await storage.update(sessionId, (current) => ({
        ...current,
        counter: (current.counter as number) + 1,
        history: [...(current.history as number[]), step],
      }));
    }
    process.stdout.write(`${JSON.stringify({ name: created.name })}\n`);
  } finally {
    await storage.close();
  }
}

async function ackWriter(spec: StorageSpec, prefix: string): Promise<void> {
  const storage = await openStorage(spec);
  process.stdout.write('ready\n');
  for (let index = 0; ; index += 1) {
    const sessionId = `${prefix}-${index}`;
    await storage.create({ sessionId, agent: 'crash', name: sessionId, status: 'running', payload: 'x'.repeat(200) });
    process.stdout.write(`ack ${sessionId}\n`);
  }
}

async function main(): Promise<void> {
  const [specJson = '', mode, ...args] = process.argv.slice(2);
  const spec = JSON.parse(specJson) as StorageSpec;
  if (mode === 'create-and-update') return createAndUpdate(spec, String(args[0]), Number(args[1]), args[2]);
  if (mode === 'ack-writer') return ackWriter(spec, String(args[0]));
  throw new Error(`unknown mode ${String(mode)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as { code?: string }).code ?? ''} ${(error as Error)?.stack ?? String(error)}\n`);
  process.exitCode = 1;
});
