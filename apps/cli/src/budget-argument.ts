import { GenieError } from '@genie/errors';

/**
 * `--max-budget-usd` as typed. Declared without `type: 'number'` (yargs would turn `ten`
 * into NaN and lose what was typed), so it is read here.
 */
export function budgetArgument(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const amount = typeof value === 'number' ? value : Number(value);
  if (String(value).trim() === '' || !Number.isFinite(amount) || amount <= 0) {
    throw new GenieError('INVALID_INPUT', `--max-budget-usd must be a positive amount of US dollars, got ${JSON.stringify(String(value))}.`, {
      hint: 'For example: --max-budget-usd 2.50',
    });
  }
  return amount;
}
