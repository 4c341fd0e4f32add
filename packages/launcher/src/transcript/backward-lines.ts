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
  // The later part of a line cut by chunk boundaries, earliest piece first. Pieces are joined
  // once, when the line's start is found: joining them chunk by chunk would copy a long line
  // (a crash's torn tail, megabytes without a newline) over and over, quadratic in its length.
  let tail: Buffer[] = [];
  let tailLength = 0;
  while (position > 0) {
    const length = Math.min(CHUNK_BYTES, position);
    position -= length;
    const chunk = Buffer.alloc(length);
    readSync(fd, chunk, 0, length, position);
    let end = length;
    for (;;) {
      // Native search: a byte-by-byte loop here made reading a 300 MB turn take seconds.
      const newline = end > 0 ? chunk.lastIndexOf(NEWLINE, end - 1) : -1;
      // The first line of this chunk may continue in the earlier one.
      if (newline < 0 && position > 0) break;
      const head = chunk.subarray(newline + 1, end);
      const bytes = tailLength > 0 ? Buffer.concat([head, ...tail]) : head;
      const line = { text: bytes.toString('utf8'), start: position + newline + 1, end: position + end + tailLength };
      tail = [];
      tailLength = 0;
      end = newline;
      if (visit(line)) return;
      if (newline < 0) break;
    }
    if (end > 0) {
      tail.unshift(chunk.subarray(0, end));
      tailLength += end;
    }
  }
}
