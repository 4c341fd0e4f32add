import type { UsageSummary } from '@genie/session-schema';

const TOKEN_FIELDS = ['inputTokens', 'outputTokens', 'cachedInputTokens', 'cacheCreationInputTokens'] as const;

/**
 * One turn's usage from a CLI that reports the conversation's running total (codex): the
 * total minus the session's total before the turn. A total below what was recorded means
 * the CLI counted a conversation of its own from zero, so the total is the turn's usage.
 */
export function turnUsageFromTotal(total: UsageSummary, before: UsageSummary | undefined): UsageSummary {
  if (!before) return total;
  const turn: UsageSummary = { ...total };
  for (const field of TOKEN_FIELDS) {
    const now = total[field];
    if (typeof now !== 'number') continue;
    const earlier = before[field] ?? 0;
    if (now < earlier) return total;
    turn[field] = now - earlier;
  }
  return turn;
}
