import { spawn } from 'node:child_process';
import type { AgentEvent } from '../../src/agent-event';
import type { Executor, TurnRequest } from '../../src/executors/executor';

export interface ExecutorRun {
  events: AgentEvent[];
  stdout: string[];
  stderr: string[];
  exitCode: number | null;
}

/** Spawns exactly the argv the adapter builds (no shell) and parses its output lines. */
export function runExecutor(executor: Executor, request: TurnRequest, env: NodeJS.ProcessEnv): Promise<ExecutorRun> {
  const { command, args, stdin } = executor.buildCommand(request);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: request.cwd, env, stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    if (stdin !== undefined) child.stdin?.end(stdin);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      const stdout = lines(Buffer.concat(out).toString('utf8'));
      const stderr = lines(Buffer.concat(err).toString('utf8'));
      const events = [
        ...stdout.flatMap((line) => executor.parseLine(line, 'stdout')),
        ...stderr.flatMap((line) => executor.parseLine(line, 'stderr')),
      ];
      resolve({ events, stdout, stderr, exitCode });
    });
  });
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.length > 0);
}

export function messagesOf(events: AgentEvent[]): string[] {
  return events.flatMap((event) => (event.type === 'message' ? [event.text] : []));
}

export function sessionIdsOf(events: AgentEvent[]): string[] {
  return events.flatMap((event) => (event.type === 'session' ? [event.executorSessionId] : []));
}
