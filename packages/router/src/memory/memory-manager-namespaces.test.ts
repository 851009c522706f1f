import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CacheStore, createClient, createKeyvStore } from '@kagura-ts/core';
import {
  MockLanguageModel,
  mockProvider,
  type RedisServer,
  shouldSkipRedisTests,
  startRedisServer,
} from '@kagura-ts/testing';
import fc from 'fast-check';
import type { Keyv } from 'keyv';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemoryManager } from './memory-manager.js';

/** A store shared by several managers (and the LLM cache), opened afresh for each test. */
interface SharedStore {
  store: CacheStore;
  /** The Keyv the LLM cache would use on this store (namespace 'kagura'). */
  cacheKeyv: Keyv;
}

// Short strings of any UTF-16 code units (lone surrogates too), often separators and globs.
const anyString = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
    maxLength: 6,
  }),
  fc.string({ unit: fc.constantFrom(':', '%', '*', '?', '[', ']', '\\', 'a'), maxLength: 6 }),
);

// Strings of separators and glob characters, so that pairs often run into each other.
const tinyString = fc.string({ unit: fc.constantFrom(':', '::', 'a', '*', '%'), maxLength: 3 });

const strangeStrings = ['*', '?', '[', ']', '[a-z]', '\\', '\\*', ':', '::', '', '%', '%3A', 'a*b'];

/**
 * One suite that every persistent store passes: namespaces and keys never collide, `clear()`
 * removes exactly its namespace, and memory never touches the LLM cache in the same store.
 */
function describeNamespaceIsolation(name: string, open: () => Promise<SharedStore>): void {
  describe(`MemoryManager namespaces on ${name}`, () => {
    let shared: SharedStore;
    const managers: MemoryManager[] = [];
    const manager = (namespace: string): MemoryManager => {
      const memory = new MemoryManager({ store: shared.store, namespace });
      managers.push(memory);
      return memory;
    };

    beforeEach(async () => {
      shared = await open();
    });

    afterEach(async () => {
      await Promise.all(managers.splice(0).map((memory) => memory.close()));
      await shared.cacheKeyv.disconnect();
    });

    it('should keep a namespace ending in a separator apart from a key starting with one', async () => {
      await manager('memory:alice::pref').remember('lang', 'French');
      await manager('memory:alice:pref').remember('lang', 'German');
      const alice = manager('memory:alice');
      expect(await alice.recall('pref::lang')).toBeUndefined();
      expect(await alice.recall('pref:lang')).toBeUndefined();
      expect(await alice.recall(':pref:lang')).toBeUndefined();
      expect(await manager('memory:alice::pref').recall('lang')).toBe('French');
      expect(await manager('memory:alice:pref').recall('lang')).toBe('German');
    });

    it('should clear exactly its own namespace', async () => {
      const alice = manager('memory:alice');
      await alice.remember('lang', 'French');
      await manager('memory:alice:x').remember('lang', 'German');
      await manager('memory:alice::x').remember('lang', 'Dutch');
      await manager('memory:bob').remember('lang', 'Spanish');
      await alice.clear();
      expect(await alice.recall('lang')).toBeUndefined();
      expect(await manager('memory:alice:x').recall('lang')).toBe('German');
      expect(await manager('memory:alice::x').recall('lang')).toBe('Dutch');
      expect(await manager('memory:bob').recall('lang')).toBe('Spanish');
    });

    it('should treat glob characters in a namespace as plain characters', async () => {
      await manager('memory:alice').remember('lang', 'French');
      await manager('memory:bob').remember('lang', 'Spanish');
      for (const namespace of ['*', 'memory:*', 'memory:?ob', 'memory:[ab]*', 'memory:\\*']) {
        const wild = manager(namespace);
        await wild.remember('lang', namespace);
        await wild.clear();
        expect(await wild.recall('lang')).toBeUndefined();
      }
      expect(await manager('memory:alice').recall('lang')).toBe('French');
      expect(await manager('memory:bob').recall('lang')).toBe('Spanish');
    });

    it('should keep every pair of odd namespaces and keys apart', async () => {
      const pairs = strangeStrings.flatMap((namespace) =>
        strangeStrings.map((key) => ({ namespace, key })),
      );
      for (const { namespace, key } of pairs) {
        await manager(namespace).remember(key, `${namespace}|${key}`);
      }
      for (const { namespace, key } of pairs) {
        expect(await manager(namespace).recall(key)).toBe(`${namespace}|${key}`);
      }
      await manager('*').clear();
      for (const { namespace, key } of pairs) {
        expect(await manager(namespace).recall(key)).toBe(
          namespace === '*' ? undefined : `${namespace}|${key}`,
        );
      }
      expect(await manager('').forget('')).toBe(true);
      expect(await manager('').recall('')).toBeUndefined();
      expect(await manager('').recall(':')).toBe('|:');
    });

    it('should never touch the LLM cache, even in the namespace kagura', async () => {
      // A real cache entry, written by a client's cache into the shared store.
      const client = createClient({
        providers: { mock: mockProvider(new MockLanguageModel()) },
        model: 'mock:mock-model',
        cache: { store: shared.cacheKeyv },
      });
      const cacheKey = (await client.call('hi')).cache.key!;
      await client.cache!.flush();
      const cached: unknown = await shared.cacheKeyv.get(cacheKey);
      expect(cached).toBeDefined();
      for (const namespace of ['kagura', '', 'kagura:v1', '*']) {
        const memory = manager(namespace);
        expect(await memory.recall(cacheKey)).toBeUndefined();
        await memory.remember(cacheKey, 'overwritten?');
        await memory.clear();
      }
      expect(await shared.cacheKeyv.get(cacheKey)).toEqual(cached);
    });

    it('should read back exactly what was written, for any namespaces and keys', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(anyString, anyString), { minLength: 1, maxLength: 6 }),
          // (left + middle, right) next to (left, middle + right): the pairs an unescaped
          // separator would merge.
          fc.array(fc.tuple(tinyString, tinyString, tinyString), { maxLength: 3 }),
          async (anyPairs, splits) => {
            const pairs = [
              ...anyPairs,
              ...splits.flatMap(
                ([left, middle, right]): Array<[string, string]> => [
                  [left + middle, right],
                  [left, middle + right],
                ],
              ),
            ];
            const written = new Map<string, number>();
            for (const [index, [namespace, key]] of pairs.entries()) {
              await manager(namespace).remember(key, index);
              written.set(JSON.stringify([namespace, key]), index);
            }
            for (const [pair, index] of written) {
              const [namespace, key] = JSON.parse(pair) as [string, string];
              expect(await manager(namespace).recall(key)).toBe(index);
            }
            for (const namespace of new Set(pairs.map(([namespace]) => namespace))) {
              await manager(namespace).clear();
            }
            await Promise.all(managers.splice(0).map((memory) => memory.close()));
          },
        ),
        { numRuns: 25 },
      );
    });
  });
}

describeNamespaceIsolation('the memory store (one shared Keyv)', async () => {
  const keyv = createKeyvStore('memory');
  return { store: keyv, cacheKeyv: keyv };
});

describe('on SQLite', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'kagura-memory-namespaces-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });
  let count = 0;
  describeNamespaceIsolation('SQLite', async () => {
    count += 1;
    const store = `sqlite:${join(directory, `memory-${count}.db`)}` as const;
    return { store, cacheKeyv: createKeyvStore(store) };
  });
});

describe.skipIf(shouldSkipRedisTests())('on Redis', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server.stop();
  });
  let count = 0;
  describeNamespaceIsolation('Redis', async () => {
    // A database of its own for each test (Redis has 16): the server outlives them.
    count += 1;
    const store = `${server.url}/${count}` as CacheStore;
    return { store, cacheKeyv: createKeyvStore(store) };
  });
});
