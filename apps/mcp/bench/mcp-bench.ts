import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { openGenie, type Genie } from '@genie/core';
import { binDir } from '@genie/test-doubles';
import { createGenieMcpServer } from '../src/create-genie-mcp-server';

/**
 * In-process latency of the MCP tools against a workspace holding 1,000 sessions, each
 * figure printed beside the same operation called on the library directly (the
 * baseline), so the MCP layer's own cost is visible on whatever machine runs it.
 */

const SESSIONS = 1000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);

interface Stats {
  p50: number;
  p95: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95) };
}

async function measure(rounds: number, operation: () => Promise<unknown>): Promise<Stats> {
  await operation();
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const start = performance.now();
    await operation();
    samples.push(performance.now() - start);
  }
  return stats(samples);
}

function format({ p50, p95 }: Stats): string {
  return `p50 ${p50.toFixed(1).padStart(7)} ms  p95 ${p95.toFixed(1).padStart(7)} ms`;
}

function writeStore(workspace: string, count: number): void {
  const sessions: Record<string, Record<string, unknown>> = {};
  const base = Date.parse('2026-01-01T00:00:00Z');
  for (let index = 0; index < count; index += 1) {
    const sessionId = randomUUID();
    const time = new Date(base + index * 60_000).toISOString();
    sessions[sessionId] = {
      sessionId,
      agent: 'coder',
      name: `coder-bench-${index}`,
      mode: 'default',
      preset: 'default',
      executor: 'claude',
      status: 'completed',
      background: true,
      created: time,
      lastUsed: time,
      startTime: time,
      lastPrompt: `benchmark prompt ${index}`,
      lastAnswer: `benchmark answer ${index}`,
      turns: 1,
      exitCode: 0,
      signal: null,
    };
  }
  const file = path.join(workspace, '.genie', 'state', 'agents', 'sessions.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ version: 2, sessions }, null, 2)}\n`);
}

function createWorkspace(): { dir: string; env: NodeJS.ProcessEnv; root: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'genie-mcp-bench-'));
  const dir = path.join(root, 'workspace');
  fs.mkdirSync(path.join(dir, '.genie', 'agents'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.genie', 'agents', 'coder.md'), '---\nname: coder\ngenie:\n  executor: claude\n---\nYou write code.\n');
  for (const home of ['claude-home', 'codex-home']) fs.mkdirSync(path.join(root, home));
  const env = {
    ...process.env,
    PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}`,
    CLAUDE_CONFIG_DIR: path.join(root, 'claude-home'),
    CODEX_HOME: path.join(root, 'codex-home'),
  };
  return { dir, env, root };
}

async function main(): Promise<void> {
  const workspace = createWorkspace();
  writeStore(workspace.dir, SESSIONS - 1);
  const genie: Genie = await openGenie({ cwd: workspace.dir, env: workspace.env });
  const server = createGenieMcpServer(genie);
  const client = new Client({ name: 'genie-mcp-bench', version: '0.0.0' });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  const call = (name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args });

  try {
    const real = await genie.run({ agent: 'coder', prompt: 'remember the benchmark', background: false });
    await genie.resume({ session: real.sessionId, prompt: 'what did I ask you to remember?', background: false });
    const total = (await genie.listSessions()).length;

    console.log(`genie MCP benchmark: ${total} sessions, ${ROUNDS} rounds per figure (${os.cpus().length} CPUs, node ${process.version})`);
    console.log(`list_sessions   MCP ${format(await measure(ROUNDS, () => call('list_sessions', {})))}   library ${format(await measure(ROUNDS, () => genie.listSessions()))}   target p50 < 20 ms`);
    console.log(`view            MCP ${format(await measure(ROUNDS, () => call('view', { sessionId: real.sessionId })))}   library ${format(await measure(ROUNDS, () => genie.view({ session: real.sessionId })))}`);
    console.log(`view full       MCP ${format(await measure(ROUNDS, () => call('view', { sessionId: real.sessionId, full: true })))}   library ${format(await measure(ROUNDS, () => genie.view({ session: real.sessionId, full: true })))}`);

    // Interleaved, each session finished before the next start, so neither side pays for
    // the other's agent processes still starting up on the same cores.
    const mcpRuns: number[] = [];
    const libraryRuns: number[] = [];
    for (let round = 0; round < RUNS; round += 1) {
      let start = performance.now();
      const result = await call('run', { agent: 'coder', prompt: 'remember fast' });
      mcpRuns.push(performance.now() - start);
      await genie.wait({ session: (result.structuredContent as { sessionId: string }).sessionId, timeoutMs: 60_000 });
      start = performance.now();
      const session = await genie.run({ agent: 'coder', prompt: 'remember fast', background: true });
      libraryRuns.push(performance.now() - start);
      await genie.wait({ session: session.sessionId, timeoutMs: 60_000 });
    }
    console.log(`run background  MCP ${format(stats(mcpRuns))}   library ${format(stats(libraryRuns))}   target MCP < library + 100 ms`);
  } finally {
    await client.close();
    await server.close();
    await genie.close();
    fs.rmSync(workspace.root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
