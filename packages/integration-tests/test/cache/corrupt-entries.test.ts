import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { type CacheEvent, type Client, createClient, LLMCache } from '@kagura-ts/core';
import { createOpenAI } from '@kagura-ts/openai';
import {
  type RedisServer,
  type Simulator,
  shouldSkipRedisTests,
  startRedisServer,
  startSimulator,
} from '@kagura-ts/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/** Raw access to a store's backing data, under the key a call uses. */
interface BackingStore {
  name: string;
  createCache: (namespace: string) => LLMCache;
  /** The kinds of garbage this store can hold, each written under `key` as raw data. */
  garbage: Record<string, (cache: LLMCache, key: string) => Promise<void> | void>;
  /** The raw data under `key`, as a string (or `undefined` when there is none). */
  read: (cache: LLMCache, key: string) => Promise<string | undefined> | string | undefined;
  setup?: () => Promise<void>;
  teardown?: () => Promise<void>;
}

/** The entry's JSON out of a serialized Keyv envelope; anything else as is. */
function unwrap(raw: string | undefined): string | undefined {
  try {
    const envelope: unknown = JSON.parse(raw ?? '');
    const value = (envelope as { value?: unknown } | null)?.value;
    return typeof value === 'string' ? value : raw;
  } catch {
    return raw;
  }
}

interface MemoryBacking {
  set(key: string, value: unknown): void;
  get(key: string): unknown;
}

const memory: BackingStore = {
  name: 'memory',
  createCache: (namespace) => new LLMCache({ store: 'memory', namespace }),
  garbage: {
    // The memory store keeps Keyv's envelope objects: garbage inside one, and instead of one.
    'a non-JSON value': (cache, key) => memoryOf(cache).set(key, { value: 'not {json' }),
    'an empty string': (cache, key) => memoryOf(cache).set(key, { value: '' }),
    'a number': (cache, key) => memoryOf(cache).set(key, { value: 42 }),
    'a null': (cache, key) => memoryOf(cache).set(key, { value: null }),
    'an array': (cache, key) => memoryOf(cache).set(key, { value: [1, 2] }),
    'a bare string instead of an envelope': (cache, key) =>
      memoryOf(cache).set(key, 'not an envelope'),
    'a bare number instead of an envelope': (cache, key) => memoryOf(cache).set(key, 7),
  },
  read: (cache, key) => {
    const raw = memoryOf(cache).get(key) as { value?: unknown } | undefined;
    return typeof raw?.value === 'string' ? raw.value : JSON.stringify(raw);
  },
};

function memoryOf(cache: LLMCache): MemoryBacking {
  return cache.keyv.store as MemoryBacking;
}

let directory = '';
let database: DatabaseSync | undefined;
const sqliteWrite = (key: string, value: unknown) => {
  database!
    .prepare('INSERT OR REPLACE INTO kagura_cache (key, value, expires) VALUES (?, ?, NULL)')
    .run(key, value as string);
};
const sqlite: BackingStore = {
  name: 'sqlite',
  setup: async () => {
    directory = mkdtempSync(join(tmpdir(), 'kagura-corrupt-'));
    // The table exists once a store has opened the file.
    await new LLMCache({ store: `sqlite:${join(directory, 'cache.db')}` }).disconnect();
    const { DatabaseSync } = createRequire(import.meta.url)(
      'node:sqlite',
    ) as typeof import('node:sqlite');
    database = new DatabaseSync(join(directory, 'cache.db'));
  },
  teardown: async () => {
    database?.close();
    rmSync(directory, { recursive: true, force: true });
  },
  createCache: (namespace) =>
    new LLMCache({ store: `sqlite:${join(directory, 'cache.db')}`, namespace }),
  garbage: {
    'a non-JSON string': (_, key) => sqliteWrite(key, 'not {json'),
    'an empty string': (_, key) => sqliteWrite(key, ''),
    'a number': (_, key) => sqliteWrite(key, '42'),
    'a null': (_, key) => sqliteWrite(key, 'null'),
    'an array': (_, key) => sqliteWrite(key, '[1,2]'),
    'a BLOB': (_, key) => sqliteWrite(key, new Uint8Array([0xff, 0x00, 0x7b, 0x22])),
    'a Keyv envelope holding garbage': (_, key) => sqliteWrite(key, '{"value":"not {json"}'),
  },
  read: (_, key) => {
    const row = database!.prepare('SELECT value FROM kagura_cache WHERE key = ?').get(key) as
      | { value: unknown }
      | undefined;
    return row === undefined ? undefined : String(row.value);
  },
};

interface RawRedis {
  set(key: string, value: string): Promise<unknown>;
  get(key: string): Promise<string | null>;
  rPush(key: string, values: string[]): Promise<unknown>;
  del(key: string): Promise<unknown>;
}
let redisServer: RedisServer | undefined;
const redisCommand = <T>(cache: LLMCache, run: (client: RawRedis) => Promise<T>): Promise<T> =>
  (cache.keyv.store as { command: (run: (client: unknown) => Promise<T>) => Promise<T> }).command(
    (client) => run(client as RawRedis),
  );
const redisWrite = async (cache: LLMCache, key: string, value: string): Promise<void> => {
  await redisCommand(cache, (client) => client.set(`kagura::${key}`, value));
};
const redis: BackingStore = {
  name: 'redis',
  setup: async () => {
    redisServer = await startRedisServer();
  },
  teardown: async () => {
    await redisServer?.stop();
  },
  createCache: (namespace) =>
    new LLMCache({ store: redisServer!.url as `redis://${string}`, namespace }),
  garbage: {
    'a non-JSON string': (cache, key) => redisWrite(cache, key, 'not {json'),
    'an empty string': (cache, key) => redisWrite(cache, key, ''),
    'a number': (cache, key) => redisWrite(cache, key, '42'),
    'a null': (cache, key) => redisWrite(cache, key, 'null'),
    'an array': (cache, key) => redisWrite(cache, key, '[1,2]'),
    'a LIST (WRONGTYPE)': async (cache, key) => {
      await redisCommand(cache, (client) => client.del(`kagura::${key}`));
      await redisCommand(cache, (client) => client.rPush(`kagura::${key}`, ['a', 'b']));
    },
  },
  read: async (cache, key) => {
    try {
      return (await redisCommand(cache, (client) => client.get(`kagura::${key}`))) ?? undefined;
    } catch (error) {
      return `unreadable: ${String(error)}`;
    }
  },
};

for (const backing of [memory, sqlite, redis]) {
  describe.skipIf(backing === redis && shouldSkipRedisTests())(
    `corrupt entries in the ${backing.name} store`,
    () => {
      let simulator: Simulator;
      const caches: LLMCache[] = [];
      let counter = 0;

      beforeAll(async () => {
        simulator = await startSimulator({ latency: 'none' });
        await backing.setup?.();
      });

      afterAll(async () => {
        for (const cache of caches) await cache.disconnect().catch(() => {});
        await simulator.close();
        await backing.teardown?.();
      });

      beforeEach(() => {
        simulator.reset();
      });

      function newClient(): { client: Client; cache: LLMCache; events: CacheEvent[] } {
        const cache = backing.createCache(`corrupt-${backing.name}-${Date.now()}-${counter++}`);
        caches.push(cache);
        const events: CacheEvent[] = [];
        cache.on('event', (event) => events.push(event));
        const client = createClient({
          providers: { openai: createOpenAI({ baseURL: simulator.openaiBaseURL, apiKey: 'k' }) },
          model: 'openai:gpt-4o-mini',
          cache,
        });
        return { client, cache, events };
      }

      for (const [label, write] of Object.entries(backing.garbage)) {
        it(`should treat ${label} as a miss, delete it and store a fresh entry`, async () => {
          const { client, cache, events } = newClient();
          const prompt = `Corrupt: ${label}`;
          const { cache: info } = await client.call(prompt);
          await cache.flush();
          const key = info.key!;
          await write(cache, key);
          simulator.reset();

          const response = await client.call(prompt);
          await cache.flush();
          expect(response.cache.status).toBe('miss');
          expect(simulator.requests).toHaveLength(1);
          expect(events).toContainEqual({ type: 'corrupt-entry', key });
          expect(events.filter((event) => event.type === 'store-error')).toEqual([]);
          expect(cache.stats()).toMatchObject({ errors: 0, storeSkipped: false });
          // The fresh entry, inside Keyv's envelope (JSON, except in the memory store).
          const raw = await backing.read(cache, key);
          expect(unwrap(raw)).toContain('"version":1');
          expect((await client.call(prompt)).cache.status).toBe('hit');
        });
      }

      it('should still hit a healthy entry after a run of corrupt ones', async () => {
        const { client, cache } = newClient();
        await client.call('Corrupt run: healthy');
        const kinds = Object.values(backing.garbage);
        const keys: string[] = [];
        for (let index = 0; index < Math.max(6, kinds.length); index += 1) {
          keys.push((await client.call(`Corrupt run: ${index}`)).cache.key!);
        }
        await cache.flush();
        for (const [index, key] of keys.entries()) await kinds[index % kinds.length]!(cache, key);
        for (let index = 0; index < keys.length; index += 1) {
          expect((await client.call(`Corrupt run: ${index}`)).cache.status).toBe('miss');
        }
        expect((await client.call('Corrupt run: healthy')).cache.status).toBe('hit');
        expect(cache.stats()).toMatchObject({ errors: 0, storeSkipped: false });
      });
    },
  );
}
