import { CURRENT_STORE_VERSION, MIGRATIONS } from '@genie/session-schema';

describe('MIGRATIONS', () => {
  it('forms one unbroken chain from version 1 to the current version', () => {
    expect(MIGRATIONS.map((step) => [step.from, step.to])).toEqual(
      Array.from({ length: CURRENT_STORE_VERSION - 1 }, (_, index) => [index + 1, index + 2]),
    );
  });
});
