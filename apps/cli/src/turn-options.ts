import { GenieError } from '@genie/errors';

/**
 * `--max-budget-usd` is read as typed and checked here: yargs' `type: 'number'` would turn
 * `ten` into NaN and lose what was typed.
 */
function budgetOf(value: unknown): number {
  const amount = typeof value === 'number' ? value : Number(value);
  if (String(value).trim() === '' || !Number.isFinite(amount) || amount <= 0) {
    throw new GenieError('INVALID_INPUT', `--max-budget-usd must be a positive amount of US dollars, got ${JSON.stringify(String(value))}.`, {
      hint: 'For example: --max-budget-usd 2.50',
    });
  }
  return amount;
}

/** The budget option `run` and `resume` share (each describes it for itself). */
export const BUDGET_OPTION = { type: 'string', requiresArg: true, coerce: budgetOf } as const;

export const NOTIFY_OPTION = { type: 'boolean' } as const;
