/**
 * Preloaded (`node -r cpu-report.js ...`) into each process process-timer.ts measures: at
 * exit it writes the CPU time the process used (user + system, in ms) to the file named by
 * BENCH_CPU_REPORT. Node reports no CPU time of a child it waited for; this is the same few
 * lines in the command and in the `node -e 0` it is compared with. (A file, not an
 * inherited pipe: a background run's supervisor would hold a pipe open after genie exits.)
 */
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_CPU_REPORT;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, String((usage.userCPUTime + usage.systemCPUTime) / 1000));
  });
}
