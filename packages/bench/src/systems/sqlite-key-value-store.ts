import { DatabaseSync } from 'node:sqlite';
import type { KeyValueStore } from './key-value-store.js';

/**
 * A key-value store in a SQLite file on Node's built-in `node:sqlite` (the same engine as
 * Kagura's on-disk store), values as JSON: the recipe's KV, on disk.
 */
export function createSqliteKeyValueStore(path: string): KeyValueStore {
  const database = new DatabaseSync(path);
  database.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
  database.exec('CREATE TABLE IF NOT EXISTS cache (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const select = database.prepare('SELECT value FROM cache WHERE key = ?');
  const upsert = database.prepare(
    'INSERT INTO cache (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  return {
    async get(key) {
      const row = select.get(key) as { value: string } | undefined;
      return row === undefined ? null : (JSON.parse(row.value) as unknown);
    },
    async set(key, value) {
      upsert.run(key, JSON.stringify(value));
    },
    async close() {
      database.close();
    },
  };
}
