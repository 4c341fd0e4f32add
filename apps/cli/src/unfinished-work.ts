/**
 * Work the CLI must finish even when the reader of stdout has gone. A foreground turn is
 * the case: `genie run ... --no-background | head -1` closes the pipe after the session
 * line, and quitting then would leave the agent's turn without a recorded outcome (`lost`).
 * While such work runs, a closed stdout only drops what is left to print.
 */
let unfinished = 0;

export async function finishEvenIfStdoutCloses<T>(work: () => Promise<T>): Promise<T> {
  unfinished += 1;
  try {
    return await work();
  } finally {
    unfinished -= 1;
  }
}

export function hasUnfinishedWork(): boolean {
  return unfinished > 0;
}
