import type { UsageSummary } from '@genie/session-schema';

const USAGE_FIELDS = ['inputTokens', 'outputTokens', 'cachedInputTokens', 'cacheCreationInputTokens', 'costUsd', 'durationMs'] as const;

/** Adds two usage totals field by field; a field absent from both stays absent. */
export function sumUsage(total: UsageSummary | undefined, turn: UsageSummary | undefined): UsageSummary | undefined {
  if (!turn) return total;
  const sum: UsageSummary = { ...total };
  for (const field of USAGE_FIELDS) {
    const add = turn[field];
    if (typeof add !== 'number' || !Number.isFinite(add)) continue;
    sum[field] = (sum[field] ?? 0) + add;
  }
  return sum;
}
