import { formatBudgetUsd, formatUsage, formatUsd } from '../../src/output/format';

describe('dollar amounts', () => {
  it('shows a cost at four places, and one too small for them as less than the smallest, never as zero', () => {
    expect(formatUsd(0.0123)).toBe('$0.0123');
    expect(formatUsd(0.00004)).toBe('<$0.0001');
    expect(formatUsd(0)).toBe('$0.0000');
    expect(formatUsage(null, 0.00002)).toBe('<$0.0001');
  });

  it('shows a budget as it was set: cents at least, more places when it has them', () => {
    expect(formatBudgetUsd(2)).toBe('$2.00');
    expect(formatBudgetUsd(2.5)).toBe('$2.50');
    expect(formatBudgetUsd(0.005)).toBe('$0.005');
    expect(formatBudgetUsd(0.00001)).toBe('$0.00001');
    expect(formatBudgetUsd(0.0000001)).toBe('<$0.000001');
  });
});
