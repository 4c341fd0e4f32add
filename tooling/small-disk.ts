// Shared by the full-disk tests: a directory on a tmpfs of its own (root can mount), so a
// test fills a real disk without touching anyone else's.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export class SmallDisk {
  private readonly filler: string;

  /** Mounts a `sizeMiB` tmpfs on `dir` (an existing, empty directory). */
  constructor(
    readonly dir: string,
    sizeMiB = 2,
  ) {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', dir]);
    this.filler = path.join(dir, 'filler');
  }

  /** Writes until the disk refuses: every later write fails with ENOSPC. */
  fill(): void {
    const fd = fs.openSync(this.filler, 'a');
    const chunk = Buffer.alloc(16 * 1024, 1);
    try {
      for (;;) fs.writeSync(fd, chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    } finally {
      fs.closeSync(fd);
    }
  }

  free(): void {
    fs.rmSync(this.filler, { force: true });
  }

  unmount(): void {
    spawnSync('umount', ['-l', this.dir]);
  }
}
