import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { InvalidArgumentError } from '@kagura-ts/provider';
import { Keyv } from 'keyv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';

let directory: string;
let stores: SqliteStore[];
let databases: DatabaseSync[];

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'kagura-sqlite-store-'));
  stores = [];
  databases = [];
});

afterEach(async () => {
  for (const store of stores) await store.disconnect();
  for (const database of databases) database.close();
  rmSync(directory, { recursive: true, force: true });
});

function createStore(options: Partial<SqliteStoreOptions> = {}): SqliteStore {
  const store = new SqliteStore({ path: join(directory, 'cache.db'), ...options });
  stores.push(store);
  return store;
}

/** A second, raw connection to inspect the file. */
function openDatabase(path = join(directory, 'cache.db')): DatabaseSync {
  // Loaded here, after a store has loaded it, so that Node 22 warns about it no more in tests
  // than in use.
  const sqlite = createRequire(import.meta.url)('node:sqlite') as typeof import('node:sqlite');
  const database = new sqlite.DatabaseSync(path);
  databases.push(database);
  return database;
}

async function collect(
  iterator: AsyncIterable<[string, string]>,
): Promise<Array<[string, string]>> {
  const entries: Array<[string, string]> = [];
  for await (const entry of iterator) entries.push(entry);
  return entries;
}

describe('SqliteStore', () => {
  describe('constructor', () => {
    it('should create the parent directory and the table, in WAL mode', async () => {
      const path = join(directory, 'nested', 'deeper', 'cache.db');
      createStore({ path });
      expect(existsSync(path)).toBe(true);
      const database = openDatabase(path);
      expect(database.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
      const columns = database.prepare('PRAGMA table_info(kagura_cache)').all();
      expect(columns.map((column) => [column.name, column.type, column.pk])).toEqual([
        ['key', 'TEXT', 1],
        ['value', 'TEXT', 0],
        ['expires', 'INTEGER', 0],
      ]);
      const indexes = database.prepare('PRAGMA index_list(kagura_cache)').all();
      expect(indexes.map((index) => index.name)).toContain('kagura_cache_expires');
    });

    it('should use the given table', async () => {
      const store = createStore({ table: 'answers' });
      await store.set('k', 'v');
      expect(openDatabase().prepare('SELECT key, value FROM answers').all()).toEqual([
        { key: 'k', value: 'v' },
      ]);
    });

    it('should reject a table name that is not an identifier', () => {
      expect(() => createStore({ table: 'x"; DROP TABLE y; --' })).toThrow(InvalidArgumentError);
    });

    it('should accept an in-memory database', async () => {
      const store = createStore({ path: ':memory:' });
      await store.set('k', 'v');
      expect(await store.get('k')).toBe('v');
    });

    it('should not throw for a file that is not a database, but warn once and reject', async () => {
      const path = join(directory, 'notes.txt');
      writeFileSync(path, 'not a database\n'.repeat(100));
      const lines: string[] = [];
      const warnings: unknown[] = [];
      const store = createStore({
        path,
        warn: (line) => lines.push(line),
        onUnreachable: (warning) => warnings.push(warning),
      });
      expect(store.openError?.message).toMatch(/could not be opened: file is not a database/);
      // Reported after the constructor returns, so that a listener added right away hears it.
      expect(lines).toEqual([]);
      await Promise.resolve();
      expect(lines).toEqual([
        `kagura: cannot open the SQLite cache at sqlite:${path} (file is not a database); calls go to the provider uncached. Fix or remove the file, then restart.`,
      ]);
      expect(warnings).toEqual([
        { store: `sqlite:${path}`, message: lines[0], error: expect.any(Error) },
      ]);
      await expect(store.get('k')).rejects.toBe(store.openError);
      await expect(store.set('k', 'v')).rejects.toBe(store.openError);
      await store.disconnect();
    });

    it('should not throw for a directory it cannot create', () => {
      const file = join(directory, 'file');
      writeFileSync(file, '');
      const store = createStore({ path: join(file, 'cache.db'), warn: false });
      expect(store.openError).toBeDefined();
    });

    it('should report its dialect so that Keyv offers an iterator', () => {
      const store = createStore();
      expect(store.opts.dialect).toBe('sqlite');
      expect(new Keyv({ store }).iterator).toBeTypeOf('function');
    });
  });

  describe('get', () => {
    it('should read a BLOB written by something else as text', async () => {
      const store = createStore();
      await store.set('k', 'v');
      openDatabase()
        .prepare('UPDATE kagura_cache SET value = ? WHERE key = ?')
        .run(new TextEncoder().encode('{"x"'), 'k');
      expect(await store.get('k')).toBe('{"x"');
    });

    it('should return the stored string, or undefined', async () => {
      const store = createStore();
      await store.set('k', '{"value":1}');
      expect(await store.get('k')).toBe('{"value":1}');
      expect(await store.get('missing')).toBeUndefined();
    });

    it('should skip an expired row and delete it', async () => {
      let now = 1000;
      const store = createStore({ now: () => now });
      await store.set('k', 'v', 100);
      now = 1099;
      expect(await store.get('k')).toBe('v');
      now = 1100;
      expect(await store.get('k')).toBeUndefined();
      expect(openDatabase().prepare('SELECT count(*) AS count FROM kagura_cache').get()).toEqual({
        count: 0,
      });
    });
  });

  describe('set', () => {
    it('should replace a previous value and its expiry', async () => {
      let now = 0;
      const store = createStore({ now: () => now });
      await store.set('k', 'old', 10);
      await store.set('k', 'new');
      now = 1_000_000;
      expect(await store.get('k')).toBe('new');
    });

    it('should store the expiry time for cleanup by any process', async () => {
      const store = createStore({ now: () => 5000 });
      await store.set('with', 'v', 250);
      await store.set('without', 'v');
      await store.set('zero', 'v', 0);
      const rows = openDatabase().prepare('SELECT key, expires FROM kagura_cache ORDER BY key');
      expect(rows.all()).toEqual([
        { key: 'with', expires: 5250 },
        { key: 'without', expires: null },
        { key: 'zero', expires: null },
      ]);
    });

    it('should store a value that is not a string as JSON', async () => {
      const store = createStore();
      await store.set('k', { value: 'x', expires: undefined });
      expect(await store.get('k')).toBe('{"value":"x"}');
    });
  });

  describe('delete', () => {
    it('should tell whether the key was there', async () => {
      const store = createStore();
      await store.set('k', 'v');
      expect(await store.delete('k')).toBe(true);
      expect(await store.delete('k')).toBe(false);
      expect(await store.get('k')).toBeUndefined();
    });
  });

  describe('has', () => {
    it('should be true only for an unexpired key', async () => {
      let now = 0;
      const store = createStore({ now: () => now });
      await store.set('k', 'v', 10);
      expect(await store.has('k')).toBe(true);
      expect(await store.has('missing')).toBe(false);
      now = 10;
      expect(await store.has('k')).toBe(false);
    });
  });

  describe('getMany', () => {
    it('should return values in the order of the keys', async () => {
      let now = 0;
      const store = createStore({ now: () => now });
      await store.set('a', '1');
      await store.set('b', '2');
      await store.set('c', '3', 10);
      now = 20;
      expect(await store.getMany(['b', 'missing', 'a', 'c', 'b'])).toEqual([
        '2',
        undefined,
        '1',
        undefined,
        '2',
      ]);
      expect(await store.getMany([])).toEqual([]);
    });
  });

  describe('deleteMany', () => {
    it('should delete the keys and tell whether any was there', async () => {
      const store = createStore();
      await store.set('a', '1');
      await store.set('b', '2');
      await store.set('c', '3');
      expect(await store.deleteMany(['a', 'b', 'missing'])).toBe(true);
      expect(await store.deleteMany(['a'])).toBe(false);
      expect(await store.getMany(['a', 'b', 'c'])).toEqual([undefined, undefined, '3']);
    });
  });

  describe('clear', () => {
    it('should delete only the rows of its namespace', async () => {
      const store = createStore();
      for (const key of ['ns:a', 'ns:b:c', 'NS:a', 'ns', 'nsx:a', 'other:a', 'ns;a']) {
        await store.set(key, 'v');
      }
      store.namespace = 'ns';
      await store.clear();
      store.namespace = undefined;
      expect(await collect(store.iterator())).toEqual([
        ['NS:a', 'v'],
        ['ns', 'v'],
        ['ns;a', 'v'],
        ['nsx:a', 'v'],
        ['other:a', 'v'],
      ]);
    });

    it('should treat LIKE wildcards in the namespace literally', async () => {
      const store = createStore();
      await store.set('a_b:1', 'v');
      await store.set('axb:1', 'v');
      await store.set('a%:1', 'v');
      await store.set('a%b:1', 'v');
      store.namespace = 'a_b';
      await store.clear();
      store.namespace = 'a%';
      await store.clear();
      expect(await store.getMany(['a_b:1', 'axb:1', 'a%:1', 'a%b:1'])).toEqual([
        undefined,
        'v',
        undefined,
        'v',
      ]);
    });

    it('should delete every row without a namespace', async () => {
      const store = createStore();
      await store.set('a:1', 'v');
      await store.set('b', 'v');
      await store.clear();
      expect(await collect(store.iterator())).toEqual([]);
    });
  });

  describe('iterator', () => {
    it('should yield the unexpired entries of a namespace with their prefixed keys', async () => {
      let now = 0;
      const store = createStore({ now: () => now });
      await store.set('ns:b', '2');
      await store.set('ns:a', '1');
      await store.set('ns:gone', 'x', 5);
      await store.set('other:a', '3');
      now = 10;
      expect(await collect(store.iterator('ns'))).toEqual([
        ['ns:a', '1'],
        ['ns:b', '2'],
      ]);
    });

    it('should page through many entries while the consumer deletes them', async () => {
      const store = createStore();
      const keys = Array.from(
        { length: 250 },
        (_, index) => `ns:${String(index).padStart(3, '0')}`,
      );
      for (const key of keys) await store.set(key, key);
      const seen: string[] = [];
      for await (const [key] of store.iterator('ns')) {
        seen.push(key);
        await store.delete(key);
      }
      expect(seen).toEqual(keys);
      expect(await collect(store.iterator())).toEqual([]);
    });
  });

  describe('deleteExpired', () => {
    it('should delete expired rows and return their count', async () => {
      let now = 0;
      const store = createStore({ now: () => now });
      await store.set('short', 'v', 10);
      await store.set('long', 'v', 1000);
      await store.set('forever', 'v');
      now = 500;
      expect(await store.deleteExpired()).toBe(1);
      expect(await store.deleteExpired()).toBe(0);
      expect(openDatabase().prepare('SELECT key FROM kagura_cache ORDER BY key').all()).toEqual([
        { key: 'forever' },
        { key: 'long' },
      ]);
    });
  });

  describe('disconnect', () => {
    it('should close the database, after which operations reject', async () => {
      const store = createStore();
      await store.disconnect();
      await store.disconnect();
      await expect(store.get('k')).rejects.toThrow(/is closed/);
      await expect(store.set('k', 'v')).rejects.toThrow(/is closed/);
    });
  });

  describe('errors', () => {
    it('should reject without emitting when nothing listens', async () => {
      const store = createStore();
      await store.disconnect();
      await expect(store.clear()).rejects.toThrow();
      await expect(collect(store.iterator('ns'))).rejects.toThrow();
    });

    it('should reject and emit when something listens', async () => {
      const store = createStore();
      const errors: unknown[] = [];
      store.on('error', (error) => errors.push(error));
      await store.disconnect();
      await expect(store.has('k')).rejects.toThrow();
      expect(errors).toHaveLength(1);
    });

    it('should reject with SQLITE_BUSY when another connection holds the lock too long', async () => {
      const store = createStore({ busyTimeoutMs: 10 });
      const other = openDatabase();
      other.exec('BEGIN EXCLUSIVE');
      await expect(store.set('k', 'v')).rejects.toMatchObject({ errcode: 5 });
      other.exec('ROLLBACK');
      await store.set('k', 'v');
      expect(await store.get('k')).toBe('v');
    });

    it('should still read when another connection keeps it from deleting an expired row', async () => {
      let now = 0;
      const store = createStore({ busyTimeoutMs: 10, now: () => now });
      await store.set('k', 'v', 10);
      now = 20;
      const other = openDatabase();
      other.exec('BEGIN IMMEDIATE');
      expect(await store.get('k')).toBeUndefined();
      other.exec('ROLLBACK');
      expect(await store.deleteExpired()).toBe(1);
    });

    it('should surface a store failure through Keyv when throwOnErrors is set', async () => {
      const store = createStore();
      const keyv = new Keyv({ store, throwOnErrors: true });
      await store.disconnect();
      await expect(keyv.get('k')).rejects.toThrow(/is closed/);
      await expect(keyv.set('k', 'v')).rejects.toThrow(/is closed/);
    });
  });

  describe('sharing a file', () => {
    it('should see the writes of another connection to the same file', async () => {
      const first = createStore();
      const second = createStore();
      await first.set('k', 'v');
      expect(await second.get('k')).toBe('v');
      await second.delete('k');
      expect(await first.has('k')).toBe(false);
    });
  });
});
