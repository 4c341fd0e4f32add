import type { UsageSummary } from '../genie-types';

/** Collapses whitespace and cuts to `max` characters with an ellipsis. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, Math.max(0, max - 1))}…` : flat;
}

/** Keeps the first `maxLines` lines, saying how many were left out. */
export function firstLines(text: string, maxLines: number): string {
  const lines = text.replace(/\s+$/, '').split('\n');
  if (lines.length <= maxLines) return lines.join('\n');
  return `${lines.slice(0, maxLines).join('\n')}\n… (${lines.length - maxLines} more lines)`;
}

export function indent(text: string, prefix = '  '): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `${prefix}${line}`))
    .join('\n');
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
}

/** "3 minutes ago" style, for tables where the exact time matters less than recency. */
export function formatAgo(iso: string | null, now = Date.now()): string {
  if (!iso) return '-';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes}m ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours}h ago`;
  return `${Math.round(hours / 24)}d ago`;
}

/** 1234567 → "1,234,567". Intl.NumberFormat would cost ~20 ms of ICU start-up per process. */
function groupDigits(value: number): string {
  const [whole = '', fraction] = String(value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** Most places a dollar amount is shown with: a millionth of a dollar. */
const MAX_USD_DECIMALS = 6;

/**
 * `$0.0123` at `decimals` places (four: costs are fractions of a cent). An amount that is
 * not zero never shows as zero: below the smallest unit shown it is `<$0.0001`.
 */
export function formatUsd(amount: number, decimals = 4): string {
  const fixed = amount.toFixed(decimals);
  if (amount > 0 && Number(fixed) === 0) return `<$${(10 ** -decimals).toFixed(decimals)}`;
  return `$${fixed}`;
}

/** A budget as it was set: cents at least (`$2.00`), more places when it has them (`$0.005`). */
export function formatBudgetUsd(amount: number): string {
  let decimals = 2;
  while (decimals < MAX_USD_DECIMALS && Number(amount.toFixed(decimals)) !== amount) decimals += 1;
  return formatUsd(amount, decimals);
}

/** "1,234 in · 56 out · $0.0123 · 1.2s"; null when nothing was reported. */
export function formatUsage(usage: UsageSummary | null, costUsd: number | null = null): string | null {
  const parts: string[] = [];
  if (usage?.inputTokens !== undefined) parts.push(`${groupDigits(usage.inputTokens)} in`);
  if (usage?.cachedInputTokens) parts.push(`${groupDigits(usage.cachedInputTokens)} cached`);
  if (usage?.outputTokens !== undefined) parts.push(`${groupDigits(usage.outputTokens)} out`);
  const cost = costUsd ?? usage?.costUsd;
  if (cost !== undefined && cost !== null) parts.push(formatUsd(cost));
  if (usage?.durationMs !== undefined) parts.push(formatDuration(usage.durationMs));
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** "1 session", "3 sessions". */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
