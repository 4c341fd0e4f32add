import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';

/** The floor of this design: write + fsync + rename of a file as large as the store. */
export function floorWrite(target: string, bytes: Buffer): void {
  const temp = `${target}.tmp`;
  const fd = openSync(temp, 'w');
  writeSync(fd, bytes);
  fsyncSync(fd);
  closeSync(fd);
  renameSync(temp, target);
}
