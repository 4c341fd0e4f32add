import { isPlainObject, setOwn, type PlainObject } from '../plain-object';

/**
 * Makes friendly names unique in a sessions map: the first holder (in key order) keeps a
 * name, later ones become `<name>-2`, `<name>-3`, ... (skipping names already in use).
 * Returns a new map (entries copied only when renamed) and one warning per rename.
 */
export function uniquifyNames(sessions: PlainObject): { sessions: PlainObject; warnings: string[] } {
  const allNames = new Set<string>();
  for (const entry of Object.values(sessions)) {
    if (isPlainObject(entry) && typeof entry.name === 'string') allNames.add(entry.name);
  }
  const claimed = new Set<string>();
  const warnings: string[] = [];
  const result: PlainObject = {};
  for (const [key, entry] of Object.entries(sessions)) {
    if (!isPlainObject(entry) || typeof entry.name !== 'string') {
      setOwn(result, key, entry);
      continue;
    }
    if (!claimed.has(entry.name)) {
      claimed.add(entry.name);
      setOwn(result, key, entry);
      continue;
    }
    let suffix = 2;
    while (allNames.has(`${entry.name}-${suffix}`)) suffix += 1;
    const renamed = `${entry.name}-${suffix}`;
    allNames.add(renamed);
    claimed.add(renamed);
    setOwn(result, key, { ...entry, name: renamed });
    warnings.push(`session ${JSON.stringify(key)}: name ${JSON.stringify(entry.name)} was already taken, renamed to ${JSON.stringify(renamed)}`);
  }
  return { sessions: result, warnings };
}
