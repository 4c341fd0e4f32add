import { CURRENT_STORE_VERSION, type SessionStoreV2 } from './types';

export function emptyStore(): SessionStoreV2 {
  return { version: CURRENT_STORE_VERSION, sessions: {} };
}
