import { createRequire } from 'node:module';

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
}

interface NodeSqliteModule {
  DatabaseSync: new (file: string, options?: { readOnly?: boolean }) => SqliteConnection;
}

type BetterSqliteConstructor = new (file: string, options?: { readonly?: boolean; fileMustExist?: boolean; timeout?: number }) => SqliteConnection;

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
  return { name: 'node:sqlite', open: (file, options = {}) => new DatabaseSync(file, { readOnly: options.readOnly ?? false }) };
}

function loadBetterSqlite(): SqliteDriver | null {
  let Database: BetterSqliteConstructor;
  try {
    // An optional dependency, required at run time so that bundling never pulls it in and
    // a failed native build only takes this driver away.
    Database = createRequire(__filename)('better-sqlite3') as BetterSqliteConstructor;
  } catch {
    return null;
  }
  return {
    name: 'better-sqlite3',
    // Its own busy timeout (5 s by default) is replaced by the store's, set per connection.
    open: (file, options = {}) => new Database(file, { readonly: options.readOnly ?? false, fileMustExist: options.readOnly ?? false, timeout: 0 }),
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
