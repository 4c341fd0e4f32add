import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type SqlValue = string | number | null;

/** The part of a prepared statement genie uses; node:sqlite and better-sqlite3 both have it. */
export interface SqliteStatement {
  run(...params: SqlValue[]): { changes: number | bigint };
  get(...params: SqlValue[]): Record<string, unknown> | undefined;
  all(...params: SqlValue[]): Array<Record<string, unknown>>;
}

export interface SqliteConnection {
  exec(sql: string): void;
  prepare(sql: string): SqliteStatement;
  close(): void;
}

export type SqliteDriverName = 'node:sqlite' | 'better-sqlite3';

export interface SqliteDriver {
  name: SqliteDriverName;
  open(file: string, options?: { readOnly?: boolean }): SqliteConnection;
  /**
   * A read-only view of the main database file that writes nothing beside it: no `-wal`, no
   * `-shm`, no lock. It sees only what the main file holds, so it is only right when the
   * write-ahead log holds no change (see disk-full-snapshot.ts).
   */
  openSnapshot(file: string): SqliteConnection;
}

interface NodeSqliteModule {
  DatabaseSync: new (file: string | URL, options?: { readOnly?: boolean }) => SqliteConnection;
}

type BetterSqliteConstructor = new (
  file: string | Buffer,
  options?: { readonly?: boolean; fileMustExist?: boolean; timeout?: number; nativeBinding?: string },
) => SqliteConnection;

/** Bytes 18 and 19 of a database file: the file format versions, 2 for a database in WAL mode. */
const FORMAT_VERSION_OFFSETS = [18, 19] as const;

/**
 * node:sqlite prints an ExperimentalWarning when it is first loaded, on every command's
 * stderr; genie relies only on its stable core (open, exec, prepare), so that one warning
 * is held back while it loads. Any other warning passes.
 */
function withoutSqliteWarning<T>(load: () => T): T {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (/sqlite/i.test(text)) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return load();
  } finally {
    process.emitWarning = emitWarning;
  }
}

function loadNodeSqlite(): SqliteDriver | null {
  const getBuiltinModule = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  let module: NodeSqliteModule | undefined;
  try {
    // Node 22.13+ and 24 have it without a flag; older versions have no such builtin.
    module = withoutSqliteWarning(() => getBuiltinModule?.call(process, 'node:sqlite')) as NodeSqliteModule | undefined;
  } catch {
    return null;
  }
  if (typeof module?.DatabaseSync !== 'function') return null;
  const { DatabaseSync } = module;
  return {
    name: 'node:sqlite',
    open: (file, options = {}) => new DatabaseSync(file, { readOnly: options.readOnly ?? false }),
    openSnapshot: (file) => {
      // SQLite's `immutable` URI parameter: no locks, no -shm, the file read as it is. A
      // node:sqlite that takes no URL yet (early 22.x) throws here, and no snapshot is offered.
      const url = pathToFileURL(file);
      url.searchParams.set('immutable', '1');
      return new DatabaseSync(url, { readOnly: true });
    },
  };
}

/**
 * The addon better-sqlite3 built or downloaded at install (both put it in build/Release),
 * handed to it directly: otherwise it finds it through the `bindings` package, which reads
 * a stack trace and probes a dozen paths on every start. Undefined, letting it search, when
 * the addon is elsewhere.
 */
function installedAddon(requireHere: NodeRequire): string | undefined {
  try {
    const addon = join(dirname(requireHere.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
    return existsSync(addon) ? addon : undefined;
  } catch {
    return undefined;
  }
}

function loadBetterSqlite(): SqliteDriver | null {
  const requireHere = createRequire(__filename);
  let Database: BetterSqliteConstructor;
  try {
    // An optional dependency, required at run time so that bundling never pulls it in and
    // a failed native build only takes this driver away.
    Database = requireHere('better-sqlite3') as BetterSqliteConstructor;
  } catch {
    return null;
  }
  const nativeBinding = installedAddon(requireHere);
  const addon = nativeBinding === undefined ? {} : { nativeBinding };
  return {
    name: 'better-sqlite3',
    // Its own busy timeout (5 s by default) is replaced by the store's, set per connection.
    open: (file, options = {}) =>
      new Database(file, { ...addon, readonly: options.readOnly ?? false, fileMustExist: options.readOnly ?? false, timeout: 0 }),
    openSnapshot: (file) => {
      // better-sqlite3 takes no URI parameters, but opens a serialized database (a Buffer) in
      // memory. SQLite cannot use an in-memory image marked for WAL mode, so the copy is marked
      // for rollback-journal mode first, as the sqlite3_deserialize documentation advises.
      const image = readFileSync(file);
      if (image.length > FORMAT_VERSION_OFFSETS[1]) for (const offset of FORMAT_VERSION_OFFSETS) image[offset] = 1;
      return new Database(image, { ...addon, readonly: true });
    },
  };
}

let loaded: SqliteDriver | null | undefined;

/**
 * The SQLite driver this Node can use: node:sqlite where Node has it (nothing to install),
 * else better-sqlite3 (Node 20, where its native build succeeded); null when neither.
 */
export function loadSqliteDriver(): SqliteDriver | null {
  if (loaded === undefined) loaded = loadNodeSqlite() ?? loadBetterSqlite();
  return loaded;
}

/** Which driver the SQLite store uses in this process (for `genie doctor` and tests); null when none. */
export function sqliteDriverName(): SqliteDriverName | null {
  return loadSqliteDriver()?.name ?? null;
}
