import { GenieError } from '@genie/errors';
import type { SessionEntry } from '@genie/session-schema';

/** A budget is money: a positive, finite number of USD. */
export function checkBudget(maxBudgetUsd: number | undefined): number | undefined {
  if (maxBudgetUsd === undefined) return undefined;
  if (typeof maxBudgetUsd !== 'number' || !Number.isFinite(maxBudgetUsd) || maxBudgetUsd <= 0) {
    throw new GenieError('INVALID_INPUT', `The budget must be a positive number of US dollars, not ${String(maxBudgetUsd)}.`, {
      hint: 'Pass e.g. --max-budget-usd 2.50.',
      details: { maxBudgetUsd },
    });
  }
  return maxBudgetUsd;
}

/** A cost at four places (as `genie list` shows it); one that is not zero never reads as zero. */
function costText(amount: number): string {
  const fixed = amount.toFixed(4);
  return amount > 0 && Number(fixed) === 0 ? '<$0.0001' : `$${fixed}`;
}

/** A budget as it was set: cents at least (`$2.00`), more places when it has them (`$0.005`), never `$0.00`. */
function budgetText(amount: number): string {
  let decimals = 2;
  while (decimals < 6 && Number(amount.toFixed(decimals)) !== amount) decimals += 1;
  const fixed = amount.toFixed(decimals);
  return Number(fixed) === 0 ? '<$0.000001' : `$${fixed}`;
}

/**
 * What the next turn may still spend, given the session's budget and the cost its turns
 * recorded; undefined without a budget. A session that has spent it all is refused, so
 * no turn starts that the budget does not cover.
 */
export function remainingBudget(entry: SessionEntry, maxBudgetUsd: number | null | undefined): number | undefined {
  if (maxBudgetUsd === null || maxBudgetUsd === undefined) return undefined;
  const spent = entry.usage?.costUsd ?? 0;
  // Cents of a cent: keeps float noise such as 0.30000000000000004 off claude's command line.
  const remaining = Math.round((maxBudgetUsd - spent) * 1e6) / 1e6;
  if (remaining > 0) return remaining;
  const name = entry.name ?? entry.sessionId;
  throw new GenieError('BUDGET_EXCEEDED', `Session ${name} has spent ${costText(spent)} of its ${budgetText(maxBudgetUsd)} budget; no new turn was started.`, {
    hint: `Resume with a higher budget (--max-budget-usd, more than ${spent.toFixed(4)}) to continue, or start a new session.`,
    details: { sessionId: entry.sessionId, spentUsd: spent, maxBudgetUsd },
  });
}
