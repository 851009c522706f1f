import { hash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createClient } from 'redis';
import type { BenchPrompt, SystemName } from '../systems/bench-system.js';
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

/** A memory hit's floor (see {@link createMemoryHitFloor}), timed as a row's contestant. */
export interface MemoryHitFloor<I> {
  /** Always `floor`: how the row tells it from a system. */
  readonly name: 'floor';
  /** Looks `input` up and parses its stored reply. */
  call(input: I): Promise<unknown>;
}

/** One contestant of a row of hits: a system or the row's floor. */
export interface HitContestant {
  readonly name: SystemName | 'floor';
  call(input: BenchPrompt): Promise<unknown>;
}

/** A lean key: one SHA-256 of the request's JSON. */
export function leanKeyOf(input: unknown): string {
  return hash('sha256', JSON.stringify(input));
}

/**
 * The memory floor of a hit on the entries `entries` (each request's reply, stored as JSON): a
 * lean key + `Map.get` + `JSON.parse`. The rows that measure memory hits (1, 11.1, 11.4, 11.5,
 * 11.8, 11.9) time it in the same turns as the systems.
 */
export function createMemoryHitFloor<I>(
  entries: Iterable<readonly [I, unknown]>,
): MemoryHitFloor<I> {
  const map = new Map<string, string>();
  for (const [input, reply] of entries) map.set(leanKeyOf(input), JSON.stringify(reply));
  return { name: 'floor', call: async (input) => JSON.parse(map.get(leanKeyOf(input)) as string) };
}

/**
 * The memory floor of a cached stream over `entries` (each request's non-empty text deltas): a
 * lean key + `Map.get` + `JSON.parse` of the stored deltas (a JSON array of strings), then an
 * async generator yielding them (rows 5 and 11.11).
 */
export function createStreamHitFloor(entries: ReadonlyMap<BenchPrompt, readonly string[]>): {
  readonly name: 'floor';
  stream(input: BenchPrompt): AsyncIterable<string>;
} {
  const stored = new Map<string, string>();
  for (const [input, deltas] of entries) stored.set(leanKeyOf(input), JSON.stringify(deltas));
  return {
    name: 'floor',
    async *stream(input) {
      const deltas = JSON.parse(stored.get(leanKeyOf(input)) as string) as string[];
      for (const delta of deltas) yield delta;
    },
  };
}

/** Reads a stream's non-empty text deltas to its end. */
export async function collectDeltas(stream: AsyncIterable<string>): Promise<string[]> {
  const deltas: string[] = [];
  for await (const delta of stream) if (delta !== '') deltas.push(delta);
  return deltas;
}

/**
 * The floor of a hit on `store`, holding the entries `entries` (each prompt's reply as JSON):
 * memory, a lean key + `Map.get` + `JSON.parse`; disk, a prepared node:sqlite
 * `SELECT value FROM t WHERE key = ?` + `JSON.parse`; redis, a bare `GET` on a node-redis
 * client to the same server + `JSON.parse`.
 */
export async function createHitFloor(
  store: HitStore,
  entries: ReadonlyMap<BenchPrompt, unknown>,
  redisUrl: string | undefined,
): Promise<HitFloor> {
  if (store === 'memory') return { ...createMemoryHitFloor(entries), close: async () => {} };
  const rows = [...entries].map(
    ([input, reply]) => [leanKeyOf(input), JSON.stringify(reply) as string] as const,
  );
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
        const row = select.get(leanKeyOf(input)) as { value: string };
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
    call: async (input) => JSON.parse((await client.get(`floor:${leanKeyOf(input)}`)) as string),
    close: async () => {
      await client.quit();
    },
  };
}
