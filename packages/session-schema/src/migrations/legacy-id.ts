import { canonicalJson } from './canonical-json';

const HASH_LENGTH = 12;
const MAX_AGENT_LENGTH = 40;

/** The agent name reduced to characters that are safe in file names and shell words. */
function agentSlug(agent: string): string {
  const slug = agent
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_AGENT_LENGTH);
  return slug === '' ? 'agent' : slug;
}

/**
 * A session id for a legacy record that has none, derived from its content and from where
 * it was found (`origin`, e.g. its agent key), so the same file always migrates to the
 * same ids and two identical records under different keys still get different ones.
 */
export function legacySessionId(agent: string, entry: unknown, origin: string): string {
  // Required here, not imported: only a V1 migration hashes, and loading node:crypto would
  // cost every process that loads the schema (every genie command) ~2 ms of start-up.
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  const hash = createHash('sha256').update(canonicalJson(entry)).update('\u0000').update(origin).digest('hex');
  return `legacy-${agentSlug(agent)}-${hash.slice(0, HASH_LENGTH)}`;
}
