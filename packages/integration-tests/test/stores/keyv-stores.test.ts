import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyvStore } from '@kagura-ts/core';
import { type RedisServer, shouldSkipRedisTests, startRedisServer } from '@kagura-ts/testing';
import { describeKeyvStoreConformance } from '@kagura-ts/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describeKeyvStoreConformance('memory', {
  create: () => createKeyvStore('memory'),
  fakeTimers: true,
});

let sqliteDirectory: string | undefined;
let sqlitePath = '';

describeKeyvStoreConformance('sqlite', {
  create: () => {
    sqliteDirectory = mkdtempSync(join(tmpdir(), 'kagura-keyv-sqlite-'));
    sqlitePath = join(sqliteDirectory, 'cache.db');
    return createKeyvStore(`sqlite:${sqlitePath}`);
  },
  reopen: (options) => createKeyvStore(`sqlite:${sqlitePath}`, options),
  cleanup: () => {
    if (sqliteDirectory !== undefined) rmSync(sqliteDirectory, { recursive: true, force: true });
    sqliteDirectory = undefined;
  },
});

describe.skipIf(shouldSkipRedisTests())('redis', () => {
  let server: RedisServer;
  let namespaceCount = 0;
  let namespace = '';

  beforeAll(async () => {
    server = await startRedisServer();
  });

  afterAll(async () => {
    await server?.stop();
  });

  describeKeyvStoreConformance('redis', {
    create: async () => {
      // One server for the file; a fresh namespace gives each test an empty store.
      namespaceCount += 1;
      namespace = `conformance-${namespaceCount}`;
      return createKeyvStore(server.url as `redis://${string}`, { namespace });
    },
    reopen: (options) =>
      createKeyvStore(server.url as `redis://${string}`, {
        namespace: options?.namespace ?? namespace,
      }),
  });
});

describe('memory store', () => {
  it('should evict the least recently used entry beyond maxEntries', async () => {
    const keyv = createKeyvStore('memory', { maxEntries: 3 });
    for (const key of ['a', 'b', 'c', 'd']) await keyv.set(key, key);
    expect(await keyv.getMany(['a', 'b', 'c', 'd'])).toEqual([undefined, 'b', 'c', 'd']);
  });

  it('should evict the least recently used entries beyond maxBytes', async () => {
    // Each entry weighs its key ('kagura:k1', 9) plus its value (91): 100.
    const keyv = createKeyvStore('memory', { maxBytes: 250 });
    const value = 'x'.repeat(91);
    for (const key of ['k1', 'k2', 'k3']) await keyv.set(key, value);
    expect(await keyv.getMany(['k1', 'k2', 'k3'])).toEqual([undefined, value, value]);
  });

  it('should not store an entry larger than maxBytes', async () => {
    const keyv = createKeyvStore('memory', { maxBytes: 100 });
    await keyv.set('small', 'x');
    await keyv.set('large', 'x'.repeat(200));
    expect(await keyv.get('large')).toBeUndefined();
    expect(await keyv.get('small')).toBe('x');
  });

  it('should refresh the recency of an entry that is read', async () => {
    const keyv = createKeyvStore('memory', { maxEntries: 2 });
    await keyv.set('a', 'a');
    await keyv.set('b', 'b');
    expect(await keyv.get('a')).toBe('a');
    await keyv.set('c', 'c');
    expect(await keyv.getMany(['a', 'b', 'c'])).toEqual(['a', undefined, 'c']);
  });

  it('should not refresh recency while iterating', async () => {
    const keyv = createKeyvStore('memory', { maxEntries: 2 });
    await keyv.set('a', 'a');
    await keyv.set('b', 'b');
    for await (const _ of keyv.iterator?.(keyv.namespace) ?? []) {
      // Only reading.
    }
    await keyv.set('c', 'c');
    expect(await keyv.getMany(['a', 'b', 'c'])).toEqual([undefined, 'b', 'c']);
  });
});
