import { GenieError } from '@genie/errors';

/**
 * `--max-budget-usd` is read as typed and checked here: yargs' `type: 'number'` would turn
 * `ten` into NaN and lose what was typed.
 */
export function budgetArgument(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const amount = Number(value);
  if (value.trim() === '' || !Number.isFinite(amount) || amount <= 0) {
    throw new GenieError('INVALID_INPUT', `--max-budget-usd must be a positive amount of US dollars, got ${JSON.stringify(value)}.`, {
      hint: 'For example: --max-budget-usd 2.50',
    });
  }
  return amount;
}

/** The budget option `run` and `resume` share (each describes it for itself); read with budgetArgument. */
export const BUDGET_OPTION = { type: 'string', requiresArg: true } as const;

export const NOTIFY_OPTION = { type: 'boolean' } as const;
