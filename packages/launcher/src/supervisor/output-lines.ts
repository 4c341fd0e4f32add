import type { ChildProcess } from 'node:child_process';
import { LineSplitter } from '../process/line-splitter';

export type LinesListener = (stream: 'stdout' | 'stderr', lines: string[]) => void;

/** After the executor exits, how long a descendant holding its stdout may delay the turn's end. */
const DRAIN_MS = 500;

/** Delivers an executor's stdout and stderr as whole lines, as they arrive. */
export class OutputLines {
  private readonly stdout = new LineSplitter();
  private readonly stderr = new LineSplitter();

  constructor(
    private readonly child: ChildProcess,
    private readonly onLines: LinesListener,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => onLines('stdout', this.stdout.push(chunk)));
    child.stderr?.on('data', (chunk: Buffer) => onLines('stderr', this.stderr.push(chunk)));
  }

  /**
   * Once the executor has exited: waits (at most DRAIN_MS) for its pipes to close, so
   * output still buffered arrives, then delivers last lines that had no newline. A
   * descendant that keeps the pipes open cannot hold the turn's end any longer.
   */
  async drain(closed: Promise<void>): Promise<void> {
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, DRAIN_MS))]);
    this.child.stdout?.destroy();
    this.child.stderr?.destroy();
    this.onLines('stdout', this.stdout.end());
    this.onLines('stderr', this.stderr.end());
  }
}
