import { legacySessionId } from '../../src/migrations/legacy-id';

describe('legacySessionId', () => {
  it('is stable for the same content and origin', () => {
    expect(legacySessionId('qa', { created: 't', n: [1, { b: 2, a: 1 }] }, '/agents/qa')).toBe(
      legacySessionId('qa', { n: [1, { a: 1, b: 2 }], created: 't' }, '/agents/qa'),
    );
  });

  it('differs by origin, so identical records under two keys do not collide', () => {
    expect(legacySessionId('qa', { created: 't' }, '/agents/a')).not.toBe(legacySessionId('qa', { created: 't' }, '/agents/b'));
  });

  it('keeps only file-safe characters of the agent name', () => {
    expect(legacySessionId('neurons/forge x', {}, '/agents/x')).toMatch(/^legacy-neurons-forge-x-[0-9a-f]{12}$/);
    expect(legacySessionId('', {}, '/agents/')).toMatch(/^legacy-agent-[0-9a-f]{12}$/);
    expect(legacySessionId('é/ü', {}, '/agents/x')).toMatch(/^legacy-agent-[0-9a-f]{12}$/);
  });
});
