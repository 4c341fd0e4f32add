import { uniquifyNames } from '../../src/migrations/unique-names';
import { deepFreeze } from '../helpers/deep-freeze';

describe('uniquifyNames', () => {
  it('leaves unique names, unnamed entries and non-string names alone', () => {
    const sessions = deepFreeze({ a: { name: 'x' }, b: {}, c: { name: 5 }, d: { name: 'y' }, e: 'not an entry' });
    const result = uniquifyNames(sessions);
    expect(result.sessions).toEqual(sessions);
    expect(result.warnings).toEqual([]);
  });

  it('renames later holders without touching the input', () => {
    const sessions = deepFreeze({ a: { name: 'x' }, b: { name: 'x' } });
    const result = uniquifyNames(sessions);
    expect(result.sessions).toEqual({ a: { name: 'x' }, b: { name: 'x-2' } });
    expect(sessions.b.name).toBe('x');
  });
});
