import { CURRENT_STORE_VERSION, type SessionEntry } from '@genie/session-schema';
import type { ExportFormat } from '../api-types';
import type { GenieContext } from '../genie-context';

/**
 * Every session record in a file format others read: `v2-json` is the predecessor's
 * `sessions.json` (version 2, keyed by session id, pretty-printed), for scripts written for
 * it. Oldest first, as the predecessor's file grew.
 */
export async function exportSessions(context: GenieContext, _options: { format?: ExportFormat } = {}): Promise<Buffer> {
  const records = await (await context.storage()).list();
  const sessions: Record<string, SessionEntry> = {};
  for (const record of [...records].reverse()) sessions[record.sessionId] = record;
  return Buffer.from(`${JSON.stringify({ version: CURRENT_STORE_VERSION, sessions }, null, 2)}\n`);
}
