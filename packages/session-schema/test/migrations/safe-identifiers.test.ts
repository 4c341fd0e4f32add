import { migrate, validate } from '@genie/session-schema';

const entry = (fields: Record<string, unknown>) => ({ agent: 'implementor', status: 'completed', ...fields });

describe('migrate, on a version-2 store holding unsafe identifiers', () => {
  it('keeps a session whose id would name a file outside the logs directory under a derived id', () => {
    const hostile = '../../../tmp/x/pwned';
    const result = migrate({ version: 2, sessions: { [hostile]: entry({ sessionId: hostile, name: 'pwned' }) } });
    const [id] = Object.keys(result.store.sessions);
    expect(id).toMatch(/^legacy-implementor-[0-9a-f]{12}$/);
    expect(result.store.sessions[id as string]).toMatchObject({ sessionId: id, originalSessionId: hostile, name: 'pwned', agent: 'implementor' });
    expect(result.migrated).toBe(true);
    expect(result.warnings).toEqual([
      `/sessions/..~1..~1..~1tmp~1x~1pwned: session id "${hostile}" is not allowed (it names the log file); stored as "${id}"`,
    ]);
    expect(validate(result.store)).toEqual([]);
  });

  it('renames names that are not one word, sets aside option-like executor ids and relative cwds, keeping every old value', () => {
    const result = migrate({
      version: 2,
      sessions: {
        a: entry({ sessionId: 'a', name: 'my task', executorSessionId: '--dangerously-skip-permissions', cwd: 'relative' }),
        b: entry({ sessionId: 'b', name: 'my-task' }),
        c: entry({ sessionId: 'c', agent: '../../x', name: 'evil\u001b[2J' }),
      },
    });
    expect(result.store.sessions.a).toMatchObject({
      name: 'my-task',
      originalName: 'my task',
      executorSessionId: null,
      originalExecutorSessionId: '--dangerously-skip-permissions',
      originalCwd: 'relative',
    });
    expect(result.store.sessions.a).not.toHaveProperty('cwd');
    expect(result.store.sessions.b?.name).toBe('my-task-2');
    expect(result.store.sessions.c).toMatchObject({ agent: 'x', originalAgent: '../../x', name: 'evil-2J', originalName: 'evil\u001b[2J' });
    expect(validate(result.store)).toEqual([]);
    expect(migrate(result.store)).toMatchObject({ migrated: false, warnings: [] });
  });
});
