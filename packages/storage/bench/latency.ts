/** Times `operation` `count` times, one after another; returns each duration in ms. */
export async function timeEach(count: number, operation: (index: number) => Promise<unknown> | unknown): Promise<number[]> {
  const durations: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const start = process.hrtime.bigint();
    await operation(index);
    durations.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return durations;
}

export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] as number;
}

export interface Summary {
  ops: number;
  opsPerSecond: number;
  p50: number;
  p95: number;
}

/** ops/s from the wall time the operations took together (sum of durations for one process). */
export function summarise(durations: readonly number[], wallMs = durations.reduce((sum, value) => sum + value, 0)): Summary {
  const sorted = [...durations].sort((a, b) => a - b);
  return { ops: durations.length, opsPerSecond: (durations.length / wallMs) * 1000, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
}
