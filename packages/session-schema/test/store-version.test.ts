import { detectStoreVersion } from '@genie/session-schema';
import { loadFixture } from './helpers/fixtures';

describe('detectStoreVersion', () => {
  it.each([
    ['v1-clean', 1],
    ['v1-dirty', 1],
    ['v2-predecessor', 2],
    ['half-migrated', 1],
    ['v3', 3],
    ['empty', null],
  ])('reads %s as %p', (fixture, version) => {
    expect(detectStoreVersion(loadFixture(fixture))).toBe(version);
  });

  it('goes by the keys when there is no version field', () => {
    expect(detectStoreVersion({ sessions: {} })).toBe(2);
    expect(detectStoreVersion({ agents: {} })).toBe(1);
    expect(detectStoreVersion({ agents: {}, sessions: {} })).toBe(1);
  });

  it('reads a version-2 file that still holds agents as unfinished version 1', () => {
    expect(detectStoreVersion({ version: 2, agents: {}, sessions: {} })).toBe(1);
    expect(detectStoreVersion({ version: 3, agents: {} })).toBe(3);
  });

  it.each([null, [], 'x', 2, { version: '2', sessions: {} }, { version: 0 }, { version: 1.5 }, { other: 1 }])(
    'returns null for %p',
    (data) => {
      expect(detectStoreVersion(data)).toBeNull();
    },
  );
});
