import type { SessionEntry } from '@genie/session-schema';
import { reconcileSession } from '@genie/launcher';
import type { GenieContext } from '../genie-context';
import { resolveSession } from './resolve-session';

/** Resolves a user's session reference and reconciles the record, as every read must. */
export async function findSession(context: GenieContext, reference: string): Promise<SessionEntry> {
  const launch = await context.launchContext();
  const entry = await resolveSession(launch.storage, reference);
  return reconcileSession(launch, entry);
}
