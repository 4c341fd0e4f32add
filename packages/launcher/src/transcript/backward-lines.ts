import { readSync } from 'node:fs';

const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/** One line met while scanning backwards: its text and its byte range (end excludes the newline). */
export interface BackwardLine {
  text: string;
  start: number;
  end: number;
}

/**
 * Visits the lines of an open file from the last to the first, reading backwards in
 * chunks, until `visit` returns true. The cost is the bytes visited, not the file's size,
 * which is how the last turn of a large event log is found. A final line without a
 * newline (one still being written) is visited like any other.
 */
export function scanLinesBackward(fd: number, size: number, visit: (line: BackwardLine) => boolean): void {
  let position = size;
  // Bytes of a line cut by a chunk boundary, carried into the next (earlier) read.
  let partial = Buffer.alloc(0);
  while (position > 0) {
    const length = Math.min(CHUNK_BYTES, position);
    position -= length;
    const chunk = Buffer.alloc(length);
    readSync(fd, chunk, 0, length, position);
    const bytes = partial.length > 0 ? Buffer.concat([chunk, partial]) : chunk;
    let end = bytes.length;
    for (;;) {
      // Native search: a byte-by-byte loop here made reading a 300 MB turn take seconds.
      const newline = end > 0 ? bytes.lastIndexOf(NEWLINE, end - 1) : -1;
      // The first line of this chunk may continue in the earlier one.
      if (newline < 0 && position > 0) break;
      const line = { text: bytes.toString('utf8', newline + 1, end), start: position + newline + 1, end: position + end };
      end = newline;
      if (visit(line)) return;
      if (newline < 0) break;
    }
    partial = bytes.subarray(0, Math.max(0, end));
  }
}
