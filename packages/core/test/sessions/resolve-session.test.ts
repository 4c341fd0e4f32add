import { createMemoryStorage, type SessionStorage } from '@genie/storage';
import { resolveSession } from '../../src/sessions/resolve-session';
import { errorOf } from '../helpers/error-of';

async function storeWith(...entries: Array<{ sessionId: string; name?: string }>): Promise<SessionStorage> {
  const storage = createMemoryStorage();
  for (const entry of entries) await storage.create({ agent: 'a', ...entry });
  return storage;
}

const A = '3f2a9c10-0000-4000-8000-000000000001';
const B = '3f2a9c11-0000-4000-8000-000000000002';
const C = '7b7b7b7b-0000-4000-8000-000000000003';

describe('resolveSession', () => {
  it('finds a session by full id, by name and by a unique prefix of six or more characters', async () => {
    const storage = await storeWith({ sessionId: A, name: 'fix-login' }, { sessionId: B, name: 'tests' }, { sessionId: C });
    expect((await resolveSession(storage, A)).sessionId).toBe(A);
    expect((await resolveSession(storage, 'fix-login')).sessionId).toBe(A);
    expect((await resolveSession(storage, '7b7b7b')).sessionId).toBe(C);
    expect((await resolveSession(storage, '3f2a9c10')).sessionId).toBe(A);
  });

  it('finds a session by a prefix typed or copied in capitals, as ids are case-insensitive hex', async () => {
    const storage = await storeWith({ sessionId: A, name: 'fix-login' }, { sessionId: C });
    expect((await resolveSession(storage, '7B7B7B7B')).sessionId).toBe(C);
    expect((await resolveSession(storage, '3F2A9C10-0000')).sessionId).toBe(A);
    expect((await errorOf(resolveSession(storage, 'FFFFFF'))).code).toBe('SESSION_NOT_FOUND');
  });

  it('refuses a prefix shorter than six characters, saying why', async () => {
    const storage = await storeWith({ sessionId: C });
    const error = await errorOf(resolveSession(storage, '7b7b7'));
    expect(error.code).toBe('SESSION_NOT_FOUND');
    expect(error.message).toContain('at least 6 characters');
  });

  it('lists the candidates, with their names, for an ambiguous prefix', async () => {
    const storage = await storeWith({ sessionId: A, name: 'fix-login' }, { sessionId: B, name: 'tests' });
    const error = await errorOf(resolveSession(storage, '3f2a9c'));
    expect(error.code).toBe('SESSION_AMBIGUOUS');
    expect(error.message).toContain(`${A} (fix-login)`);
    expect(error.message).toContain(`${B} (tests)`);
    expect(error.details.candidates).toEqual(
      expect.arrayContaining([{ sessionId: A, name: 'fix-login' }, { sessionId: B, name: 'tests' }]),
    );
  });

  it('prefers an exact name over an id prefix', async () => {
    const storage = await storeWith({ sessionId: A }, { sessionId: C, name: '3f2a9c10' });
    expect((await resolveSession(storage, '3f2a9c10')).sessionId).toBe(C);
  });

  it('points an unknown reference to `genie list sessions`', async () => {
    const error = await errorOf(resolveSession(await storeWith({ sessionId: A }), 'nothing-like-it'));
    expect(error.code).toBe('SESSION_NOT_FOUND');
    expect(error.hint).toContain('genie list sessions');
  });
});
