import {
  isValidAgentId,
  isValidCwd,
  isValidExecutorSessionId,
  isValidSessionId,
  isValidSessionName,
} from '../identifiers';
import { isPlainObject, setOwn, type PlainObject } from '../plain-object';
import { pointerSegment } from '../validation/json-pointer';
import { legacySessionId } from './legacy-id';

/** Used when nothing of a name survives. */
const FALLBACK_NAME = 'session';
const MAX_NAME_LENGTH = 200;

/** The closest allowed name: each run of other characters becomes `-`. */
export function safeSessionName(name: string): string {
  const word = name
    .trim()
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[._-]+/, '')
    .slice(0, MAX_NAME_LENGTH);
  return word === '' ? FALLBACK_NAME : word;
}

/** Agent of a record whose agent has nothing usable left. */
const UNKNOWN_AGENT = 'unknown';

/** The closest allowed agent id: control characters and backslashes dropped, and `.`, `..` and empty segments. */
function safeAgent(agent: string): string {
  const segments = agent
    .replace(/[\u0000-\u001f\u007f\\]+/g, '')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.' && segment !== '..');
  return segments.length === 0 ? UNKNOWN_AGENT : segments.join('/');
}

/**
 * Gives every session an id, agent, name, executor session id and cwd of the allowed shapes, keeping
 * the old value beside it (`originalSessionId`, `originalAgent`, `originalName`,
 * `originalExecutorSessionId`, `originalCwd`) so nothing is lost. Predecessor stores hold names with spaces or `/`; a damaged or
 * planted store may hold an id like `../../x`, which would name a log file outside the
 * logs directory. The new id is derived from the record, so the same file always gives
 * the same ids. Returns a new map (entries copied only when changed) and one warning per
 * change; names may collide afterwards, which uniquifyNames settles.
 */
export function safeIdentifiers(sessions: PlainObject): { sessions: PlainObject; warnings: string[] } {
  const warnings: string[] = [];
  const result: PlainObject = {};
  for (const [key, entry] of Object.entries(sessions)) {
    if (!isPlainObject(entry)) {
      setOwn(result, key, entry);
      continue;
    }
    const origin = `/sessions${pointerSegment(key)}`;
    let fixed: PlainObject = entry;
    let id = key;
    const copy = (): PlainObject => (fixed === entry ? { ...entry } : fixed);
    if (!isValidSessionId(key) || (typeof entry.sessionId === 'string' && !isValidSessionId(entry.sessionId))) {
      id = legacySessionId(typeof entry.agent === 'string' ? entry.agent : '', entry, origin);
      fixed = copy();
      setOwn(fixed, 'sessionId', id);
      if (fixed.originalSessionId === undefined) setOwn(fixed, 'originalSessionId', entry.sessionId ?? key);
      warnings.push(`${origin}: session id ${JSON.stringify(entry.sessionId ?? key)} is not allowed (it names the log file); stored as ${JSON.stringify(id)}`);
    }
    if (typeof entry.agent === 'string' && !isValidAgentId(entry.agent)) {
      const agent = safeAgent(entry.agent);
      fixed = copy();
      setOwn(fixed, 'agent', agent);
      if (fixed.originalAgent === undefined) setOwn(fixed, 'originalAgent', entry.agent);
      warnings.push(`${origin}: agent ${JSON.stringify(entry.agent)} is not a path under .genie/agents/; recorded as ${JSON.stringify(agent)}`);
    }
    if (typeof entry.name === 'string' && !isValidSessionName(entry.name)) {
      const name = safeSessionName(entry.name);
      fixed = copy();
      setOwn(fixed, 'name', name);
      if (fixed.originalName === undefined) setOwn(fixed, 'originalName', entry.name);
      warnings.push(`${origin}: name ${JSON.stringify(entry.name)} is not one word of letters, digits, '.', '_' and '-'; renamed to ${JSON.stringify(name)}`);
    }
    if (typeof entry.executorSessionId === 'string' && !isValidExecutorSessionId(entry.executorSessionId)) {
      fixed = copy();
      setOwn(fixed, 'executorSessionId', null);
      setOwn(fixed, 'originalExecutorSessionId', entry.executorSessionId);
      warnings.push(`${origin}: executor session id ${JSON.stringify(entry.executorSessionId)} could be taken for an option of the agent CLI; set aside as originalExecutorSessionId, so a resume starts a new conversation`);
    }
    if (typeof entry.cwd === 'string' && !isValidCwd(entry.cwd)) {
      fixed = copy();
      delete fixed.cwd;
      setOwn(fixed, 'originalCwd', entry.cwd);
      warnings.push(`${origin}: cwd ${JSON.stringify(entry.cwd)} is not an absolute path; set aside as originalCwd, so a resume runs in the workspace`);
    }
    setOwn(result, id, fixed);
  }
  return { sessions: result, warnings };
}
