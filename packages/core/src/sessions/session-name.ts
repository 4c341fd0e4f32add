import { GenieError } from '@genie/errors';
import { agentBasename } from '../agents/agent-definition';

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * The predecessor's default friendly name, `{agent}-{YYMMDDHHmm}` in local time; the
 * store appends `-2`, `-3`... when several sessions of an agent start in one minute.
 */
export function defaultSessionName(agentId: string, at: Date): string {
  const stamp = [at.getFullYear() % 100, at.getMonth() + 1, at.getDate(), at.getHours(), at.getMinutes()]
    .map(twoDigits)
    .join('');
  return `${agentBasename(agentId)}-${stamp}`;
}

/** A `--name` is typed on command lines and matched exactly, so it must be one plain word. */
export function checkSessionName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '' || /\s/.test(trimmed) || trimmed.length > 200) {
    throw new GenieError('INVALID_INPUT', `Session name "${name}" is not allowed: use one word without spaces (at most 200 characters).`, {
      hint: 'Pick a name like `fix-login-bug`, or leave --name out for a generated one.',
      details: { name },
    });
  }
  return trimmed;
}
