import { GenieError } from '@genie/errors';
import { safeSessionName } from '@genie/session-schema';
import { agentBasename } from '../agents/agent-definition';
import { MIN_ID_PREFIX } from './resolve-session';

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * The predecessor's default friendly name, `{agent}-{YYMMDDHHmm}` in local time; the
 * store appends `-2`, `-3`... when several sessions of an agent start in one minute. An
 * agent basename that is not one word (`my agent`) is made one (`my-agent`).
 */
export function defaultSessionName(agentId: string, at: Date): string {
  const stamp = [at.getFullYear() % 100, at.getMonth() + 1, at.getDate(), at.getHours(), at.getMinutes()]
    .map(twoDigits)
    .join('');
  return `${safeSessionName(agentBasename(agentId))}-${stamp}`;
}

const MAX_NAME_LENGTH = 200;

/** One command-line word that never needs quoting and never looks like an option. */
const NAME_SHAPE = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;

/**
 * Sessions are found by name before id prefix, so a name that could be an id prefix
 * (hex of MIN_ID_PREFIX+ characters, or a migrated `legacy-...` id) would hide the
 * session whose id starts with it.
 */
function looksLikeSessionId(name: string): boolean {
  return new RegExp(`^[0-9a-f][0-9a-f-]{${MIN_ID_PREFIX - 1},}$`, 'i').test(name) || /^legacy-/i.test(name);
}

function refuse(name: string, why: string, hint: string): never {
  throw new GenieError('INVALID_INPUT', `Session name "${name}" is not allowed: ${why}.`, { hint, details: { name } });
}

/**
 * A `--name` is typed on command lines and matched exactly: letters, digits, `.`, `_` and
 * `-` (no spaces or `/`), starting with a letter or digit, and never shaped like an id.
 */
export function checkSessionName(name: string): string {
  const trimmed = name.trim();
  const example = 'Pick a name like `fix-login-bug`, or leave --name out for a generated one.';
  if (trimmed.length > MAX_NAME_LENGTH) refuse(name, `it is longer than ${MAX_NAME_LENGTH} characters`, example);
  if (!NAME_SHAPE.test(trimmed)) {
    refuse(name, "use only letters, digits, '.', '_' and '-' (no spaces or '/'), starting with a letter or digit", example);
  }
  if (looksLikeSessionId(trimmed)) {
    refuse(
      name,
      `it looks like a session id, so \`genie view ${trimmed}\` would find this session instead of one whose id starts with ${trimmed}`,
      `Add a word that is not hex, e.g. \`task-${trimmed}\`, or leave --name out for a generated one.`,
    );
  }
  return trimmed;
}
