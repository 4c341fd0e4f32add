import { isPlainObject, type PlainObject } from '../plain-object';

/** Fields whose presence marks a V1 value as a session record rather than a leaked setting. */
export const SESSION_MARKER_FIELDS = [
  'agent',
  'created',
  'lastUsed',
  'startTime',
  'logFile',
  'executor',
  'mode',
  'preset',
  'status',
  'lastPrompt',
  'runnerPid',
  'executorPid',
  'background',
] as const;

export function isSessionLike(value: unknown): value is PlainObject {
  if (!isPlainObject(value)) return false;
  if (typeof value.sessionId === 'string') return true;
  return SESSION_MARKER_FIELDS.some((field) => Object.prototype.hasOwnProperty.call(value, field));
}
