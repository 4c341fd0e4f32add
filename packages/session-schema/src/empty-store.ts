import { CURRENT_STORE_VERSION } from './migrations/registry';
import type { SessionStore } from './types';

export function emptyStore(): SessionStore {
  return { version: CURRENT_STORE_VERSION, sessions: {} };
}
