import fs from 'node:fs';

const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

function turnOfLine(line: string): number | undefined {
  try {
    const turn = (JSON.parse(line) as { turn?: unknown }).turn;
    return typeof turn === 'number' ? turn : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Byte offset where `turn` begins in an event log: just after the last record of an
 * earlier turn. Scans backwards from the end, so the cost is the size of the turn, not
 * of the log. A missing log, or a turn that has logged nothing yet, gives the end.
 */
export function turnStartOffset(file: string, turn: number): number {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  try {
    const size = fs.fstatSync(fd).size;
    let position = size;
    // Bytes of a line cut by a chunk boundary, carried into the next (earlier) read.
    let carried = Buffer.alloc(0);
    while (position > 0) {
      const length = Math.min(CHUNK_BYTES, position);
      position -= length;
      const chunk = Buffer.alloc(length);
      fs.readSync(fd, chunk, 0, length, position);
      const bytes = Buffer.concat([chunk, carried]);
      let end = bytes.length;
      for (let index = bytes.length - 1; index >= 0; index -= 1) {
        if (bytes[index] !== NEWLINE) continue;
        const lineTurn = turnOfLine(bytes.toString('utf8', index + 1, end));
        if (lineTurn !== undefined && lineTurn < turn) return Math.min(size, position + end + 1);
        end = index;
      }
      carried = bytes.subarray(0, end);
      if (position === 0) {
        const firstTurn = turnOfLine(carried.toString('utf8'));
        if (firstTurn !== undefined && firstTurn < turn) return Math.min(size, carried.length + 1);
      }
    }
    return 0;
  } finally {
    fs.closeSync(fd);
  }
}
