import {
  AGENT_ID_PATTERN,
  CWD_PATTERN,
  EXECUTOR_SESSION_ID_PATTERN,
  SESSION_ID_PATTERN,
  SESSION_NAME_PATTERN,
  isValidAgentId,
  isValidCwd,
  isValidExecutorSessionId,
  isValidSessionId,
  isValidSessionName,
  sessionEntryV2Schema,
  validateEntry,
} from '@genie/session-schema';

const properties = sessionEntryV2Schema.properties as Record<string, { pattern?: string }>;

describe('identifier shapes', () => {
  it('are the patterns the entry schema validates with', () => {
    expect(properties.sessionId?.pattern).toBe(SESSION_ID_PATTERN);
    expect(properties.name?.pattern).toBe(SESSION_NAME_PATTERN);
    expect(properties.agent?.pattern).toBe(AGENT_ID_PATTERN);
    expect(properties.executorSessionId?.pattern).toBe(EXECUTOR_SESSION_ID_PATTERN);
    expect(properties.cwd?.pattern).toBe(CWD_PATTERN);
  });

  it('accept what genie and the predecessor write', () => {
    for (const id of ['0b8f6c1e-4d2a-4f3b-9c5d-1e2f3a4b5c6d', 'legacy-neurons-forge-fd695faec36a', 'abc-123']) expect(isValidSessionId(id)).toBe(true);
    for (const name of ['implementor-2510171530-2', 'fix-login-bug', 'réviseur.v2', 'task_1']) expect(isValidSessionName(name)).toBe(true);
    for (const agent of ['implementor', 'qa/reviewer', 'neurons/forge', 'my agent']) expect(isValidAgentId(agent)).toBe(true);
    for (const id of ['0b8f6c1e-4d2a-4f3b-9c5d-1e2f3a4b5c6d', 'thread_01J9', 'sess:42']) expect(isValidExecutorSessionId(id)).toBe(true);
    for (const dir of ['/home/me/project', 'C:\\work', '\\\\server\\share']) expect(isValidCwd(dir)).toBe(true);
  });

  it('refuse ids that leave the logs directory, names that are no word, and ids the agent CLI would take for options', () => {
    for (const id of ['../../../tmp/x/pwned', 'a/b', '..', '.hidden', '', 'a\u0000b', 'a b', 'x'.repeat(201)]) expect(isValidSessionId(id)).toBe(false);
    for (const name of ['my task', '-x', 'a/b', 'a\u001b]52;c;eA==\u0007', '', '_x']) expect(isValidSessionName(name)).toBe(false);
    for (const agent of ['../etc/passwd', 'a/../b', '/abs', 'a//b', 'a\\b', 'a\u001bb', '', '.', 'a/']) expect(isValidAgentId(agent)).toBe(false);
    for (const id of ['--dangerously-skip-permissions', '-r', 'a b', 'a\nb', '']) expect(isValidExecutorSessionId(id)).toBe(false);
    for (const dir of ['relative/dir', '', '/a\u0000b']) expect(isValidCwd(dir)).toBe(false);
  });

  it('are checked when an entry is validated, with what is expected in words', () => {
    expect(validateEntry({ sessionId: '../../../tmp/x/pwned', agent: 'x', executorSessionId: '--help' })).toEqual([
      "/sessionId: must be letters, digits, '.', '_' and '-' starting with a letter or digit (it names the session's log file)",
      "/executorSessionId: must be one word that does not start with '-' (it is passed to the agent CLI)",
    ]);
  });
});
