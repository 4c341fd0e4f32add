import { hasOwn, isPlainObject } from './plain-object';

/**
 * The store version a parsed sessions file is in, or null when it is not a store at all.
 * An explicit `version` decides, except that a store still holding an `agents` map has
 * not finished its V1 migration (half-migrated files): it reads as version 1 so the
 * V1 step moves those entries into `sessions`. Without `version`, `agents` means 1 and
 * `sessions` means 2. Versions newer than this code are returned as they are; refusing
 * them is the caller's decision.
 */
export function detectStoreVersion(data: unknown): number | null {
  if (!isPlainObject(data)) return null;
  const hasAgents = hasOwn(data, 'agents');
  if (hasOwn(data, 'version')) {
    const version = data.version;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return null;
    if (version <= 2 && hasAgents && isPlainObject(data.agents)) return 1;
    return version;
  }
  if (hasAgents) return 1;
  if (hasOwn(data, 'sessions')) return 2;
  return null;
}
