import { hash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createClient } from 'redis';
import type { BenchPrompt, BenchReply } from '../systems/bench-system.js';
import type { HitStore } from './cache-hit-latency.js';

/**
 * The least a cache hit on a store can cost in this process: the work no cache can skip, with
 * nothing else. Row 1 measures it in the same run, interleaved with the systems, as the floor
 * each system's hit is divided by.
 */
export interface HitFloor {
  /** Always `floor`: how the row tells it from a system. */
  readonly name: 'floor';
  /** Looks `input` up and parses its stored entry. */
  call(input: BenchPrompt): Promise<unknown>;
  /** Releases the floor's database or connection. */
  close(): Promise<void>;
}

// A lean key: one SHA-256 of the request's JSON.
function keyOf(input: BenchPrompt): string {
  return hash('sha256', JSON.stringify(input));
}

/**
 * The floor of a hit on `store`, holding the entries `entries` (each prompt's reply as JSON):
 * memory, a lean key + `Map.get` + `JSON.parse`; disk, a prepared node:sqlite
 * `SELECT value FROM t WHERE key = ?` + `JSON.parse`; redis, a bare `GET` on a node-redis
 * client to the same server + `JSON.parse`.
 */
export async function createHitFloor(
  store: HitStore,
  entries: ReadonlyMap<BenchPrompt, BenchReply>,
  redisUrl: string | undefined,
): Promise<HitFloor> {
  const rows = [...entries].map(([input, reply]) => [keyOf(input), JSON.stringify(reply)] as const);
  if (store === 'memory') {
    const map = new Map(rows);
    return {
      name: 'floor',
      call: async (input) => JSON.parse(map.get(keyOf(input)) as string),
      close: async () => {},
    };
  }
  if (store === 'disk') {
    const directory = mkdtempSync(join(tmpdir(), 'kagura-bench-floor-'));
    const database = new DatabaseSync(join(directory, 'floor.sqlite'));
    database.exec('CREATE TABLE t (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    const insert = database.prepare('INSERT INTO t (key, value) VALUES (?, ?)');
    for (const [key, value] of rows) insert.run(key, value);
    const select = database.prepare('SELECT value FROM t WHERE key = ?');
    return {
      name: 'floor',
      call: async (input) => {
        const row = select.get(keyOf(input)) as { value: string };
        return JSON.parse(row.value);
      },
      close: async () => {
        database.close();
        rmSync(directory, { recursive: true, force: true });
      },
    };
  }
  if (redisUrl === undefined) throw new Error('The Redis hit floor needs a Redis URL.');
  const client = createClient({ url: redisUrl });
  await client.connect();
  for (const [key, value] of rows) await client.set(`floor:${key}`, value);
  return {
    name: 'floor',
    call: async (input) => JSON.parse((await client.get(`floor:${keyOf(input)}`)) as string),
    close: async () => {
      await client.quit();
    },
  };
}
