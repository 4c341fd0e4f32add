/**
 * The shapes of the identifiers a session record holds. They are the store's boundary:
 * a session id names its log file and an executor session id becomes an argument of the
 * agent CLI, so a record from a damaged or planted store must never carry a value that
 * could leave the logs directory, pass for a command-line option, or control a terminal.
 * The JSON Schemas in ../schemas hold the same patterns; a test keeps them in step.
 */

/** Letters, digits, `.`, `_` and `-`, starting with a letter or digit: a UUID, or `legacy-<agent>-<hash>`. */
export const SESSION_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$';

/** One command-line word of letters (any script), digits, `.`, `_` and `-`, starting with a letter or digit. */
export const SESSION_NAME_PATTERN = '^[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{0,199}$';

/**
 * A path under `.genie/agents/` without `.md`: segments separated by `/`, none empty, `.`
 * or `..`, no backslash and no control character.
 */
export const AGENT_ID_PATTERN = '^(?!(?:[^/]*/)*\\.{1,2}(?:/|$))(?:[^/\\\\\\u0000-\\u001f\\u007f]+/)*[^/\\\\\\u0000-\\u001f\\u007f]+$';

/** What an agent CLI reported as its conversation id: one word that does not start with `-`. */
export const EXECUTOR_SESSION_ID_PATTERN = '^[A-Za-z0-9_][A-Za-z0-9._:@+=-]{0,199}$';

/** An absolute directory (POSIX, or a Windows drive or UNC path) without NUL. */
export const CWD_PATTERN = '^(?:/|[A-Za-z]:[\\\\/]|\\\\\\\\)[^\\u0000]*$';

const sessionId = new RegExp(SESSION_ID_PATTERN);
const sessionName = new RegExp(SESSION_NAME_PATTERN, 'u');
const agentId = new RegExp(AGENT_ID_PATTERN);
const executorSessionId = new RegExp(EXECUTOR_SESSION_ID_PATTERN);
const cwd = new RegExp(CWD_PATTERN);

export function isValidSessionId(value: unknown): value is string {
  return typeof value === 'string' && sessionId.test(value);
}

export function isValidSessionName(value: unknown): value is string {
  return typeof value === 'string' && sessionName.test(value);
}

export function isValidAgentId(value: unknown): value is string {
  return typeof value === 'string' && agentId.test(value);
}

export function isValidExecutorSessionId(value: unknown): value is string {
  return typeof value === 'string' && executorSessionId.test(value);
}

export function isValidCwd(value: unknown): value is string {
  return typeof value === 'string' && cwd.test(value);
}

/** What each pattern of the entry schema asks for, in words, for validation messages. */
export const PATTERN_WORDS: Readonly<Record<string, string>> = {
  [SESSION_ID_PATTERN]: "must be letters, digits, '.', '_' and '-' starting with a letter or digit (it names the session's log file)",
  [SESSION_NAME_PATTERN]: "must be one word of letters, digits, '.', '_' and '-' starting with a letter or digit",
  [AGENT_ID_PATTERN]: "must be a path under .genie/agents/ (no '.', '..' or empty segments, no backslash or control character)",
  [EXECUTOR_SESSION_ID_PATTERN]: "must be one word that does not start with '-' (it is passed to the agent CLI)",
  [CWD_PATTERN]: 'must be an absolute path',
};
