import path from 'node:path';
import type { SessionEntry } from '@genie/session-schema';
import { openStorage } from '@genie/storage';

/** The records in a workspace's default store (the SQLite database), read as another process would. */
export async function storedRecords(workspace: string): Promise<SessionEntry[]> {
  const storage = await openStorage({ kind: 'sqlite', file: path.join(workspace, '.genie', 'state', 'genie.db') });
  try {
    return await storage.list();
  } finally {
    await storage.close();
  }
}

export async function storedRecord(workspace: string, sessionId: string): Promise<SessionEntry | undefined> {
  return (await storedRecords(workspace)).find((record) => record.sessionId === sessionId);
}
