import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { InvalidArgumentError, KaguraError } from '@kagura-ts/provider';
import type { KeyvStoreAdapter } from 'keyv';
import type { StoreUnreachableWarning } from './redis-store.js';

/** Options for {@link SqliteStore}. */
export interface SqliteStoreOptions {
  /**
   * The database file; its directory is created if missing. `':memory:'` keeps the data in this
   * process only.
   * @example '.kagura/cache.db'
   */
  path: string;
  /**
   * The table that holds the entries: letters, digits and underscores, not starting with a digit.
   * @default 'kagura_cache'
   */
  table?: string;
  /**
   * How long a write waits for another connection's lock (another process writing the same file)
   * before it fails with `SQLITE_BUSY`, in milliseconds. `node:sqlite` is synchronous, so the wait
   * blocks the event loop: keep it short. Our writes hold the lock for well under a millisecond.
   * @default 1000
   */
  busyTimeoutMs?: number;
  /** The clock, for expiry times. @default Date.now */
  now?: () => number;
  /**
   * Called once, after the constructor returns, if the file cannot be opened as a database (a
   * corrupt or foreign file, a directory that cannot be created, no permission). The store then
   * stays closed: every operation rejects with the reason.
   */
  onUnreachable?: ((warning: StoreUnreachableWarning) => void) | undefined;
  /**
   * Where that warning's one line goes, or `false` for nowhere.
   * @default a line on `process.stderr`
   */
  warn?: ((line: string) => void) | false | undefined;
}

/** The options a {@link SqliteStore} reports to Keyv (`store.opts`). */
export interface SqliteStoreProperties {
  /** Tells Keyv that this store can be iterated. */
  dialect: 'sqlite';
  /** `sqlite:` followed by the path. */
  url: string;
  /** The database file. */
  path: string;
  /** The table that holds the entries. */
  table: string;
  /** The busy timeout in milliseconds. */
  busyTimeoutMs: number;
}

type SqliteModule = typeof import('node:sqlite');

interface Statements {
  get: StatementSync;
  set: StatementSync;
  delete: StatementSync;
  has: StatementSync;
  getMany: StatementSync;
  deleteMany: StatementSync;
  clear: StatementSync;
  clearRange: StatementSync;
  firstPage: StatementSync;
  nextPage: StatementSync;
  deleteExpired: StatementSync;
}

interface Row {
  key: string;
  /** A string as this store writes it; a BLOB (a `Uint8Array`) if something else wrote one. */
  value: string | Uint8Array;
  expires: number | null;
}

const iterationPageSize = 100;
const tableNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A Keyv store in an SQLite file, over Node's built-in `node:sqlite` (Node.js 22.13 or later), so
 * it installs without a native build. Several processes may share the file: it runs in WAL mode
 * and waits `busyTimeoutMs` for another writer's lock.
 *
 * Keys arrive from Keyv already prefixed (`namespace:key`). Each row keeps an `expires` time
 * (epoch milliseconds) besides Keyv's own: reads skip expired rows and delete them, and
 * {@link SqliteStore.deleteExpired} removes the rest.
 *
 * A failure (a locked or closed database, a full disk) rejects the operation, which Keyv reports,
 * and is emitted as `'error'` when something listens, so it never crashes the process.
 *
 * @example
 * const keyv = new Keyv({ store: new SqliteStore({ path: '.kagura/cache.db' }) });
 */
export class SqliteStore extends EventEmitter implements KeyvStoreAdapter {
  /** The options Keyv reads (`dialect: 'sqlite'` makes `keyv.iterator` available). */
  readonly opts: SqliteStoreProperties;
  /** The namespace; Keyv sets it. `clear()` deletes only this namespace's rows when it is set. */
  namespace?: string | undefined;

  /** Why the database could not be opened, if it could not; see `onUnreachable`. */
  readonly openError: KaguraError | undefined;

  private readonly database: DatabaseSync | undefined;
  private readonly statements: Statements | undefined;
  private readonly now: () => number;
  // Not `database.isOpen`: Node.js 22.13 lacks it.
  private open = true;

  constructor(options: SqliteStoreOptions) {
    super();
    const table = options.table ?? 'kagura_cache';
    if (!tableNamePattern.test(table)) {
      throw new InvalidArgumentError({
        argument: 'table',
        value: table,
        message: `'${table}' is not a table name. Use letters, digits and underscores, not starting with a digit.`,
      });
    }
    const busyTimeoutMs = options.busyTimeoutMs ?? 1000;
    this.now = options.now ?? Date.now;
    this.opts = {
      dialect: 'sqlite',
      url: `sqlite:${options.path}`,
      path: options.path,
      table,
      busyTimeoutMs,
    };
    const { DatabaseSync } = loadSqlite();
    let database: DatabaseSync | undefined;
    try {
      if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
      database = new DatabaseSync(options.path);
      // The busy timeout comes first: switching to WAL itself needs a lock another process may hold.
      database.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
      database.exec('PRAGMA journal_mode = WAL');
      // In WAL mode this loses at most the last commits on power loss, never consistency: fine for
      // a cache, and it spares an fsync per write.
      database.exec('PRAGMA synchronous = NORMAL');
      database.exec(
        `CREATE TABLE IF NOT EXISTS "${table}" (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER)`,
      );
      database.exec(`CREATE INDEX IF NOT EXISTS "${table}_expires" ON "${table}" (expires)`);
      this.statements = prepareStatements(database, table);
      this.database = database;
    } catch (error) {
      // A cache that cannot open is a cache that is not there: the application runs without it.
      closeQuietly(database);
      this.open = false;
      this.openError = new KaguraError({
        name: 'KaguraError',
        message: `The SQLite cache store ${options.path} could not be opened: ${describeError(error)}.`,
        cause: error,
      });
      this.reportUnreachable(options, error);
    }
  }

  /**
   * The raw value stored under `key` (the string Keyv serialized), or `undefined` if there is none
   * or it has expired.
   */
  async get<Value = string>(key: string): Promise<Value | undefined> {
    return this.getNow(key) as Value | undefined;
  }

  /**
   * {@link get}, at once: `node:sqlite` is synchronous, so the promise only costs a turn. Throws
   * what `get` would reject with.
   */
  getNow(key: string): string | undefined {
    return this.run((statements) => {
      const row = statements.get.get(key) as Omit<Row, 'key'> | undefined;
      if (row === undefined) return undefined;
      if (this.isExpired(row.expires)) {
        this.deleteQuietly(statements, key);
        return undefined;
      }
      return textOf(row.value);
    });
  }

  /**
   * Stores `value` under `key`, replacing any previous value. A value that is not a string is
   * stored as JSON. With a `ttl` (milliseconds) the row expires that long from now.
   */
  async set(key: string, value: unknown, ttl?: number): Promise<boolean> {
    return this.run((statements) => {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      const expires = typeof ttl === 'number' && ttl > 0 ? this.now() + ttl : null;
      statements.set.run(key, text, expires);
      return true;
    });
  }

  /** Deletes `key`; `true` if it was there. */
  async delete(key: string): Promise<boolean> {
    return this.run((statements) => Number(statements.delete.run(key).changes) > 0);
  }

  /**
   * Deletes this namespace's rows (keys starting with `namespace:`), or every row when no
   * namespace is set.
   */
  async clear(): Promise<void> {
    this.run((statements) => {
      if (this.namespace === undefined) statements.clear.run();
      else statements.clearRange.run(...namespaceRange(this.namespace));
    });
  }

  /** Whether `key` holds a value that has not expired. */
  async has(key: string): Promise<boolean> {
    return this.run((statements) => statements.has.get(key, this.now()) !== undefined);
  }

  /** The raw values stored under `keys`, in the same order; `undefined` where there is none. */
  async getMany<Value = string>(keys: string[]): Promise<Array<Value | undefined>> {
    return this.run((statements) => {
      const rows = statements.getMany.all(JSON.stringify(keys)) as unknown as Row[];
      const values = new Map<string, Value>();
      for (const row of rows) {
        if (!this.isExpired(row.expires)) values.set(row.key, textOf(row.value) as Value);
      }
      return keys.map((key) => values.get(key));
    });
  }

  /** Deletes `keys`; `true` if any of them was there. */
  async deleteMany(keys: string[]): Promise<boolean> {
    return this.run(
      (statements) => Number(statements.deleteMany.run(JSON.stringify(keys)).changes) > 0,
    );
  }

  /**
   * Yields `[key, rawValue]` for every unexpired row whose key starts with `namespace:` (every row
   * without a namespace). Keys keep their `namespace:` prefix, as Keyv's iterator expects.
   */
  async *iterator(namespace?: string): AsyncGenerator<[string, string], void> {
    const [from, to] = namespace === undefined ? ['', null] : namespaceRange(namespace);
    let after: string | undefined;
    for (;;) {
      // One page at a time, by key, so no statement stays open while the consumer awaits (and
      // perhaps writes to this table).
      const rows = this.run((statements) => {
        const page = after === undefined ? statements.firstPage : statements.nextPage;
        const bound = after ?? from;
        return page.all(bound, to, to, this.now(), iterationPageSize) as unknown as Row[];
      });
      for (const row of rows) yield [row.key, textOf(row.value)];
      const last = rows.at(-1);
      if (last === undefined || rows.length < iterationPageSize) return;
      after = last.key;
    }
  }

  /** Deletes every expired row and returns how many it deleted. */
  async deleteExpired(): Promise<number> {
    return this.run((statements) => Number(statements.deleteExpired.run(this.now()).changes));
  }

  /** Closes the database. Operations after this reject. Calling it twice is harmless. */
  async disconnect(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    this.database?.close();
  }

  // After the constructor has returned, so that a listener added right after it hears it.
  private reportUnreachable(options: SqliteStoreOptions, error: unknown): void {
    const store = this.opts.url;
    const message =
      `kagura: cannot open the SQLite cache at ${store} (${describeError(error)}); ` +
      'calls go to the provider uncached. Fix or remove the file, then restart.';
    const { warn = (line: string) => process.stderr.write(`${line}\n`), onUnreachable } = options;
    queueMicrotask(() => {
      if (warn !== false) warn(message);
      onUnreachable?.({ store, message, error });
    });
  }

  /** Deletes an expired row if it can: a read must not fail because another process writes. */
  private deleteQuietly(statements: Statements, key: string): void {
    try {
      statements.delete.run(key);
    } catch {
      // The row stays expired; the next read or `deleteExpired` removes it.
    }
  }

  private isExpired(expires: number | null): boolean {
    return expires !== null && expires <= this.now();
  }

  private run<T>(operation: (statements: Statements) => T): T {
    try {
      if (this.openError !== undefined) throw this.openError;
      // Statements of a closed database only say "statement has been finalized".
      if (!this.open || this.statements === undefined) {
        throw new KaguraError({
          name: 'KaguraError',
          message: `The SQLite cache store ${this.opts.path} is closed: disconnect() was called.`,
        });
      }
      return operation(this.statements);
    } catch (error) {
      // EventEmitter throws an 'error' nobody listens to; the rejection already reports it.
      if (this.listenerCount('error') > 0) this.emit('error', error);
      throw error;
    }
  }
}

function prepareStatements(database: DatabaseSync, table: string): Statements {
  const prepare = (sql: string): StatementSync => database.prepare(sql);
  const keysIn = 'key IN (SELECT value FROM json_each(?))';
  // Bound to: upper key bound (twice; null for none), now, page size.
  const pageFilter =
    '(? IS NULL OR key < ?) AND (expires IS NULL OR expires > ?) ORDER BY key LIMIT ?';
  return {
    get: prepare(`SELECT value, expires FROM "${table}" WHERE key = ?`),
    set: prepare(
      `INSERT INTO "${table}" (key, value, expires) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires = excluded.expires`,
    ),
    delete: prepare(`DELETE FROM "${table}" WHERE key = ?`),
    has: prepare(`SELECT 1 FROM "${table}" WHERE key = ? AND (expires IS NULL OR expires > ?)`),
    getMany: prepare(`SELECT key, value, expires FROM "${table}" WHERE ${keysIn}`),
    deleteMany: prepare(`DELETE FROM "${table}" WHERE ${keysIn}`),
    clear: prepare(`DELETE FROM "${table}"`),
    clearRange: prepare(`DELETE FROM "${table}" WHERE key >= ? AND key < ?`),
    // Numbered parameters (`?1`) are avoided: Node.js 22.13 cannot bind them positionally.
    firstPage: prepare(`SELECT key, value FROM "${table}" WHERE key >= ? AND ${pageFilter}`),
    nextPage: prepare(`SELECT key, value FROM "${table}" WHERE key > ? AND ${pageFilter}`),
    deleteExpired: prepare(`DELETE FROM "${table}" WHERE expires IS NOT NULL AND expires <= ?`),
  };
}

/**
 * A value as text, as Keyv expects it: a BLOB (written by something other than this store) is
 * decoded leniently, so that Keyv sees data it cannot parse (a corrupt entry) rather than a value
 * that is not a string.
 */
function textOf(value: string | Uint8Array): string {
  return typeof value === 'string' ? value : new TextDecoder().decode(value);
}

function closeQuietly(database: DatabaseSync | undefined): void {
  try {
    database?.close();
  } catch {
    // It did not open far enough to need closing.
  }
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\.$/, '');
}

/**
 * The keys of a namespace as a half-open range, `[namespace:, namespace;)`: the keys that start
 * with `namespace:`, since `;` follows `:`. Unlike `LIKE 'namespace:%'` this is case-sensitive
 * (SQLite's LIKE is not), needs no escaping of `%` and `_`, and uses the primary-key index.
 */
function namespaceRange(namespace: string): [string, string] {
  return [`${namespace}:`, `${namespace};`];
}

let sqliteModule: SqliteModule | undefined;

/**
 * Loads `node:sqlite` on first use rather than at import, so that importing Kagura never touches
 * it. Node.js 22.13 to 24.14 print an ExperimentalWarning on that first load; it is not
 * actionable for our users, so it alone is filtered out, only during this synchronous load.
 */
function loadSqlite(): SqliteModule {
  if (sqliteModule !== undefined) return sqliteModule;
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string })?.type;
    const message = typeof warning === 'string' ? warning : warning.message;
    if (type === 'ExperimentalWarning' && message.startsWith('SQLite ')) return;
    Reflect.apply(emitWarning, process, [warning, ...rest]);
  }) as typeof process.emitWarning;
  try {
    sqliteModule = createRequire(import.meta.url)('node:sqlite') as SqliteModule;
    return sqliteModule;
  } catch (error) {
    throw new KaguraError({
      name: 'KaguraError',
      message: `The SQLite cache store needs node:sqlite, built into Node.js 22.13 and later; this is Node.js ${process.versions.node}. Upgrade Node.js, or use the 'memory' or 'redis://' store.`,
      cause: error,
    });
  } finally {
    process.emitWarning = emitWarning;
  }
}
