import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from '@kagura-ts/provider';
import KeyvRedis from '@keyv/redis';
import { Keyv } from 'keyv';
import { LRUCache } from 'lru-cache';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CacheStore } from './cache-options.js';
import { corruptValue } from './corrupt-value.js';
import { createKeyvStore } from './create-keyv-store.js';
import { RedisStore, type StoreUnreachableWarning } from './redis-store.js';
import { SqliteStore } from './sqlite-store.js';

let directory: string;
const opened: Keyv[] = [];

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'kagura-create-keyv-store-'));
});

afterEach(async () => {
  vi.useRealTimers();
  for (const keyv of opened.splice(0)) await keyv.disconnect();
  rmSync(directory, { recursive: true, force: true });
});

function create(...parameters: Parameters<typeof createKeyvStore>): Keyv {
  const keyv = createKeyvStore(...parameters);
  opened.push(keyv);
  return keyv;
}

describe('createKeyvStore', () => {
  it('should return a Keyv instance as is, throwing on store errors', () => {
    const keyv = new Keyv();
    expect(create(keyv)).toBe(keyv);
    expect(keyv.throwOnErrors).toBe(true);
  });

  it('should accept a Keyv instance from another copy of keyv', () => {
    const foreign = {
      get: async () => undefined,
      set: async () => true,
      hooks: {},
      stats: {},
      throwOnErrors: false,
    };
    expect(createKeyvStore(foreign as unknown as Keyv)).toBe(foreign);
    expect(foreign.throwOnErrors).toBe(true);
  });

  describe("'memory'", () => {
    it('should create an LRU bounded by entries and bytes', () => {
      const keyv = create('memory');
      expect(keyv.store).toBeInstanceOf(LRUCache);
      expect(keyv.store.max).toBe(10_000);
      expect(keyv.store.maxSize).toBe(64 * 1024 * 1024);
      expect(keyv.namespace).toBe('kagura');
      expect(keyv.throwOnErrors).toBe(true);
      const bounded = create('memory', { maxEntries: 5, maxBytes: 1000, namespace: 'app' });
      expect(bounded.store.max).toBe(5);
      expect(bounded.store.maxSize).toBe(1000);
      expect(bounded.namespace).toBe('app');
    });

    it.each([
      ['maxEntries', 0],
      ['maxEntries', 1.5],
      ['maxBytes', -1],
      ['maxBytes', Number.POSITIVE_INFINITY],
    ])('should reject %s %s with an InvalidArgumentError', (option, value) => {
      expect(() => createKeyvStore('memory', { [option]: value })).toThrow(
        `Invalid cache.${option}: ${value} is not a positive integer.`,
      );
    });

    it("should keep Keyv's envelope as an object, and weigh it by key and value length", async () => {
      const keyv = create('memory');
      await keyv.set('key', '{"answer":42}');
      expect(keyv.store.get('kagura:key')).toEqual({ value: '{"answer":42}', expires: undefined });
      expect(keyv.store.calculatedSize).toBe('kagura:key'.length + '{"answer":42}'.length);
    });

    it('should accept a ttl, which lru-cache then enforces too', async () => {
      vi.useFakeTimers();
      const keyv = create('memory');
      expect(await keyv.set('key', 'value', 1000)).toBe(true);
      expect(keyv.store.getRemainingTTL('kagura:key')).toBe(1000);
      await vi.advanceTimersByTimeAsync(1000);
      expect(keyv.store.has('kagura:key')).toBe(true);
      await vi.advanceTimersByTimeAsync(1);
      expect(keyv.store.has('kagura:key')).toBe(false);
      expect(await keyv.get('key')).toBeUndefined();
    });

    it('should iterate without a namespace over every entry', async () => {
      const keyv = create('memory');
      await keyv.set('a', '1');
      keyv.namespace = undefined;
      const entries: unknown[] = [];
      for await (const entry of keyv.iterator?.(undefined) ?? []) entries.push(entry);
      expect(entries).toEqual([['a', '1']]);
    });
  });

  describe("'sqlite:'", () => {
    it('should create a SqliteStore at the path', async () => {
      const path = join(directory, 'sub', 'cache.db');
      const keyv = create(`sqlite:${path}`);
      expect(keyv.store).toBeInstanceOf(SqliteStore);
      expect(keyv.store.opts.path).toBe(path);
      expect(keyv.store.namespace).toBe('kagura');
      await keyv.set('key', 'value');
      expect(await keyv.get('key')).toBe('value');
    });

    it("should accept the 'sqlite://path' form and an in-memory database", () => {
      const path = join(directory, 'cache.db');
      expect(create(`sqlite://${path}`).store.opts.path).toBe(path);
      expect(create('sqlite::memory:').store.opts.path).toBe(':memory:');
    });

    it('should read data that is no Keyv envelope as a corrupt value, not a failure', async () => {
      const keyv = create(`sqlite:${join(directory, 'cache.db')}`);
      for (const raw of ['not {json', '', '42', 'null', '[1]', '{"no":"value"}']) {
        await keyv.store.set('kagura:key', raw);
        expect(await keyv.get('key')).toBe(corruptValue);
      }
      await keyv.set('key', 'value');
      expect(await keyv.get('key')).toBe('value');
    });

    it("should keep an entry's JSON in Keyv's envelope as JSON, and read one kept as a string", async () => {
      const keyv = create(`sqlite:${join(directory, 'cache.db')}`);
      const entry = '{"version":3,"text":":base64:aGk="}';
      await keyv.set('key', entry, 60_000);
      const stored = (await keyv.store.get('kagura:key')) as string;
      expect(stored).toMatch(/^\{"value":\{"version":3,"text":":base64:aGk="\},"expires":\d+\}$/);
      expect(await keyv.get('key')).toEqual({ version: 3, text: ':base64:aGk=' });
      // As Keyv's default serializer wrote it (before): the entry as a string of JSON.
      await keyv.store.set('kagura:old', JSON.stringify({ value: entry, expires: null }));
      expect(await keyv.get('old')).toBe(entry);
      await keyv.set('other', 'plain text');
      expect(await keyv.get('other')).toBe('plain text');
    });

    it('should wrap the deserializer of a Keyv passed twice only once', () => {
      const keyv = create(`sqlite:${join(directory, 'cache.db')}`);
      const { deserialize } = keyv;
      expect(createKeyvStore(keyv).deserialize).toBe(deserialize);
    });

    it('should reject a store failure, since throwOnErrors is set', async () => {
      const keyv = create(`sqlite:${join(directory, 'cache.db')}`);
      await keyv.store.disconnect();
      await expect(keyv.get('key')).rejects.toThrow(/closed/);
    });
  });

  describe("'redis://'", () => {
    it('should return at once, before any connection, with KeyvRedis prefixing the keys', async () => {
      // Port 1 on loopback: nothing listens there, so a connection could never succeed.
      const warnings: string[] = [];
      const keyv = create('redis://127.0.0.1:1', { warn: (line) => warnings.push(line) });
      const store = keyv.store as RedisStore;
      expect(store).toBeInstanceOf(RedisStore);
      expect(store.namespace).toBe('kagura');
      expect(store.opts).toEqual({ dialect: 'redis', url: 'redis://127.0.0.1:1' });
      expect(keyv.useKeyPrefix).toBe(false);
      expect(keyv.throwOnErrors).toBe(true);
      expect(keyv.iterator).toBeTypeOf('function');
      await store.whenStarted();
      expect(store.client?.isReady).toBe(false);
      expect(store.client?.options.socket).toMatchObject({ connectTimeout: 2000 });
      expect(warnings).toHaveLength(1);
    });

    it("should accept 'rediss://' for TLS", async () => {
      const store = create('rediss://127.0.0.1:1', { warn: false }).store as RedisStore;
      await store.whenStarted();
      expect(store.client?.options.socket).toMatchObject({ tls: true });
    });

    it('should warn once, without the password, when Redis cannot be reached at start', async () => {
      const lines: string[] = [];
      const warnings: StoreUnreachableWarning[] = [];
      const keyv = create('redis://app:s3cret@127.0.0.1:1', {
        warn: (line) => lines.push(line),
        onUnreachable: (warning) => warnings.push(warning),
      });
      for (let attempt = 0; attempt < 3; attempt += 1) {
        await expect(keyv.get('key')).rejects.toThrow();
      }
      expect(lines).toEqual([
        expect.stringMatching(
          /^kagura: cannot reach Redis at redis:\/\/\*\*\*@127\.0\.0\.1:1 \(.*ECONNREFUSED.*\); calls go to the provider uncached until it can be reached/,
        ),
      ]);
      expect(lines[0]).not.toContain('s3cret');
      expect(warnings).toEqual([
        { store: 'redis://***@127.0.0.1:1', message: lines[0], error: expect.any(Error) },
      ]);
    });

    it('should not warn when disconnected before its first attempt ended', async () => {
      const lines: string[] = [];
      const keyv = create('redis://127.0.0.1:1', { warn: (line) => lines.push(line) });
      await keyv.disconnect();
      await (keyv.store as RedisStore).whenStarted();
      expect(lines).toEqual([]);
    });
  });

  describe('invalid stores', () => {
    it.each([
      ["'mongo://x' is not a store", 'mongo://x'],
      ["'sqlite:' names no file", 'sqlite:'],
      ["'redis://bad host' is not a valid URL", 'redis://bad host'],
      ["'redis://***@bad host' is not a valid URL", 'redis://user:secret@bad host'],
      ["'' is not a store", ''],
      ['number 42 is not a store', 42],
      ['an object (Object) is not a store', {}],
      ['an object (SqliteStore) is not a store', new SqliteStore({ path: ':memory:' })],
      ['an object (KeyvRedis) is not a store', new KeyvRedis('redis://127.0.0.1:1')],
    ])('should throw an InvalidArgumentError: %s', (problem, store) => {
      const error = (() => {
        try {
          createKeyvStore(store as CacheStore);
        } catch (error) {
          return error;
        }
        return undefined;
      })();
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as InvalidArgumentError).argument).toBe('cache.store');
      expect((error as Error).message).toBe(
        `Invalid cache.store: ${problem}. Use 'memory', 'sqlite:path/to/cache.db', 'redis://host:port', or a Keyv instance.`,
      );
    });
  });
});
