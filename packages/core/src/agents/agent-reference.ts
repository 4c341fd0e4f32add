import { GenieError } from '@genie/errors';

/**
 * Checks an agent reference from a user or an AI client before it touches the file
 * system: ids are paths under `.genie/agents/`, so anything that could leave that
 * directory is refused outright. Returns the reference without a trailing `.md`.
 */
export function normaliseAgentReference(reference: string): string {
  const trimmed = reference.trim();
  const refuse = (why: string): never => {
    throw new GenieError('INVALID_INPUT', `Agent reference "${reference}" is not allowed: ${why}.`, {
      hint: 'Name an agent by its id (`qa/reviewer`), its basename or its `name`; run `genie list agents` to see them.',
      details: { agent: reference },
    });
  };
  if (trimmed === '') refuse('it is empty');
  if (trimmed.includes('\\')) refuse('it contains a backslash');
  if (trimmed.startsWith('/') || /^[A-Za-z]:/.test(trimmed)) refuse('it is an absolute path');
  if (trimmed.includes('\0')) refuse('it contains a NUL character');
  const segments = trimmed.split('/');
  if (segments.some((segment) => segment === '..' || segment === '.' || segment === '')) {
    refuse('ids are plain paths under .genie/agents/ (no "..", "." or empty segments)');
  }
  return trimmed.endsWith('.md') ? trimmed.slice(0, -3) : trimmed;
}
